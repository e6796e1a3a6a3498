#include "sources/filesource.h"
#include "lab/labsource.h"
#include "sampling/localsysctlchanger.h"
#include "netnstestmain.h"
#include "sysctl/readonlysysctlchanger.h"
#include "recording/recording.h"
#include "remote/remotehost.h"
#include "remote/remotesysctlchanger.h"
#include "sampling/samplingworker.h"
#include "core/collect/sysctlreader.h"

#include <QCoreApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>
#include <unistd.h>

// Each way the sysctl pane changes sysctls, without the pane: what it says Apply does, what
// Apply does to the test namespace's kernel (the real helper, the real lab), and the one that
// refuses. The remote one against a real sshd and sudo is in tst_remotesysctl.
class TestSysctlChanger : public QObject
{
    Q_OBJECT

    QTemporaryDir m_scripts;

    static QString finTimeout() { return QString::fromStdString(SysctlReader::read("net.ipv4.tcp_fin_timeout").value); }

    // A stand-in for pkexec (authorization) that runs what it is given, as the test's root,
    // after `delay` (an authorization that comes late).
    QString passThroughPkexec(const QByteArray &delay = QByteArray())
    {
        const QString path = m_scripts.filePath(delay.isEmpty() ? QStringLiteral("pkexec") : QStringLiteral("pkexec-late"));
        QFile script(path);
        script.open(QIODevice::WriteOnly);
        script.write("#!/bin/sh\n" + (delay.isEmpty() ? QByteArray() : "sleep " + delay + "\n") + "exec \"$@\"\n");
        script.close();
        script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        return path;
    }

    static SysctlApplyReport applied(SysctlChanger &changer, const QStringList &pairs)
    {
        QSignalSpy finished(&changer, &SysctlChanger::finished);
        changer.apply(pairs, false);
        if (finished.isEmpty() && !finished.wait(30000))
            return {};
        return finished.first().first().value<SysctlApplyReport>();
    }

private slots:
    void localThroughTheHelper()
    {
        SamplingWorker sampler(NetworkNamespace(), AllTcpStatesMask);
        LocalSysctlChanger changer(&sampler, true);
        QVERIFY(changer.canApply() && changer.writesOwnNamespace() && !changer.persistRefusal().refused());
        QVERIFY(changer.writesInProcess()); // root here
        QCOMPARE(changer.describe({QStringLiteral("net.ipv4.tcp_fin_timeout=41")}, false),
                 QStringList {QStringLiteral("sockscope writes them itself (it runs as root here).")});
        changer.setWritesInProcess(false);
        changer.setPkexecProgram(passThroughPkexec());
        changer.setHelperProgram(QStringLiteral(SOCKSCOPE_HELPER));
        const QString line = changer.describe({QStringLiteral("net.ipv4.tcp_fin_timeout=41")}, true).value(0);
        const QString netns = QStringLiteral("--netns /proc/%1/fd/").arg(getpid());
        QVERIFY2(line.startsWith(QStringLiteral("Runs: %1 sockscope-sysctl-helper persist %2").arg(passThroughPkexec(), netns))
                     && line.endsWith(QStringLiteral(" net.ipv4.tcp_fin_timeout=41 (one authorization prompt for all of them)")),
                 qPrintable(line));
        const SysctlApplyReport report = applied(changer, {QStringLiteral("net.ipv4.tcp_fin_timeout=41")});
        QVERIFY2(report.ok, qPrintable(report.describeError()));
        QCOMPARE(report.items.size(), std::size_t(1));
        QCOMPARE(report.items.front().after, QStringLiteral("41"));
        QCOMPARE(finTimeout(), QStringLiteral("41"));
        QVERIFY(!changer.isBusy());
    }

    void localRefusesWithoutPkexec()
    {
        SamplingWorker sampler(NetworkNamespace(), AllTcpStatesMask);
        LocalSysctlChanger changer(&sampler);
        changer.setWritesInProcess(false);
        changer.setPkexecProgram(QStringLiteral("pkexec")); // not absolute: never looked up in $PATH
        changer.setHelperProgram(QStringLiteral(SOCKSCOPE_HELPER));
        const QString before = finTimeout();
        const SysctlApplyReport report = applied(changer, {QStringLiteral("net.ipv4.tcp_fin_timeout=42")});
        QVERIFY(!report.ok);
        QVERIFY2(report.error.startsWith(QStringLiteral("pkexec is not installed")), qPrintable(report.error));
        QCOMPARE(finTimeout(), before);
    }

