#include "core/collect/namespaceidentity.h"
#include "netnstestmain.h"
#include "sysctl/sysctlcatalog.h"
#include "sysctl/sysctlpersister.h"
#include "core/collect/sysctlreader.h"
#include "sysctl/sysctlreportcodec.h"
#include "sysctl/sysctlwriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

// sockscope-sysctl-helper as pkexec would run it (as root), in a private network namespace.
class TestSysctlHelper : public QObject
{
    Q_OBJECT

    struct Run
    {
        int exitCode = -1;
        QString out;
    };

    // The test build (it takes --persist-dir) unless `program` says otherwise.
    static Run helper(const QStringList &arguments, const QStringList &prefix = {},
                      const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
                      const QString &program = QStringLiteral(SOCKSCOPE_HELPER_TESTBUILD))
    {
        QProcess process;
        process.setProcessEnvironment(environment);
        const QStringList argv = prefix + QStringList {program} + arguments;
        process.start(argv.first(), argv.mid(1));
        Run run;
        if (process.waitForFinished(30000) && process.exitStatus() == QProcess::NormalExit)
            run.exitCode = process.exitCode();
        run.out = QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
        return run;
    }

    // Every catalog sysctl as this namespace has it now.
    static QMap<QString, QString> values()
    {
        QMap<QString, QString> all;
        for (const QString &name : SysctlCatalog::readableNames())
            all.insert(name, QString::fromStdString(SysctlReader::read(name.toStdString()).value));
        return all;
    }

    static QString value(const char *name) { return QString::fromStdString(SysctlReader::read(name).value); }

private slots:
    void init()
    {
        QString error;
        QVERIFY2(PrivateNetworkNamespace::enterFresh(&error), qPrintable(error));
    }

