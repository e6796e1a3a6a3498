#include "core/collect/namespaceidentity.h"
#include "netnstestmain.h"
#include "core/collect/sysctlreader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace {

// A mount namespace of the test's own, made while the process is still single-threaded: the
// tmpfs over /etc/sudoers.d and /dev below vanish with it.
bool privateMounts(QString *error)
{
    if (geteuid() != 0)
        return true; // initTestCase skips
    // /run too: sudo keeps its time stamps under /run/sudo.
    if (unshare(CLONE_NEWNS) != 0 || mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0
        || mount("sockscope-run", "/run", "tmpfs", 0, "mode=0755") != 0) {
        *error = QStringLiteral("private mounts: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    return true;
}

}

// The installed helper run by a real `sudo -n` for an unprivileged user (nobody) whose sudoers
// rule names the helper with no arguments (the rule the documentation gave before): the helper itself
// must take the caller from SUDO_UID, log that uid, apply where sudo started it, and refuse
// persisting, --persist-dir and --netns. The documented rule (docs/privileged-helper.md, `… apply *`) is checked on a copy.
// syslog goes to a /dev/log socket of the test's own, in a private /dev.
class TestSudoHelper : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_log = -1;
    QString m_documentedHelper;

    struct Run
    {
        int exitCode = -1;
        QString out;
        QStringList log; // the helper's syslog lines (sudo's own are left out)
    };

    static QString value(const char *name) { return QString::fromStdString(SysctlReader::read(name).value); }

    QStringList drainLog() const
    {
        QStringList lines;
        char datagram[4096];
        ssize_t n = 0;
        while ((n = recv(m_log, datagram, sizeof datagram, MSG_DONTWAIT)) > 0) {
            const QString line = QString::fromUtf8(datagram, n);
            if (line.contains(QLatin1String("sockscope-sysctl-helper[")))
                lines << line;
        }
        return lines;
    }

    // argv run as nobody, from / with descriptor 7 on this namespace (a caller's own).
    Run asNobody(const QStringList &argv)
    {
        drainLog();
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.setWorkingDirectory(QStringLiteral("/"));
        process.start(
            QStringLiteral("setpriv"),
            QStringList {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups")}
                + argv);
        Run run;
        if (process.waitForFinished(30000) && process.exitStatus() == QProcess::NormalExit)
            run.exitCode = process.exitCode();
        run.out = QString::fromUtf8(process.readAll());
        run.log = drainLog();
        return run;
    }

    Run sudo(const QStringList &arguments, const QString &helper = QStringLiteral(SOCKSCOPE_HELPER))
    {
        return asNobody(QStringList {QStringLiteral("sudo"), QStringLiteral("-n"), helper} + arguments);
    }

    // /dev as before, but a tmpfs of its own where /dev/log can be made: each entry bound back
    // from the /dev underneath, reached through a descriptor opened before the tmpfs covers it
    // (no second name for the host's /dev that a temporary directory's removal could walk).
    bool privateDev(QString *error)
    {
        const int old = open("/dev", O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (old < 0 || mount("sockscope-dev", "/dev", "tmpfs", 0, "mode=0755") != 0) {
            *error = QString::fromLocal8Bit(std::strerror(errno));
            return false;
        }
        const auto closeOld = qScopeGuard([old] { close(old); });
        const QDir oldDev(QStringLiteral("/proc/self/fd/%1").arg(old));
        const QFileInfoList entries = oldDev.entryInfoList(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot);
        for (const QFileInfo &entry : entries) {
            const QByteArray target = QFile::encodeName(QStringLiteral("/dev/") + entry.fileName());
            const QByteArray source = QFile::encodeName(oldDev.filePath(entry.fileName()));
            bool made = false;
            if (entry.isSymLink())
                made = symlink(QFile::encodeName(QFile(entry.filePath()).symLinkTarget()).constData(), target.constData()) == 0;
            else if (entry.isDir())
                made = mkdir(target.constData(), 0755) == 0
                    && mount(source.constData(), target.constData(), nullptr, MS_BIND | MS_REC, nullptr) == 0;
            else
                made = QFile(QString::fromLocal8Bit(target)).open(QIODevice::WriteOnly)
                    && mount(source.constData(), target.constData(), nullptr, MS_BIND, nullptr) == 0;
            if (!made) {
                *error = QStringLiteral("/dev/%1: %2").arg(entry.fileName(), QString::fromLocal8Bit(std::strerror(errno)));
                return false;
            }
        }
        m_log = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un address {};
        address.sun_family = AF_UNIX;
        std::strcpy(address.sun_path, "/dev/log");
        if (m_log < 0 || bind(m_log, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
            || chmod("/dev/log", 0666) != 0) {
            *error = QStringLiteral("/dev/log: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        return true;
    }

private slots:
    void initTestCase()
    {
        if (geteuid() != 0)
            QSKIP("needs root: a mount namespace, /etc/sudoers.d and /dev of its own");
        if (!QFileInfo(QStringLiteral("/usr/bin/sudo")).isExecutable())
            QSKIP("sudo is not installed (Debian: apt install sudo)");
        QVERIFY(m_dir.isValid());
        QFile::setPermissions(m_dir.path(),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther | QFile::ExeOther
                                  | QFile::ReadGroup | QFile::ExeGroup);
        QString error;
        QVERIFY2(privateDev(&error), qPrintable(error));

        // The documented rule, for nobody, on a copy of the helper (sudo matches the path).
        QFile page(QStringLiteral(SOURCE_DIR "/docs/privileged-helper.md"));
        QVERIFY(page.open(QIODevice::ReadOnly));
        const QRegularExpression ruleLine(QStringLiteral("^# alice (ALL=\\(root\\) NOPASSWD: (\\S+) .*)$"),
                                          QRegularExpression::MultilineOption);
        const QRegularExpressionMatch rule = ruleLine.match(QString::fromUtf8(page.readAll()));
        QVERIFY2(rule.hasMatch(), "no sudoers rule in docs/privileged-helper.md");
        QCOMPARE(rule.captured(2), QStringLiteral("/usr/libexec/sockscope/sockscope-sysctl-helper"));
        m_documentedHelper = m_dir.filePath(QStringLiteral("sockscope-sysctl-helper"));
        QVERIFY(QFile::copy(QStringLiteral(SOCKSCOPE_HELPER), m_documentedHelper));
        QString documentedRule = rule.captured(1);
        documentedRule.replace(rule.captured(2), m_documentedHelper);

        // The worst case for the installed helper: the rule without arguments.
        const QByteArray sudoers = "nobody ALL=(root) NOPASSWD: " + QFile::encodeName(QStringLiteral(SOCKSCOPE_HELPER)) + "\n"
            + "nobody " + documentedRule.toUtf8() + "\n";
        QCOMPARE(mount("sockscope-sudoers", "/etc/sudoers.d", "tmpfs", 0, "mode=0755"), 0);
        QFile file(QStringLiteral("/etc/sudoers.d/sockscope"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(sudoers), sudoers.size());
        file.close();
        QVERIFY(QFile::setPermissions(file.fileName(), QFile::ReadOwner | QFile::ReadGroup));
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), QStringLiteral("60")); // this test's fresh namespace
    }

    void applyWorksAndLogsTheCaller()
    {
        const Run run = sudo({"apply", "net.ipv4.tcp_fin_timeout=31"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out));
        QVERIFY2(run.out.contains(QLatin1String("applied\tnet.ipv4.tcp_fin_timeout\t60\t31")), qPrintable(run.out));
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), QStringLiteral("31"));
        // The log names nobody (65534), never root.
        const QString log = run.log.join(QLatin1Char('\n'));
        QVERIFY2(log.contains(QLatin1String("]: uid 65534, netns ")), qPrintable(log));
        QVERIFY2(!log.contains(QLatin1String("uid 0")), qPrintable(log));
    }

    void persistIsRefused()
    {
        const Run run = sudo({"persist", "net.ipv4.tcp_fin_timeout=32"});
        QCOMPARE(run.exitCode, 5);
        QVERIFY2(run.out.contains(QLatin1String("\"persist\" is not accepted through sudo")), qPrintable(run.out));
        QVERIFY2(run.log.join(QLatin1Char('\n')).contains(QLatin1String("uid 65534: refused")), qPrintable(run.log.join('\n')));
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), QStringLiteral("31"));
        QVERIFY(!QFile::exists(QStringLiteral("/etc/sysctl.d/90-sockscope.conf")));
    }

    void persistDirIsRefused()
    {
        const QString dir = m_dir.filePath(QStringLiteral("elsewhere"));
        QVERIFY(QDir().mkpath(dir));
        for (const char *operation : {"persist", "apply"}) {
            const Run run = sudo({operation, "--persist-dir", dir, "net.ipv4.tcp_fin_timeout=33"});
            QCOMPARE(run.exitCode, 5);
            QVERIFY(QDir(dir).isEmpty());
        }
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), QStringLiteral("31"));
    }

    void anotherNamespaceIsRefused()
    {
        // pid 1's namespace (the host's), named with its true identity: refused all the same.
        const QString id = QString::fromStdString(NamespaceIdentity::ofPath("/proc/1/ns/net").toString());
        Run run = sudo({"apply", "--netns", "/proc/1/ns/net", "--netns-id", id, "net.ipv4.tcp_fin_timeout=34"});
        QCOMPARE(run.exitCode, 5);
        QVERIFY2(run.out.contains(QLatin1String("--netns is not accepted through sudo")), qPrintable(run.out));
        // And the caller's own namespace through its descriptor: still only where sudo started it.
        const QString here = QString::fromStdString(NamespaceIdentity::ofCallingThread().toString());
        run = asNobody({"sh", "-c",
                        "exec 7</proc/self/ns/net; sudo -n \"$0\" apply --netns /proc/$$/fd/7 --netns-id \"$1\" "
                        "net.ipv4.tcp_fin_timeout=34",
                        SOCKSCOPE_HELPER, here});
        QCOMPARE(run.exitCode, 5);
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), QStringLiteral("31"));
    }

    void aCallersOwnSudoUidIsNotBelieved()
    {
        // Without sudo the helper is not privileged, and it logs who really ran it.
        const Run run = asNobody({"env", "SUDO_UID=0", "PKEXEC_UID=0", SOCKSCOPE_HELPER, "apply", "net.ipv4.tcp_fin_timeout=35"});
        QVERIFY(run.exitCode != 0);
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), QStringLiteral("31"));
        const QString log = run.log.join(QLatin1Char('\n'));
        QVERIFY2(log.contains(QLatin1String("uid 65534")), qPrintable(log));
        QVERIFY2(!log.contains(QLatin1String("uid 0")), qPrintable(log));
    }

    void theDocumentedRuleLetsOnlyApplyThrough()
    {
        // sudo itself refuses anything but "apply …" (the helper would refuse persist anyway).
        Run run = sudo({"persist", "net.ipv4.tcp_fin_timeout=36"}, m_documentedHelper);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QLatin1String("not allowed")) || run.out.contains(QLatin1String("password is required")),
                 qPrintable(run.out));
        QVERIFY(run.log.isEmpty());
        run = sudo({"apply", "net.ipv4.tcp_fin_timeout=36"}, m_documentedHelper);
        QVERIFY2(run.exitCode == 0, qPrintable(run.out));
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), QStringLiteral("36"));
    }
};

SOCKSCOPE_ISOLATED_TEST_MAIN(privateMounts, TestSudoHelper, QCoreApplication)
#include "tst_sudohelper.moc"
