#include "remote/agentbinary.h"
#include "views/window/mainwindow.h"
#include "remote/remotehost.h"
#include "remote/remotesource.h"
#include "remote/remotesysctlapplier.h"
#include "sshtestmain.h"
#include "sshtestserver.h"
#include "views/sysctl/sysctlchangebox.h"
#include "views/sysctl/sysctlpanel.h"
#include "views/sysctl/sysctlvalueeditor.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QScopeGuard>
#include <QTest>

#include <sys/mount.h>
#include <sys/stat.h>

// Changing a remote host's sysctl from the window: `ssh … sudo -n <helper> apply …` against a
// real sshd whose user is root (so sudo -n runs the helper), the write landing in the SERVER's
// private network namespace and coming back in the next socket table; and with the helper
// absent there, nothing changes and the pane shows the exact command to run there.
class TestRemoteSysctl : public QObject
{
    Q_OBJECT

private:
    SshTestServer m_server;
    RemoteHost m_host;
    AgentBinary m_agent;
    static constexpr const char *FinTimeout = "/proc/sys/net/ipv4/tcp_fin_timeout";

    // Read in the server's namespace: net.* sysctls are per network namespace, and /proc/sys/net
    // answers for the namespace of the thread that opens it.
    QByteArray serverFinTimeout()
    {
        QByteArray value;
        m_server.inServerNamespace([&] {
            QFile file(QString::fromLatin1(FinTimeout));
            if (!file.open(QIODevice::ReadOnly))
                return false;
            value = file.readAll().trimmed();
            return true;
        });
        return value;
    }

    static ino_t inode(const char *path)
    {
        struct stat st
        {
        };
        return stat(path, &st) == 0 ? st.st_ino : 0;
    }

    bool editFinTimeout(MainWindow &window, int seconds)
    {
        window.docks()->sysctlPanel()->selectSysctl(QStringLiteral("net.ipv4.tcp_fin_timeout"));
        auto spin = window.docks()->sysctlPanel()->editor()->findChild<QSpinBox *>();
        if (!spin)
            return false;
        spin->setValue(seconds);
        if (!window.docks()->sysctlPanel()->applyButton()->isEnabled())
            qWarning("%s", qPrintable(window.docks()->sysctlPanel()->changeBox()->previewText()));
        return window.docks()->sysctlPanel()->applyButton()->isEnabled();
    }

    RemoteSource *watch(MainWindow &window, const QString &helper)
    {
        window.setIntervalMs(250);
        RemoteSource *source = window.watchRemoteHost(m_host, m_agent, false);
        source->sysctlApplier()->setHelperPath(helper);
        window.show();
        // The sysctls come with the first socket table (the pane is empty before).
        const bool shown = QTest::qWaitFor(
            [&] { return window.latestSnapshot() && window.latestSnapshot()->sysctl("net.ipv4.tcp_fin_timeout"); }, 30000);
        return shown ? source : nullptr;
    }

private slots:
    void initTestCase()
    {
        if (!SshTestServer::unavailableReason().isEmpty())
            QSKIP(qPrintable(SshTestServer::unavailableReason()));
        if (!QFileInfo(QStringLiteral("/usr/bin/sudo")).isExecutable())
            QSKIP("sudo is not installed (Debian: apt install sudo)");
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
        QVERIFY2(RemoteHost::parse(QString::fromLatin1(SshTestServer::Alias), &m_host, &error), qPrintable(error));
        QVERIFY2(AgentBinary::load(QStringLiteral(AGENT_PATH), &m_agent, &error), qPrintable(error));
        QVERIFY2(m_server.installAgent(m_agent.path()), qPrintable(m_server.error()));
        QVERIFY(m_server.setAgentOnPath(true));
        // Writes below go only to the server's private namespace: prove it is not the host's
        // (nor this test's client namespace).
        ino_t serverNs = 0;
        QVERIFY(m_server.inServerNamespace([&] {
            serverNs = inode("/proc/thread-self/ns/net");
            return serverNs != 0;
        }));
        QVERIFY(serverNs != inode("/proc/1/ns/net"));
        QVERIFY(serverNs != inode("/proc/self/ns/net"));
        QCOMPARE(serverFinTimeout(), QByteArray("60")); // a fresh namespace: the kernel default
    }