    // The sampled namespace's descriptor could not be duplicated (no descriptor left): Apply
    // refuses rather than run the helper without --netns, which would write pkexec's namespace.
    void localRefusesWithoutTheNamespace()
    {
        SamplingWorker sampler(NetworkNamespace(), AllTcpStatesMask);
        const QString pkexec = passThroughPkexec();
        rlimit limits {};
        QCOMPARE(getrlimit(RLIMIT_NOFILE, &limits), 0);
        rlimit none = limits;
        none.rlim_cur = 0; // every new descriptor fails with EMFILE
        QCOMPARE(setrlimit(RLIMIT_NOFILE, &none), 0);
        LocalSysctlChanger changer(&sampler);
        QCOMPARE(setrlimit(RLIMIT_NOFILE, &limits), 0);
        changer.setWritesInProcess(false);
        changer.setPkexecProgram(pkexec);
        changer.setHelperProgram(QStringLiteral(SOCKSCOPE_HELPER));
        const QString before = finTimeout();
        const SysctlApplyReport report = applied(changer, {QStringLiteral("net.ipv4.tcp_fin_timeout=46")});
        QVERIFY(!report.ok);
        QVERIFY2(report.error.startsWith(QStringLiteral("The sampled network namespace could not be kept open")),
                 qPrintable(report.error));
        QCOMPARE(finTimeout(), before);
        QVERIFY(!changer.isBusy());
    }

    // The changer goes (the user switched sources) while pkexec still asks: pkexec is cancelled,
    // so a late authorization writes nothing, even once a new changer holds the same descriptor
    // number the old --netns named.
    void localCancelsPkexecWhenGone()
    {
        SamplingWorker sampler(NetworkNamespace(), AllTcpStatesMask);
        const QString before = finTimeout();
        auto changer = std::make_unique<LocalSysctlChanger>(&sampler);
        changer->setWritesInProcess(false);
        changer->setPkexecProgram(passThroughPkexec("1"));
        changer->setHelperProgram(QStringLiteral(SOCKSCOPE_HELPER));
        changer->apply({QStringLiteral("net.ipv4.tcp_fin_timeout=47")}, false);
        QVERIFY(changer->isBusy());
        QTest::qWait(200); // pkexec runs and "asks"
        changer.reset();
        LocalSysctlChanger again(&sampler); // back: the same descriptor number again
        QTest::qWait(2500);
        QCOMPARE(finTimeout(), before);
    }

    void readOnlyRefuses()
    {
        auto recording = std::make_shared<Recording>();
        FileSource replay(recording);
        SysctlChanger *changer = replay.sysctlChanger();
        QVERIFY(!changer->canApply());
        QCOMPARE(changer->readOnlyReason(), QStringLiteral("A replay shows a recording; it changes nothing on this machine."));
        const QString before = finTimeout();
        QSignalSpy finished(changer, &SysctlChanger::finished);
        changer->apply({QStringLiteral("net.ipv4.tcp_fin_timeout=43")}, false);
        QCOMPARE(finished.size(), 1); // at once: nothing was started
        const SysctlApplyReport report = finished.first().first().value<SysctlApplyReport>();
        QVERIFY(!report.ok && report.items.empty());
        QCOMPARE(report.error, changer->readOnlyReason());
        QCOMPARE(finTimeout(), before);
        QVERIFY(!changer->isBusy());
    }

    void remoteSaysWhatRunsThere()
    {
        RemoteHost host;
        QString error;
        QVERIFY2(RemoteHost::parse(QStringLiteral("admin@web1"), &host, &error), qPrintable(error));
        RemoteSysctlChanger changer(host);
        QVERIFY(changer.canApply() && !changer.writesOwnNamespace());
        QCOMPARE(changer.persistRefusal().note, QStringLiteral("Not available over ssh: set it in /etc/sysctl.d/ on the host"));
        QCOMPARE(
            changer.describe({QStringLiteral("net.ipv4.tcp_fin_timeout=27")}, false),
            (QStringList {QStringLiteral("Apply runs over ssh on admin@web1: LC_ALL=C sudo -n "
                                         "'/usr/libexec/sockscope/sockscope-sysctl-helper' apply 'net.ipv4.tcp_fin_timeout=27'"),
                          QStringLiteral("Without a sudoers rule for the helper, run this on admin@web1 as root:"),
                          QStringLiteral("sudo sysctl -w 'net.ipv4.tcp_fin_timeout=27'")}));
        // Checked here as the helper checks it there: nothing that is not a catalog sysctl with a
        // valid value leaves this machine, and no ssh is started.
        const SysctlApplyReport report = applied(changer, {QStringLiteral("net.ipv4.tcp_fin_timeout=27;reboot")});
        QVERIFY(!report.ok);
        QVERIFY2(report.error.startsWith(QStringLiteral("Nothing was sent:")), qPrintable(report.error));
        QVERIFY(!changer.sudoRefused() && !changer.isBusy());
    }