    void badInputWritesNothing_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown name") << QStringList {"net.ipv4.tcp_bogus=1"} << "not a sysctl sockscope manages";
        QTest::newRow("path traversal") << QStringList {"../../kernel/hostname=evil"} << "not a sysctl";
        QTest::newRow("slashes") << QStringList {"net/ipv4/tcp_fin_timeout=30"} << "not a sysctl";
        QTest::newRow("negative") << QStringList {"net.ipv4.tcp_fin_timeout=-1"} << "whole number from 1 to 3600";
        QTest::newRow("overflow") << QStringList {"net.ipv4.tcp_max_tw_buckets=99999999999999999999"} << "whole number";
        QTest::newRow("non-digit") << QStringList {"net.ipv4.tcp_fin_timeout=3O"} << "whole number";
        QTest::newRow("empty value") << QStringList {"net.ipv4.tcp_fin_timeout="} << "whole number";
        QTest::newRow("no equals") << QStringList {"net.ipv4.tcp_fin_timeout"} << "is not name=value";
        QTest::newRow("shell") << QStringList {"net.ipv4.tcp_fin_timeout=30;reboot"} << "whole number";
        QTest::newRow("substitution") << QStringList {"net.ipv4.tcp_fin_timeout=$(id)"} << "whole number";
        QTest::newRow("duplicate") << QStringList {"net.ipv4.tcp_fin_timeout=30", "net.ipv4.tcp_fin_timeout=31"} << "given twice";
        QStringList many;
        for (int i = 0; i < 33; ++i)
            many << QStringLiteral("net.ipv4.tcp_fin_timeout=30");
        QTest::newRow("too many pairs") << many << "Too many changes";
        QTest::newRow("tcp_tw_recycle") << QStringList {"net.ipv4.tcp_tw_recycle=1"} << "Removed in Linux 4.12";
        QTest::newRow("one good, one bad") << QStringList {"net.ipv4.tcp_tw_reuse=1", "net.ipv4.tcp_fin_timeout=0"}
                                           << "whole number from 1 to 3600";
        QTest::newRow("not in this namespace") << QStringList {"net.ipv4.tcp_tw_reuse=1", "net.ipv4.tcp_max_orphans=4096"}
                                               << "refused\tnet.ipv4.tcp_max_orphans\t\t\tabsent";
        QTest::newRow("nothing") << QStringList {} << "Nothing to change";
    }

    void badInputWritesNothing()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const QMap<QString, QString> before = values();
        const Run run = helper(QStringList {QStringLiteral("apply")} + arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.out.contains(message), qPrintable(run.out));
        QVERIFY(!run.out.contains(QLatin1String("applied")));
        QCOMPARE(values(), before);
    }

    void validWritesAreReadBack()
    {
        const Run run =
            helper({"apply", "net.ipv4.tcp_tw_reuse=1", "net.ipv4.tcp_fin_timeout=25", "net.ipv4.ip_local_port_range=20000-61000",
                    "net.ipv4.ip_local_reserved_ports=9002,9000-9001,8080", "net.ipv4.tcp_syncookies=1"});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(value("net.ipv4.tcp_tw_reuse"), QStringLiteral("1"));
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), QStringLiteral("25"));
        QCOMPARE(value("net.ipv4.ip_local_port_range"), QStringLiteral("20000 61000"));
        QCOMPARE(value("net.ipv4.ip_local_reserved_ports"), QStringLiteral("8080,9000-9002"));
        QVERIFY2(run.out.contains(QLatin1String("applied\tnet.ipv4.tcp_fin_timeout\t60\t25")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QLatin1String("unchanged\tnet.ipv4.tcp_syncookies\t1\t1")), qPrintable(run.out));
    }

    void kernelRefusalRollsBack()
    {
        // tcp_fin_timeout made read-only in a mount namespace of the helper's own: the kernel then
        // refuses the second write (EROFS) after the first has been made.
        const QString finTimeout = QStringLiteral("/proc/sys/net/ipv4/tcp_fin_timeout");
        const QString script = QStringLiteral("mount --bind -o ro %1 %1 && exec \"$0\" \"$@\"").arg(finTimeout);
        const Run run =
            helper({"apply", "net.ipv4.tcp_tw_reuse=0", "net.ipv4.tcp_fin_timeout=40"},
                   {QStringLiteral("unshare"), QStringLiteral("-m"), QStringLiteral("sh"), QStringLiteral("-c"), script});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.out.contains(QLatin1String("rolledback\tnet.ipv4.tcp_tw_reuse\t2\t2\tput-back")), qPrintable(run.out));
        // `after` is what the kernel holds, re-read: the refused item kept its old value.
        QVERIFY2(run.out.contains(QString("failed\tnet.ipv4.tcp_fin_timeout\t60\t60\tkernel-refused\t%1").arg(EROFS)),
                 qPrintable(run.out));
        QVERIFY(run.out.contains("failure\tkernel"));
        QCOMPARE(value("net.ipv4.tcp_tw_reuse"), QStringLiteral("2"));
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), QStringLiteral("60"));
    }

    void persistedFile()
    {
        QTemporaryDir dir;
        QFile later(dir.filePath(QStringLiteral("99-local.conf")));
        QVERIFY(later.open(QIODevice::WriteOnly));
        later.write("net.ipv4.tcp_tw_reuse = 0\n");
        later.close();
        Run run = helper(
            {"persist", "--persist-dir", dir.path(), "net.ipv4.tcp_tw_reuse=1", "net.ipv4.ip_local_port_range=20000-61000"});
        QCOMPARE(run.exitCode, 0);
        // A second request keeps the first one's keys and adds its own.
        run = helper({"persist", "--persist-dir", dir.path(), "net.ipv4.tcp_tw_reuse_delay=2000", "net.ipv4.tcp_tw_reuse=2"});
        QCOMPARE(run.exitCode, 0);
        // Set again by a file applied later at boot: said, not hidden.
        QVERIFY2(run.out.contains("overridden\tnet.ipv4.tcp_tw_reuse\t" + dir.filePath("99-local.conf") + "\t0"),
                 qPrintable(run.out));
        QVERIFY(run.out.contains("saved\t" + dir.filePath(SysctlPersister::fileName())));
        QFile file(dir.filePath(SysctlPersister::fileName()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        const QByteArray expected = SysctlPersister::render({{"net.ipv4.tcp_tw_reuse", "2"},
                                                             {"net.ipv4.ip_local_port_range", "20000-61000"},
                                                             {"net.ipv4.tcp_tw_reuse_delay", "2000"}});
        QCOMPARE(text, expected);
        QVERIFY(text.contains("\nnet.ipv4.ip_local_port_range = 20000 61000\n"));
        QVERIFY(text.contains("\n-net.ipv4.tcp_tw_reuse_delay = 2000\n")); // may be missing on older kernels
        QCOMPARE(QFile(dir.filePath(SysctlPersister::fileName())).permissions() & QFile::WriteOther, QFile::Permissions());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 2); // no temporary file left behind
    }

    void persistingNeedsTheHostNamespace()
    {
        const Run run = helper({"persist", "net.ipv4.tcp_tw_reuse=1"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.out.contains(QLatin1String("host's")), qPrintable(run.out));
        QCOMPARE(value("net.ipv4.tcp_tw_reuse"), QStringLiteral("2"));
        QVERIFY(!QFile::exists(QStringLiteral("/etc/sysctl.d/90-sockscope.conf")));
    }

    void pkexecCannotRedirectFiles()
    {
        QTemporaryDir dir;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("PKEXEC_UID"), QStringLiteral("1000"));
        Run run = helper({"persist", "--persist-dir", dir.path(), "net.ipv4.tcp_tw_reuse=1"}, {}, environment);
        QCOMPARE(run.exitCode, 5);
        QCOMPARE(value("net.ipv4.tcp_tw_reuse"), QStringLiteral("2"));
        QVERIFY(QDir(dir.path()).isEmpty());
        // The operation word counts only as the first argument, which polkit matched to an action.
        run = helper({"apply", "net.ipv4.tcp_tw_reuse=1", "persist"});
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(value("net.ipv4.tcp_tw_reuse"), QStringLiteral("2"));
        run = helper({"apply", "net.ipv4.tcp_tw_reuse=1", "--persist"});
        QCOMPARE(run.exitCode, 5);
        QCOMPARE(value("net.ipv4.tcp_tw_reuse"), QStringLiteral("2"));
        // The window learns why from the helper's error line, through the same codec.
        const SysctlApplyReport report = SysctlReportCodec::decode(run.out.toUtf8());
        QVERIFY(!report.ok);
        QVERIFY2(report.error.contains(QLatin1String("unknown or misplaced option --persist")), qPrintable(run.out));
    }

    void theInstalledHelperHasNoPersistDir()
    {
        // Root itself, directly: the option is not compiled into the helper that is installed.
        QTemporaryDir dir;
        const Run run = helper({"persist", "--persist-dir", dir.path(), "net.ipv4.tcp_tw_reuse=1"}, {},
                               QProcessEnvironment::systemEnvironment(), QStringLiteral(SOCKSCOPE_HELPER));
        QCOMPARE(run.exitCode, 5);
        QVERIFY2(run.out.contains(QLatin1String("unknown or misplaced option --persist-dir")), qPrintable(run.out));
        QCOMPARE(value("net.ipv4.tcp_tw_reuse"), QStringLiteral("2"));
        QVERIFY(QDir(dir.path()).isEmpty());
        QFile binary(QStringLiteral(SOCKSCOPE_HELPER));
        QVERIFY(binary.open(QIODevice::ReadOnly));
        QVERIFY(!binary.readAll().contains("--persist-dir"));
    }

    void sudoRunsOnlyApplyWhereItStands_data()
    {
        // SUDO_UID as sudo sets it, and root's real uid: what a sudo run looks like to the helper
        // (tst_sudohelper runs the real sudo). Exit 5 and nothing changed for each.
        QTest::addColumn<QString>("sudoUid");
        QTest::addColumn<QString>("pkexecUid");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("why");
        const QString here = QStringLiteral("/proc/%1/ns/net").arg(getpid());
        const QString id = QString::fromStdString(NamespaceIdentity::ofCallingThread().toString());
        QTest::newRow("persist") << "1000" << QString() << QStringList {"persist", "net.ipv4.tcp_tw_reuse=1"}
                                 << "\"persist\" is not accepted through sudo";
        QTest::newRow("netns") << "1000" << QString()
                               << QStringList {"apply", "--netns", here, "--netns-id", id, "net.ipv4.tcp_tw_reuse=1"}
                               << "--netns is not accepted through sudo";
        QTest::newRow("netns-id only") << "1000" << QString()
                                       << QStringList {"apply", "--netns-id", id, "net.ipv4.tcp_tw_reuse=1"}
                                       << "--netns is not accepted through sudo";
        for (const char *bad : {"", "01000", "+1000", "-1", "1000 ", "4294967295", "99999999999999999999", "１０００"})
            QTest::newRow(qPrintable(QStringLiteral("SUDO_UID=%1").arg(QString::fromUtf8(bad))))
                << QString::fromUtf8(bad) << QString() << QStringList {"apply", "net.ipv4.tcp_tw_reuse=1"}
                << "SUDO_UID is not a user id";
        QTest::newRow("both") << "1000"
                              << "1000" << QStringList {"apply", "net.ipv4.tcp_tw_reuse=1"}
                              << "PKEXEC_UID and SUDO_UID are both set";
    }

    void sudoRunsOnlyApplyWhereItStands()
    {
        QFETCH(QString, sudoUid);
        QFETCH(QString, pkexecUid);
        QFETCH(QStringList, arguments);
        QFETCH(QString, why);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("SUDO_UID"), sudoUid);
        if (!pkexecUid.isNull())
            environment.insert(QStringLiteral("PKEXEC_UID"), pkexecUid);
        const Run run = helper(arguments, {}, environment, QStringLiteral(SOCKSCOPE_HELPER));
        QCOMPARE(run.exitCode, 5);
        QVERIFY2(run.out.contains(why), qPrintable(run.out));
        QCOMPARE(value("net.ipv4.tcp_tw_reuse"), QStringLiteral("2"));
        QVERIFY(!QFile::exists(QStringLiteral("/etc/sysctl.d/90-sockscope.conf")));
    }

    void sudoApplies()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("SUDO_UID"), QStringLiteral("1000"));
        const Run run = helper({"apply", "net.ipv4.tcp_tw_reuse=1"}, {}, environment, QStringLiteral(SOCKSCOPE_HELPER));
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(value("net.ipv4.tcp_tw_reuse"), QStringLiteral("1"));
    }

    void operationWordIsMandatory_data()
    {
        // Each of these would, with the old argument form, reach an action polkit matched by path
        // alone; the helper now refuses all of them before looking at anything.
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("missing") << QStringList {"net.ipv4.tcp_tw_reuse=1"};
        QTest::newRow("none at all") << QStringList {};
        QTest::newRow("old option") << QStringList {"--persist", "net.ipv4.tcp_tw_reuse=1"};
        QTest::newRow("other case") << QStringList {"Apply", "net.ipv4.tcp_tw_reuse=1"};
        QTest::newRow("longer word") << QStringList {"persistent", "net.ipv4.tcp_tw_reuse=1"};
        QTest::newRow("empty word") << QStringList {"", "net.ipv4.tcp_tw_reuse=1"};
        QTest::newRow("not first") << QStringList {"net.ipv4.tcp_tw_reuse=1", "apply"};
    }

    void operationWordIsMandatory()
    {
        QFETCH(QStringList, arguments);
        const Run run = helper(arguments);
        QCOMPARE(run.exitCode, 5);
        QVERIFY2(run.out.contains(QLatin1String("first argument must be \"apply\" or \"persist\"")), qPrintable(run.out));
        QCOMPARE(value("net.ipv4.tcp_tw_reuse"), QStringLiteral("2"));
    }

    // The kernel's text for a sysctl, read in one go with room to spare (a large bitmap answers
    // EOF at any offset but 0), and written the way `sysctl -w` does: every short write continued.
    static QByteArray procRead(const char *file)
    {
        QByteArray text(1 << 20, '\0');
        const int fd = ::open(file, O_RDONLY | O_CLOEXEC);
        const ssize_t got = fd < 0 ? -1 : ::pread(fd, text.data(), std::size_t(text.size()), 0);
        ::close(fd);
        text.truncate(got < 0 ? 0 : got);
        return text.trimmed();
    }
    static bool procWrite(const char *file, const QByteArray &text)
    {
        const int fd = ::open(file, O_WRONLY | O_CLOEXEC);
        qsizetype done = 0;
        ssize_t n = 0;
        while (fd >= 0 && done < text.size() && (n = ::write(fd, text.constData() + done, std::size_t(text.size() - done))) > 0)
            done += n;
        return ::close(fd) == 0 && done == text.size();
    }

    void rollbackRestoresLongValuesExactly()
    {
        // 1,500 single ports: ~9,000 bytes, more than one page. The old writer read 4,095 bytes
        // once and wrote once, so a rollback cut the list and still said "put back".
        const char *reserved = "/proc/sys/net/ipv4/ip_local_reserved_ports";
        QByteArrayList ports;
        for (int i = 0; i < 1500; ++i)
            ports << QByteArray::number(10000 + 3 * i);
        const QByteArray longList = ports.join(',');
        QVERIFY(longList.size() > 4095);
        QVERIFY(procWrite(reserved, longList + '\n'));
        QCOMPARE(procRead(reserved), longList);

        const QString script = QStringLiteral("mount --bind -o ro %1 %1 && exec \"$0\" \"$@\"")
                                   .arg(QStringLiteral("/proc/sys/net/ipv4/tcp_fin_timeout"));
        const Run run =
            helper({"apply", "net.ipv4.ip_local_reserved_ports=8080,9000-9010", "net.ipv4.tcp_fin_timeout=40"},
                   {QStringLiteral("unshare"), QStringLiteral("-m"), QStringLiteral("sh"), QStringLiteral("-c"), script});
        QCOMPARE(run.exitCode, 3);
        QCOMPARE(procRead(reserved), longList);
        // The report's `after` is the kernel's value re-read, the whole of it.
        const QString expected = QStringLiteral("rolledback\tnet.ipv4.ip_local_reserved_ports\t%1\t%1\tput-back\t0\t1")
                                     .arg(QString::fromLatin1(longList));
        QVERIFY2(run.out.contains(expected), qPrintable(run.out.left(300)));
        const SysctlApplyReport report = SysctlReportCodec::decode(run.out.toUtf8());
        QCOMPARE(report.items.size(), std::size_t(2));
        QVERIFY(report.items[0].isAsBefore());
        QCOMPARE(report.items[0].after.size(), longList.size());
    }

    void anUndoThatFailsIsReported()
    {
        // The undo of a long list fails half-way: its second page-sized write() gets EIO (strace's
        // fault injection; the kernel keeps the first page's ports). The report must say the
        // value could not be restored and give what the kernel holds, not "put back".
        if (QStandardPaths::findExecutable(QStringLiteral("strace")).isEmpty())
            QSKIP("strace is needed to make an undo write fail");
        const char *reserved = "/proc/sys/net/ipv4/ip_local_reserved_ports";
        QByteArrayList ports;
        for (int i = 0; i < 1500; ++i)
            ports << QByteArray::number(10000 + 3 * i);
        const QByteArray longList = ports.join(',');
        QVERIFY(procWrite(reserved, longList + '\n'));
        // write() 1: the new list; tcp_fin_timeout then fails at open() (read-only mount);
        // write() 2 and 3: the undo, one page each.
        const QString script = QStringLiteral("mount --bind -o ro %1 %1 && exec strace -qq -o /dev/null -e trace=write "
                                              "-e inject=write:error=EIO:when=3 \"$0\" \"$@\"")
                                   .arg(QStringLiteral("/proc/sys/net/ipv4/tcp_fin_timeout"));
        const Run run =
            helper({"apply", "net.ipv4.ip_local_reserved_ports=8080", "net.ipv4.tcp_fin_timeout=40"},
                   {QStringLiteral("unshare"), QStringLiteral("-m"), QStringLiteral("sh"), QStringLiteral("-c"), script});
        QCOMPARE(run.exitCode, 3);
        const QByteArray holds = procRead(reserved);
        QVERIFY(!holds.isEmpty() && holds != longList && longList.startsWith(holds));
        const SysctlApplyReport report = SysctlReportCodec::decode(run.out.toUtf8());
        QCOMPARE(report.items.size(), std::size_t(2));
        const SysctlItemResult &item = report.items[0];
        QCOMPARE(item.status, SysctlItemResult::Status::RolledBack);
        QCOMPARE(item.reason, SysctlItemResult::Reason::PutBackFailed);
        QCOMPARE(item.errorNumber, EIO);
        QCOMPARE(item.before.toLatin1(), longList);
        QCOMPARE(item.after.toLatin1(), holds);
        QVERIFY(!item.isAsBefore());
        QVERIFY2(report.describeError().contains(QLatin1String("could not be restored")), qPrintable(report.describeError()));
    }

    void signalsCannotCutARequestShort_data()
    {
        QTest::addColumn<QString>("signal");
        // What a terminal sends the whole foreground group (a window started from it included),
        // whatever the helper's uid, and what a caller's closed pipe sends.
        for (const char *name : {"SIGINT", "SIGQUIT", "SIGHUP", "SIGTERM", "SIGPIPE"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    void signalsCannotCutARequestShort()
    {
        // The signal arrives on the first write() (strace's injection): after tcp_fin_timeout is
        // written, before tcp_orphan_retries. Killed there, the request was half applied, with
        // no undo, no report and no outcome in the log.
        if (QStandardPaths::findExecutable(QStringLiteral("strace")).isEmpty())
            QSKIP("strace is needed to send a signal at a given write");
        QFETCH(QString, signal);
        const Run run = helper({"apply", "net.ipv4.tcp_fin_timeout=45", "net.ipv4.tcp_orphan_retries=5"},
                               {QStringLiteral("strace"), QStringLiteral("-qq"), QStringLiteral("-o"),
                                QStringLiteral("/dev/null"), QStringLiteral("-e"), QStringLiteral("trace=write"),
                                QStringLiteral("-e"), QStringLiteral("inject=write:signal=%1:when=1").arg(signal)});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), QStringLiteral("45"));
        QCOMPARE(value("net.ipv4.tcp_orphan_retries"), QStringLiteral("5"));
        const SysctlApplyReport report = SysctlReportCodec::decode(run.out.toUtf8());
        QCOMPARE(report.items.size(), std::size_t(2));
        QVERIFY(report.ok);
    }

    void longValuesAreReadAndWrittenWhole()
    {
        // What the undo relies on. A request itself holds at most SysctlValue::MaximumListItems.
        QByteArrayList ports;
        for (int i = 0; i < 1500; ++i)
            ports << QByteArray::number(20000 + 2 * i);
        const QByteArray longList = ports.join(',');
        const QString path = QStringLiteral("/proc/sys/net/ipv4/ip_local_reserved_ports");
        int error = -1;
        QVERIFY(SysctlWriter::writeText(path, longList + '\n', &error));
        QCOMPARE(error, 0);
        QCOMPARE(procRead("/proc/sys/net/ipv4/ip_local_reserved_ports"), longList);
        QByteArray text;
        QVERIFY(SysctlWriter::readText(path, &text, &error));
        QCOMPARE(text.trimmed(), longList);
    }

    void logsEveryRequestEscapedAndBounded_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QStringList>("logged"); // must appear on the log
        QTest::addColumn<QStringList>("notLogged"); // must not
        const QString escape = QStringLiteral("net.ipv4.tcp_fin_timeout=3\x1b[2J\nFAKE: root login");
        QTest::newRow("control characters") << QStringList {"apply", escape}
                                            << QStringList {"\\x1b[2J\\x0aFAKE: root login", "refused"}
                                            << QStringList {"\x1b", "\nFAKE"};
        const QString longValue = QStringLiteral("net.ipv4.tcp_fin_timeout=") + QString(5000, QLatin1Char('9'));
        QTest::newRow("long value") << QStringList {"apply", longValue} << QStringList {"(5025 bytes)"}
                                    << QStringList {QString(300, QLatin1Char('9'))};
        QTest::newRow("bad operation") << QStringList {"--persist\x07", "net.ipv4.tcp_tw_reuse=1"}
                                       << QStringList {"refused", "--persist\\x07"} << QStringList {"\x07"};
        QTest::newRow("allowed") << QStringList {"apply", "net.ipv4.tcp_tw_reuse=1"}
                                 << QStringList {"request: apply net.ipv4.tcp_tw_reuse=1",
                                                 "applied net.ipv4.tcp_tw_reuse: 2 -> 1, kernel holds 1"}
                                 << QStringList {};
    }

    void logsEveryRequestEscapedAndBounded()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QStringList, logged);
        QFETCH(QStringList, notLogged);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("SOCKSCOPE_HELPER_LOG_STDERR"), QStringLiteral("1"));
        const Run run = helper(arguments, {}, environment);
        // stdout carries the report; the log (LOG_PERROR) is the lines naming the program.
        QStringList log;
        for (const QString &line : run.out.split(QLatin1Char('\n'))) {
            if (line.startsWith(QLatin1String("sockscope-sysctl-helper[")))
                log << line;
        }
        const QString text = log.join(QLatin1Char('\n'));
        QVERIFY2(!log.isEmpty(), qPrintable(run.out));
        for (const QString &needle : logged)
            QVERIFY2(text.contains(needle), qPrintable(needle + QStringLiteral(" not in:\n") + text));
        for (const QString &needle : notLogged)
            QVERIFY2(!text.contains(needle), qPrintable(text));
        QVERIFY(text.size() < 2000);
    }

    void logsWherePersistingWentAndWhy()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("SOCKSCOPE_HELPER_LOG_STDERR"), QStringLiteral("1"));
        QTemporaryDir saved, refused, elsewhere;
        const QString file = SysctlPersister::fileName();
        Run run = helper({"persist", "--persist-dir", saved.path(), "net.ipv4.tcp_tw_reuse=1"}, {}, environment);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("saved to ") + saved.filePath(file)), qPrintable(run.out));
        QVERIFY(QFile::link(elsewhere.filePath(QStringLiteral("x.conf")), refused.filePath(file)));
        run = helper({"persist", "--persist-dir", refused.path(), "net.ipv4.tcp_tw_reuse=2"}, {}, environment);
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.out.contains(QStringLiteral("saving to %1 failed: %2")
                                      .arg(refused.filePath(file), QString::fromLocal8Bit(std::strerror(ELOOP)))),
                 qPrintable(run.out));
        QCOMPARE(value("net.ipv4.tcp_tw_reuse"), QStringLiteral("1")); // refused before any write
    }

    void otherNamespace()
    {
        // --netns: the helper writes where the window looks, not where it was started.
        const QString path = QStringLiteral("/proc/%1/task/%2/ns/net").arg(getpid()).arg(gettid());
        const QString id = QString::fromStdString(NamespaceIdentity::ofCallingThread().toString());
        const Run run = helper({"apply", "--netns", path, "--netns-id", id, "net.ipv4.tcp_fin_timeout=33"},
                               {QStringLiteral("unshare"), QStringLiteral("-n")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), QStringLiteral("33"));
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestSysctlHelper, QCoreApplication)
#include "tst_sysctlhelper.moc"
