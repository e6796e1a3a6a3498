#include "views/remote/askpassdialog.h"
#include "processrun.h"
#include "remote/remotehost.h"
#include "remote/sshcommand.h"
#include "remote/sshlauncher.h"
#include "sshtestmain.h"
#include "sshtestserver.h"

#include <QPushButton>
#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <sys/stat.h>

Q_DECLARE_METATYPE(SshOutcome)

// sockscope as ssh's askpass program: the dialog driven in this process, and end to end an
// unknown host key of a real sshd (SSH_ASKPASS_REQUIRE=force) answered in sockscope's dialog on a
// real X server (Xvfb + openbox, driven with xdotool; skipped where they are missing).
class TestRemoteAskpass : public QObject
{
    Q_OBJECT

    SshTestServer m_server;
    QProcess m_xvfb;
    QProcess m_wm;
    QString m_display;
    QString m_displayError;
    bool m_displayTried = false;

    static QPushButton *button(AskpassDialog &dialog, QDialogButtonBox::StandardButton which)
    {
        return dialog.findChild<QDialogButtonBox *>()->button(which);
    }

    // Empty when Xvfb and openbox run; otherwise the step that failed. An X server that gave
    // its number but cannot be reached (seen about once in ten runs while other tests start
    // and stop theirs) is started again, up to three times.
    QString startDisplay()
    {
        QString error;
        for (int attempt = 0; attempt < 3; ++attempt) {
            error = startDisplayOnce();
            if (error.isEmpty())
                return error;
            qWarning() << "display attempt" << attempt + 1 << "failed:" << error;
            stopDisplay();
        }
        return error;
    }

    void stopDisplay()
    {
        for (QProcess *process : {&m_wm, &m_xvfb}) {
            if (process->state() != QProcess::NotRunning) {
                process->kill();
                process->waitForFinished(5000);
            }
        }
    }

    QString startDisplayOnce()
    {
        // Xvfb picks a free display number itself and prints it (-displayfd): other tests and
        // other users' X servers may hold any number we would guess.
        m_xvfb.start(QStringLiteral("Xvfb"),
                     {QStringLiteral("-displayfd"), QStringLiteral("1"), QStringLiteral("-screen"), QStringLiteral("0"),
                      QStringLiteral("800x600x24"), QStringLiteral("-nolisten"), QStringLiteral("tcp")});
        if (!m_xvfb.waitForStarted(5000)
            || !QTest::qWaitFor([&] { return m_xvfb.canReadLine() || m_xvfb.state() == QProcess::NotRunning; }, 30000)
            || !m_xvfb.canReadLine())
            return QStringLiteral("Xvfb gave no display: ") + QString::fromLocal8Bit(m_xvfb.readAllStandardError());
        m_display = QLatin1Char(':') + QString::fromLatin1(m_xvfb.readLine().trimmed());
        m_wm.setProcessEnvironment(displayEnvironment());
        m_wm.start(QStringLiteral("openbox"), {QStringLiteral("--sm-disable")});
        if (!m_wm.waitForStarted(5000))
            return QStringLiteral("openbox did not start");
        // openbox announces itself on the root window once it manages (and focuses) windows.
        QByteArray last;
        if (QTest::qWaitFor(
                [&] {
                    const ProcessRun probe = ProcessRun::run(
                        QStringLiteral("xprop"), {QStringLiteral("-root"), QStringLiteral("_NET_SUPPORTING_WM_CHECK")},
                        displayEnvironment());
                    last = probe.out + probe.err;
                    return probe.out.contains("window id");
                },
                10000))
            return {};
        return QStringLiteral("openbox did not take %1 (xprop: %2; openbox: %3; Xvfb: %4)")
            .arg(m_display, QString::fromLocal8Bit(last), QString::fromLocal8Bit(m_wm.readAllStandardError()),
                 QString::fromLocal8Bit(m_xvfb.readAllStandardError()));
    }

