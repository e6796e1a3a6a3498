#include "core/collect/namespaceidentity.h"
#include "wording/coremessagetext.h"
#include "netnstestmain.h"
#include "core/collect/networknamespace.h"
#include "sampling/samplingworker.h"
#include "sampling/localsysctlchanger.h"
#include "core/collect/sysctlreader.h"
#include "core/collect/tcpstate.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

// The namespace the helper writes is the one the window shows: it is named by a path *and* the
// nsfs identity the window observed, and anything else is refused with one message that says
// nothing about the file.
class TestNamespaceIdentity : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static QString threadPath() { return QStringLiteral("/proc/%1/task/%2/ns/net").arg(getpid()).arg(gettid()); }
    static QString value(const char *name) { return QString::fromStdString(SysctlReader::read(name).value); }

    struct Run
    {
        int exitCode = -1;
        QString out;
    };
    static Run helper(const QStringList &arguments)
    {
        QProcess process;
        process.start(QStringLiteral(SOCKSCOPE_HELPER), arguments);
        Run run;
        // A helper stuck on a FIFO would never finish: the wait is a safety net, not a measurement.
        if (process.waitForFinished(30000) && process.exitStatus() == QProcess::NormalExit)
            run.exitCode = process.exitCode();
        else
            process.kill();
        run.out = QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
        return run;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(::mkfifo(qPrintable(m_dir.filePath(QStringLiteral("fifo"))), 0600) == 0);
        QFile regular(m_dir.filePath(QStringLiteral("regular")));
        QVERIFY(regular.open(QIODevice::WriteOnly));
        regular.write("net:[4026531833]\n");
    }

    void identityText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << "4:4026531833" << true;
        QTest::newRow("no device") << ":4026531833" << false;
        QTest::newRow("sign") << "4:+4026531833" << false;
        QTest::newRow("overflow") << "4:99999999999999999999" << false;
        QTest::newRow("spaces") << "4: 4026531833" << false;
        QTest::newRow("net:[] form") << "net:[4026531833]" << false;
        QTest::newRow("zero inode") << "4:0" << false;
    }

    void identityText()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const NamespaceIdentity identity = NamespaceIdentity::parse(text.toStdString());
        QCOMPARE(identity.isValid(), valid);
        if (valid)
            QCOMPARE(QString::fromStdString(identity.toString()), text);
    }

    void onlyTheObservedNamespaceIsEntered_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("identity"); // empty: this thread's namespace
        QTest::newRow("FIFO") << m_dir.filePath(QStringLiteral("fifo")) << "";
        QTest::newRow("regular file") << m_dir.filePath(QStringLiteral("regular")) << "";
        QTest::newRow("directory") << m_dir.path() << "";
        QTest::newRow("device") << "/dev/null"
                                << "";
        QTest::newRow("terminal") << "/dev/tty"
                                  << "";
        QTest::newRow("relative") << "self/ns/net"
                                  << "";
        QTest::newRow("relative with dot") << "./ns/net"
                                           << "";
        QTest::newRow("missing") << m_dir.filePath(QStringLiteral("none")) << "";
        QTest::newRow("root-only file") << "/etc/shadow"
                                        << "";
        QTest::newRow("another kind of namespace") << "/proc/self/ns/uts"
                                                   << "";
        QTest::newRow("wrong identity") << threadPath() << "4:4026531833";
        QTest::newRow("malformed identity") << threadPath() << "net:[1]";
    }

    void onlyTheObservedNamespaceIsEntered()
    {
        QFETCH(QString, path);
        QFETCH(QString, identity);
        const QString id =
            identity.isEmpty() ? QString::fromStdString(NamespaceIdentity::ofCallingThread().toString()) : identity;
        const QString before = value("net.ipv4.tcp_fin_timeout");
        const Run run = helper({"apply", "--netns", path, "--netns-id", id, "net.ipv4.tcp_fin_timeout=31"});
        QCOMPARE(run.exitCode, 5);
        QVERIFY2(run.out.contains(QLatin1String("not the one sockscope shows")), qPrintable(run.out));
        // One message for all: no path, no errno that would tell what root can see.
        for (const char *leak : {"No such file", "Permission denied", "Not a", "shadow", "fifo", "regular", "/dev/"})
            QVERIFY2(!run.out.contains(QLatin1String(leak)), qPrintable(run.out));
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), before);
        // In-process, the same check.
        QCOMPARE(NamespaceIdentity::openVerified(path.toStdString(), NamespaceIdentity::parse(id.toStdString())), -1);
    }

    void throughPkexecOnlyTheCallersOwn_data()
    {
        // The caller is this process (root's); each row names this thread's namespace.
        QTest::addColumn<QString>("path");
        QTest::addColumn<qint64>("caller");
        QTest::addColumn<quint32>("uid");
        QTest::addColumn<bool>("entered");
        const qint64 me = getpid();
        const QString tail = QStringLiteral("task/%1/ns/net").arg(gettid());
        const QString mine = QStringLiteral("/proc/%1/").arg(me);
        QTest::newRow("a thread's namespace") << mine + tail << me << 0u << true;
        QTest::newRow("another caller's entry") << mine + tail << qint64(getppid()) << 0u << false;
        QTest::newRow("another uid's entry") << mine + tail << me << 65534u << false;
        QTest::newRow("pid 1") << QStringLiteral("/proc/1/") + tail << qint64(1) << 0u << false;
        QTest::newRow("through its root") << mine + QStringLiteral("root") + mine + tail << me << 0u << false;
        QTest::newRow("dot-dot") << mine + QStringLiteral("../%1/").arg(me) + tail << me << 0u << false;
        QTest::newRow("double slash") << mine + QLatin1Char('/') + tail << me << 0u << false;
        QTest::newRow("trailing slash") << mine + tail + QLatin1Char('/') << me << 0u << false;
        QTest::newRow("self") << QStringLiteral("/proc/self/") + tail << me << 0u << false;
        QTest::newRow("leading zero") << QStringLiteral("/proc/0%1/").arg(me) + tail << me << 0u << false;
        QTest::newRow("its mount namespace") << mine + QStringLiteral("ns/mnt") << me << 0u << false;
    }

    void throughPkexecOnlyTheCallersOwn()
    {
        QFETCH(QString, path);
        QFETCH(qint64, caller);
        QFETCH(quint32, uid);
        QFETCH(bool, entered);
        const int fd =
            NamespaceIdentity::openCallersVerified(path.toStdString(), NamespaceIdentity::ofCallingThread(), caller, uid);
        QCOMPARE(fd >= 0, entered);
        if (fd >= 0) {
            QCOMPARE(NamespaceIdentity::ofDescriptor(fd), NamespaceIdentity::ofCallingThread());
            ::close(fd);
        }
    }

    void aRecreatedNamespaceIsRefused()
    {
        // The same path now names another namespace (as a recycled PID or a name re-made with
        // `ip netns add` would): the identity the window saw no longer matches.
        const NamespaceIdentity seen = NamespaceIdentity::ofCallingThread();
        QString error;
        QVERIFY2(PrivateNetworkNamespace::enterFresh(&error), qPrintable(error));
        QVERIFY(NamespaceIdentity::ofCallingThread() != seen);
        Run run = helper({"apply", "--netns", threadPath(), "--netns-id", QString::fromStdString(seen.toString()),
                          "net.ipv4.tcp_fin_timeout=32"});
        QCOMPARE(run.exitCode, 5);
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), QStringLiteral("60"));
        // The right identity for what the path names now: accepted, and written there.
        run = helper({"apply", "--netns", threadPath(), "--netns-id",
                      QString::fromStdString(NamespaceIdentity::ofCallingThread().toString()), "net.ipv4.tcp_fin_timeout=32"});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), QStringLiteral("32"));
    }

    void pathAndIdentityGoTogether()
    {
        QCOMPARE(helper({"apply", "--netns", threadPath(), "net.ipv4.tcp_fin_timeout=33"}).exitCode, 5);
        QCOMPARE(helper({"apply", "--netns-id", QString::fromStdString(NamespaceIdentity::ofCallingThread().toString()),
                         "net.ipv4.tcp_fin_timeout=33"})
                     .exitCode,
                 5);
        QVERIFY(value("net.ipv4.tcp_fin_timeout") != QLatin1String("33"));
    }

    void theWindowNamesWhatItSamples()
    {
        // The changer holds the sampler's namespace open and names it by descriptor: the helper,
        // started from another namespace, writes into the sampled one.
        SamplingWorker sampler(NetworkNamespace(), AllTcpStatesMask);
        LocalSysctlChanger applier(&sampler);
        const QStringList command = applier.helperCommand({QStringLiteral("net.ipv4.tcp_fin_timeout=34")}, false);
        QCOMPARE(command.value(0), QStringLiteral("/usr/bin/pkexec"));
        QCOMPARE(command.value(2), QStringLiteral("apply"));
        QCOMPARE(command.value(3), QStringLiteral("--netns"));
        QVERIFY(command.value(4).startsWith(QStringLiteral("/proc/%1/fd/").arg(getpid())));
        QCOMPARE(command.value(6), QString::fromStdString(NamespaceIdentity::ofCallingThread().toString()));
        QProcess process;
        process.start(QStringLiteral("unshare"),
                      QStringList {QStringLiteral("-n"), QStringLiteral(SOCKSCOPE_HELPER)} + command.mid(2));
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), QStringLiteral("34"));
        QCOMPARE(applier.helperCommand({}, true).value(2), QStringLiteral("persist"));
    }

    void persistingIsOfferedInTheHostNamespaceOnly()
    {
        // sysctl.d applies at boot to the initial namespace only. This test runs in a child one.
        SamplingWorker child(NetworkNamespace(), AllTcpStatesMask);
        LocalSysctlChanger childChanger(&child);
        QCOMPARE(persistTarget(childChanger.observedIdentity(), NamespaceIdentity::ofHost()), PersistTarget::ChildNamespace);

        // The test's parent (ctest, or the shell) runs in the host's namespace.
        NetworkNamespace host;
        CoreMessage error;
        QVERIFY2(host.open("/proc/" + std::to_string(getppid()) + "/ns/net", &error), qPrintable(CoreMessageText::text(error)));
        SamplingWorker hostSampler(std::move(host), AllTcpStatesMask);
        LocalSysctlChanger hostChanger(&hostSampler);
        QCOMPARE(persistTarget(hostChanger.observedIdentity(), NamespaceIdentity::ofHost()), PersistTarget::HostNamespace);
        // This kernel numbers the initial namespace with the fixed inode (6.18 and later).
        QCOMPARE(hostSampler.observedNamespace().identity().inode, NamespaceIdentity::InitialNetworkInode);
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestNamespaceIdentity, QCoreApplication)
#include "tst_namespaceidentity.moc"