    void commandsAreQuotedAndOnlyCatalogNames()
    {
        RemoteSysctlApplier applier(m_host);
        QCOMPARE(applier.remoteCommand({QStringLiteral("net.ipv4.tcp_fin_timeout=27")}),
                 QStringLiteral("LC_ALL=C sudo -n '/usr/libexec/sockscope/sockscope-sysctl-helper' apply "
                                "'net.ipv4.tcp_fin_timeout=27'"));
        QString error;
        QCOMPARE(applier.remoteCommand({QStringLiteral("kernel.core_pattern=|/x")}, &error), QString());
        QVERIFY(!error.isEmpty());
        QCOMPARE(applier.remoteCommand({QStringLiteral("net.ipv4.tcp_fin_timeout=27;reboot")}), QString());
        QCOMPARE(RemoteSysctlApplier::manualCommands({QStringLiteral("net.ipv4.ip_local_port_range=32768 60999")}),
                 QStringList {QStringLiteral("sudo sysctl -w 'net.ipv4.ip_local_port_range=32768 60999'")});
    }

    // Issue 21, L6: what the server writes on stderr (and stdout) reaches the pane as its last
    // few lines of plain text, whatever it is.
    void serverErrorTextIsShownPlain()
    {
        const QString helper = m_server.directory() + QStringLiteral("/noisy-helper");
        QFile script(helper);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("#!/bin/sh\n"
                     "printf 'error\\t\\033]2;PWNED\\007\\342\\200\\256stdout\\n'\n"
                     "i=1; while [ $i -le 20 ]; do echo \"noise $i\" >&2; i=$((i + 1)); done\n"
                     "printf '\\033[2J\\342\\200\\256reversed\\n' >&2\n"
                     "exit 3\n");
        script.close();
        QVERIFY(script.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
        RemoteSysctlApplier applier(m_host);
        applier.setHelperPath(helper);
        QString error;
        bool done = false;
        connect(&applier, &RemoteSysctlApplier::finished, this, [&](const SysctlApplyReport &report, bool) {
            error = report.error;
            done = true;
        });
        applier.apply({QStringLiteral("net.ipv4.tcp_fin_timeout=27")});
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        QVERIFY2(error.contains(QLatin1String("failed (exit code 3)")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("noise 19\nnoise 20\n")), qPrintable(error));
        QVERIFY2(!error.contains(QLatin1String("noise 18")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("PWNED")) && error.contains(QLatin1String("reversed")), qPrintable(error));
        for (const QChar c : error) {
            QVERIFY2(c == QLatin1Char('\n') || (c.category() != QChar::Other_Control && c.category() != QChar::Other_Format),
                     qPrintable(QString::number(c.unicode(), 16)));
        }
        QCOMPARE(serverFinTimeout(), QByteArray("60"));
    }

    void helperAbsentChangesNothingAndShowsTheCommand()
    {
        MainWindow window(false);
        QSignalSpy shown(&window, &MainWindow::sampleShown);
        RemoteSource *source = watch(window, m_server.directory() + QStringLiteral("/no-such-helper"));
        QVERIFY(source);
        QVERIFY(shown.size() > 0 || shown.wait(30000));
        QVERIFY(!source->sysctlChanger()->sudoRefused());
        QVERIFY(editFinTimeout(window, 27));
        SysctlChangeBox *change = window.docks()->sysctlPanel()->changeBox();
        QVERIFY2(change->previewText().contains(QLatin1String("sudo sysctl -w 'net.ipv4.tcp_fin_timeout=27'")),
                 qPrintable(change->previewText()));
        QSignalSpy applied(source->sysctlChanger(), &SysctlChanger::finished);
        QTest::mouseClick(window.docks()->sysctlPanel()->applyButton(), Qt::LeftButton);
        QVERIFY(applied.wait(30000));
        QVERIFY(source->sysctlChanger()->sudoRefused());
        const QString result = change->resultText();
        QVERIFY2(result.contains(QLatin1String("is not installed on")), qPrintable(result));
        QVERIFY2(result.contains(QLatin1String("sudo sysctl -w 'net.ipv4.tcp_fin_timeout=27'")), qPrintable(result));
        QCOMPARE(serverFinTimeout(), QByteArray("60"));
        // Still editable: the preview is the exact command to run there.
        QVERIFY(window.docks()->sysctlPanel()->editor()->isEnabled());
    }

    void sudoRefusingChangesNothingAndShowsTheCommand()
    {
        // A real sudo that refuses: a sudoers without root bound over /etc/sudoers in this test's
        // private mount namespace (SshTestServer::isolateFiles; the host's file is untouched),
        // which the sshd sessions started from here share.
        const QString sudoers = m_server.directory() + QStringLiteral("/sudoers");
        QFile file(sudoers);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write("Defaults env_reset\n") > 0);
        file.close();
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::ReadGroup));
        QCOMPARE(mount(qPrintable(sudoers), "/etc/sudoers", nullptr, MS_BIND, nullptr), 0);
        const auto unbind = qScopeGuard([] { umount2("/etc/sudoers", MNT_DETACH); });
        MainWindow window(false);
        QSignalSpy shown(&window, &MainWindow::sampleShown);
        RemoteSource *source = watch(window, QStringLiteral(HELPER_PATH));
        QVERIFY(source);
        QVERIFY(editFinTimeout(window, 27));
        QSignalSpy applied(source->sysctlChanger(), &SysctlChanger::finished);
        QTest::mouseClick(window.docks()->sysctlPanel()->applyButton(), Qt::LeftButton);
        QVERIFY(applied.wait(30000));
        QVERIFY(source->sysctlChanger()->sudoRefused());
        const QString result = window.docks()->sysctlPanel()->changeBox()->resultText();
        QVERIFY2(result.contains(QLatin1String("did not allow the helper without a password")), qPrintable(result));
        QVERIFY2(result.contains(QLatin1String("sudo sysctl -w 'net.ipv4.tcp_fin_timeout=27'")), qPrintable(result));
        QCOMPARE(serverFinTimeout(), QByteArray("60"));
    }

    void sudoRunsTheHelperInTheServerNamespace()
    {
        MainWindow window(false);
        QSignalSpy shown(&window, &MainWindow::sampleShown);
        RemoteSource *source = watch(window, QStringLiteral(HELPER_PATH));
        QVERIFY(source);
        QVERIFY(shown.size() > 0 || shown.wait(30000));
        QVERIFY(editFinTimeout(window, 27));
        QSignalSpy applied(source->sysctlChanger(), &SysctlChanger::finished);
        QTest::mouseClick(window.docks()->sysctlPanel()->applyButton(), Qt::LeftButton);
        QVERIFY(applied.wait(30000));
        const QString result = window.docks()->sysctlPanel()->changeBox()->resultText();
        QVERIFY2(result.contains(QStringLiteral("net.ipv4.tcp_fin_timeout: 60 → 27")), qPrintable(result));
        QVERIFY(!source->sysctlChanger()->sudoRefused());
        QCOMPARE(serverFinTimeout(), QByteArray("27"));
        // The table requested after Apply carries the value read on the server.
        QTRY_VERIFY_WITH_TIMEOUT(window.latestSnapshot() && window.latestSnapshot()->sysctl("net.ipv4.tcp_fin_timeout")
                                     && window.latestSnapshot()->sysctl("net.ipv4.tcp_fin_timeout")->value == "27",
                                 15000);
        // Put back for any later test in this namespace.
        QVERIFY(editFinTimeout(window, 60));
        QTest::mouseClick(window.docks()->sysctlPanel()->applyButton(), Qt::LeftButton);
        QVERIFY(applied.wait(30000));
        QCOMPARE(serverFinTimeout(), QByteArray("60"));
    }
};

SOCKSCOPE_SSH_TEST_MAIN(TestRemoteSysctl, QApplication)
#include "tst_remotesysctl.moc"