    QProcessEnvironment displayEnvironment() const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
        environment.insert(QStringLiteral("DISPLAY"), m_display);
        return environment;
    }

    // Waits for sockscope's askpass window and presses `key` in it.
    bool answerDialog(const QString &key)
    {
        QString window;
        const bool found = QTest::qWaitFor(
            [&] {
                const ProcessRun search =
                    ProcessRun::run(QStringLiteral("xdotool"),
                                    {QStringLiteral("search"), QStringLiteral("--name"), QStringLiteral("Unknown host key")},
                                    displayEnvironment());
                window = QString::fromLatin1(search.out.trimmed().split('\n').constFirst());
                return search.exitCode == 0 && !window.isEmpty();
            },
            30000);
        if (!found)
            return false;
        return ProcessRun::run(QStringLiteral("xdotool"), {QStringLiteral("windowactivate"), QStringLiteral("--sync"), window},
                               displayEnvironment())
                   .exitCode
            == 0
            && ProcessRun::run(QStringLiteral("xdotool"), {QStringLiteral("key"), QStringLiteral("--window"), window, key},
                               displayEnvironment())
                   .exitCode
            == 0;
    }

    SshOutcome connectWithUnknownKey(const QString &key, QByteArray *out)
    {
        RemoteHost host;
        QString error;
        RemoteHost::parse(QString::fromLatin1(SshTestServer::Alias), &host, &error);
        SshLauncher launcher;
        launcher.setAskpassProgram(QStringLiteral(SOCKSCOPE_BINARY));
        launcher.setBaseEnvironment(displayEnvironment());
        QSignalSpy finished(&launcher, &SshLauncher::finished);
        launcher.start(SshCommand(host, QStringLiteral("echo connected")));
        const bool answered = answerDialog(key);
        if (!answered)
            launcher.process()->kill();
        if (!finished.wait(30000) || !answered) {
            SshOutcome none;
            none.message =
                QStringLiteral("no askpass window answered; ssh said: ") + QString::fromLocal8Bit(launcher.standardError());
            return none;
        }
        *out = launcher.process()->readAllStandardOutput();
        return finished.first().first().value<SshOutcome>();
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<SshOutcome>();
        QString error;
        if (SshTestServer::unavailableReason().isEmpty())
            QVERIFY2(m_server.start(&error), qPrintable(error));
    }

    void hostKeyYes()
    {
        AskpassDialog dialog(
            AskpassPrompt(QStringLiteral("The authenticity of host 'web1' can't be established.\n"
                                         "Are you sure you want to continue connecting (yes/no/[fingerprint])? "),
                          QString()));
        QVERIFY(!dialog.findChild<QLineEdit *>()); // a question, not a password
        QVERIFY(button(dialog, QDialogButtonBox::No)->isDefault());
        QVERIFY(!button(dialog, QDialogButtonBox::Yes)->autoDefault());
        dialog.open();
        button(dialog, QDialogButtonBox::Yes)->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.answer(), QByteArray("yes"));
    }

    void hostKeyNo()
    {
        AskpassDialog dialog(AskpassPrompt(QStringLiteral("Are you sure you want to continue connecting (yes/no)? "), QString()));
        dialog.open();
        button(dialog, QDialogButtonBox::No)->click();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }

    void enterOnAHostKeyMeansNo()
    {
        // Even with the focus on Yes: a reflexive Enter must not trust a key.
        AskpassDialog dialog(AskpassPrompt(QStringLiteral("Are you sure you want to continue connecting (yes/no)? "), QString()));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        button(dialog, QDialogButtonBox::Yes)->setFocus();
        QTest::keyClick(&dialog, Qt::Key_Return);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }

    void passwordIsHiddenAndReturned()
    {
        AskpassDialog dialog(AskpassPrompt(QStringLiteral("<b>alice@web1</b>'s password: "), QString()));
        // The prompt is shown as the text it is, never as rich text from the remote.
        QCOMPARE(dialog.findChild<QLabel *>()->textFormat(), Qt::PlainText);
        QLineEdit *field = dialog.findChild<QLineEdit *>();
        QVERIFY(field);
        QCOMPARE(field->echoMode(), QLineEdit::Password);
        dialog.open();
        QTest::keyClicks(field, QStringLiteral("s3cr3t"));
        button(dialog, QDialogButtonBox::Ok)->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.answer(), QByteArray("s3cr3t"));
    }

    void withoutDisplayFailsAtOnce()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            environment.remove(QString::fromLatin1(name));
        environment.insert(QStringLiteral("SOCKSCOPE_ASKPASS"), QStringLiteral("1"));
        const ProcessRun run = ProcessRun::run(QStringLiteral(SOCKSCOPE_BINARY), {QStringLiteral("Password: ")}, environment);
        QCOMPARE(run.exitCode, 1); // ssh sees a failed prompt, nothing waits on a terminal
        QCOMPARE(run.out, QByteArray());
        QVERIFY(run.err.contains("no display to show the ssh prompt"));
    }

    void theSecretsProcessIsNotDumpable()
    {
        // The askpass process holds the secret: no core file may keep it, and no other process
        // of the same user may read its memory. The kernel shows a non-dumpable process's /proc
        // files as root's (task_dump_owner; not the /proc/PID directory itself), so run it as
        // nobody and watch the owner of /proc/PID/environ turn 0.
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("SOCKSCOPE_ASKPASS"), QStringLiteral("1"));
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("HOME"), QStringLiteral("/nonexistent"));
        QProcess askpass;
        askpass.setProcessEnvironment(environment);
        askpass.start(QStringLiteral("setpriv"),
                      {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups"),
                       QStringLiteral(SOCKSCOPE_BINARY), QStringLiteral("Password: ")});
        QVERIFY(askpass.waitForStarted());
        const QByteArray entry = "/proc/" + QByteArray::number(askpass.processId());
        const auto owner = [&] {
            struct stat status
            {
            };
            return ::stat(QByteArray(entry + "/environ").constData(), &status) == 0 ? qint64(status.st_uid) : -1;
        };
        // First its own (nobody's, once setpriv has run), then root's, while the prompt waits; the
        // prompt is the window's program, which sockscope becomes through exec (the same pid).
        const QString window = QFileInfo(QFileInfo(QStringLiteral(SOCKSCOPE_BINARY)).path() + QStringLiteral("/sockscope-window"))
                                   .canonicalFilePath();
        QVERIFY(QTest::qWaitFor([&] { return QFileInfo(QString::fromLatin1(entry + "/exe")).symLinkTarget() == window; }, 10000));
        QVERIFY(QTest::qWaitFor([&] { return owner() == 0; }, 10000));
        QCOMPARE(askpass.state(), QProcess::Running);
        askpass.kill();
        askpass.waitForFinished();
    }

    void unknownHostKeyAskedInSockscope_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("No") << "alt+n" << false;
        QTest::newRow("Yes") << "alt+y" << true;
    }
    void unknownHostKeyAskedInSockscope()
    {
        if (!SshTestServer::unavailableReason().isEmpty())
            QSKIP(qPrintable(SshTestServer::unavailableReason()));
        for (const char *tool : {"Xvfb", "openbox", "xdotool", "xprop"}) {
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QSKIP(qPrintable(
                    QStringLiteral("%1 is not installed (.ci/install-deps --tests installs it)").arg(QString::fromLatin1(tool))));
        }
        if (!m_displayTried) {
            m_displayTried = true;
            m_displayError = startDisplay();
        }
        QVERIFY2(m_displayError.isEmpty(), qPrintable(m_displayError));
        QFETCH(QString, key);
        QFETCH(bool, accepted);
        QVERIFY(m_server.setHostKeyKnown(false));
        QByteArray out;
        const SshOutcome outcome = connectWithUnknownKey(key, &out);
        QVERIFY2(outcome.kind != SshOutcome::Kind::FailedToStart, qPrintable(outcome.message));
        if (accepted) {
            QCOMPARE(int(outcome.kind), int(SshOutcome::Kind::Finished));
            QCOMPARE(out, QByteArray("connected\n"));
            QFile knownHosts(m_server.directory() + QStringLiteral("/known_hosts"));
            QVERIFY(knownHosts.open(QIODevice::ReadOnly));
            QVERIFY(knownHosts.readAll().contains("ssh-ed25519")); // ssh recorded the key the user accepted
        } else {
            QCOMPARE(int(outcome.kind), int(SshOutcome::Kind::ConnectionFailed));
            QVERIFY2(outcome.message.contains(QLatin1String("Host key verification failed")), qPrintable(outcome.message));
            QCOMPARE(out, QByteArray());
        }
    }

    void cleanupTestCase()
    {
        for (QProcess *process : {&m_wm, &m_xvfb}) {
            process->terminate();
            process->waitForFinished(5000);
        }
    }
};

SOCKSCOPE_SSH_TEST_MAIN(TestRemoteAskpass, QApplication)

#include "tst_remoteaskpass.moc"