    // "Keep after reboot" asked of a changer that refuses it: refused at once with its reason,
    // nothing started (not a runtime-only change reported as done).
    void persistRefusedIsNotApplied()
    {
        RemoteHost host;
        QString error;
        QVERIFY2(RemoteHost::parse(QStringLiteral("admin@web1"), &host, &error), qPrintable(error));
        RemoteSysctlChanger remote(host);
        LabSource lab(QStringLiteral(SOCKSCOPE_AGENT), QStringLiteral(SOCKSCOPE_HELPER));
        const QList<SysctlChanger *> changers {&remote, lab.sysctlChanger()};
        for (SysctlChanger *changer : changers) {
            QVERIFY(changer->persistRefusal().refused());
            QSignalSpy finished(changer, &SysctlChanger::finished);
            changer->apply({QStringLiteral("net.ipv4.tcp_fin_timeout=45")}, true);
            QCOMPARE(finished.size(), 1); // at once: nothing was started
            const SysctlApplyReport report = finished.first().first().value<SysctlApplyReport>();
            QVERIFY(!report.ok && report.items.empty());
            QCOMPARE(report.error, changer->persistRefusal().reason);
            QVERIFY(!changer->isBusy());
        }
    }

    // A value with a newline would be a second command to the lab's agent (one per line):
    // refused whole before anything is sent.
    void labSendsOnlyCheckedPairs()
    {
        LabSource lab(QStringLiteral(SOCKSCOPE_AGENT), QStringLiteral(SOCKSCOPE_HELPER));
        SysctlChanger *changer = lab.sysctlChanger();
        QSignalSpy finished(changer, &SysctlChanger::finished);
        changer->apply({QStringLiteral("net.ipv4.tcp_fin_timeout=44\nlab load conns=1")}, false);
        QCOMPARE(finished.size(), 1); // at once: nothing was sent
        const SysctlApplyReport report = finished.first().first().value<SysctlApplyReport>();
        QVERIFY(!report.ok && report.items.empty());
        QVERIFY2(report.error.startsWith(QStringLiteral("Nothing was sent: ")), qPrintable(report.error));
        QVERIFY(!changer->isBusy());
    }

    void labWritesInTheLab()
    {
        LabSource lab(QStringLiteral(SOCKSCOPE_AGENT), QStringLiteral(SOCKSCOPE_HELPER));
        SysctlChanger *changer = lab.sysctlChanger();
        QCOMPARE(changer->persistRefusal().note, QStringLiteral("Not available in the lab: its sysctls end with it"));
        QVERIFY2(changer->describe({QStringLiteral("net.ipv4.tcp_fin_timeout=44")}, false)
                     .value(0)
                     .endsWith(QStringLiteral("(no password, nothing of the host changes): sockscope-sysctl-helper apply "
                                              "net.ipv4.tcp_fin_timeout=44")),
                 qPrintable(changer->describe({QStringLiteral("net.ipv4.tcp_fin_timeout=44")}, false).value(0)));
        const QString before = finTimeout();
        lab.start(1000);
        const SysctlApplyReport report = applied(*changer, {QStringLiteral("net.ipv4.tcp_fin_timeout=44")});
        QVERIFY2(report.ok, qPrintable(report.describeError()));
        QCOMPARE(report.items.size(), std::size_t(1));
        QCOMPARE(report.items.front().after, QStringLiteral("44"));
        QCOMPARE(finTimeout(), before); // the lab's own namespace, not this one
        lab.stop();
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestSysctlChanger, QCoreApplication)
#include "tst_sysctlchanger.moc"
