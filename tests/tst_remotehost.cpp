#include "remote/agentconsent.h"
#include "remote/askpassprompt.h"
#include "remote/remotefacts.h"
#include "remote/remotehost.h"
#include "remote/remotescript.h"
#include "remote/sshcommand.h"

#include "processrun.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

// What the user types as a host reaches ssh's argv (and, through %h, ProxyCommand strings a shell
// runs): only strict forms pass, each refusal names the wrong part.
class TestRemoteHost : public QObject
{
    Q_OBJECT

private slots:
    void accepted_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("display");
        QTest::newRow("ssh config alias") << "web1"
                                          << ""
                                          << "web1" << 0 << "web1";
        QTest::newRow("user and name") << "alice@db.example.org"
                                       << "alice"
                                       << "db.example.org" << 0 << "alice@db.example.org";
        QTest::newRow("port") << "10.0.0.7:2222"
                              << ""
                              << "10.0.0.7" << 2222 << "10.0.0.7:2222";
        QTest::newRow("all three") << "ops_1@h-2:65535"
                                   << "ops_1"
                                   << "h-2" << 65535 << "ops_1@h-2:65535";
        QTest::newRow("v6 with port") << "bob@[2001:db8::1]:22"
                                      << "bob"
                                      << "2001:db8::1" << 22 << "bob@[2001:db8::1]:22";
        QTest::newRow("v6 bare in brackets") << "[::1]"
                                             << ""
                                             << "::1" << 0 << "[::1]";
    }
    void accepted()
    {
        QFETCH(QString, text);
        RemoteHost host;
        QString error;
        QVERIFY2(RemoteHost::parse(text, &host, &error), qPrintable(error));
        QTEST(host.user(), "user");
        QTEST(host.host(), "host");
        QTEST(host.port(), "port");
        QTEST(host.displayName(), "display");
    }

    void refused_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason"); // a word the message must contain
        QTest::newRow("empty") << ""
                               << "No host";
        QTest::newRow("option injection") << "-oProxyCommand=sh"
                                          << "'-'";
        QTest::newRow("option as host after user") << "a@-oProxyCommand=x"
                                                   << "'-'";
        QTest::newRow("option as user") << "-x@host"
                                        << "'-'";
        QTest::newRow("space") << "web1 -oProxyCommand=x"
                               << "space";
        QTest::newRow("newline") << "web1\nHost *"
                                 << "line break";
        QTest::newRow("tab") << "web1\t"
                             << "space";
        QTest::newRow("control") << QStringLiteral("web") + QChar(0x1b) + QStringLiteral("[2J") << "control";
        QTest::newRow("bidi override") << QStringLiteral("web") + QChar(0x202e) + QStringLiteral("1") << "control";
        QTest::newRow("shell in ProxyCommand %h") << "h$(id)"
                                                  << "only letters";
        QTest::newRow("backquote") << "h`id`"
                                   << "only letters";
        QTest::newRow("percent token") << "%d"
                                       << "only letters";
        QTest::newRow("ssh url") << "ssh://h"
                                 << "port";
        QTest::newRow("empty user") << "@host"
                                    << "user name";
        QTest::newRow("two at") << "a@b@c"
                                << "more than one";
        QTest::newRow("empty host") << "alice@"
                                    << "empty";
        QTest::newRow("empty port") << "host:"
                                    << "port";
        QTest::newRow("port zero") << "host:0"
                                   << "65535";
        QTest::newRow("port too big") << "host:65536"
                                      << "65535";
        QTest::newRow("port signed") << "host:+22"
                                     << "65535";
        QTest::newRow("port huge") << "host:99999999999"
                                   << "65535";
        QTest::newRow("v6 without brackets") << "2001:db8::1"
                                             << "brackets";
        QTest::newRow("v6 unclosed") << "[::1"
                                     << "']'";
        QTest::newRow("not v6") << "[evil;id]:22"
                                << "IPv6";
        QTest::newRow("v6 zone") << "[fe80::1%eth0]"
                                 << "IPv6";
        QTest::newRow("junk after v6") << "[::1]x"
                                       << "':port'";
        QTest::newRow("too long") << QString(300, QLatin1Char('a')) << "longer";
        QTest::newRow("quote in user") << "a'b@h"
                                       << "user name";
    }
    void refused()
    {
        QFETCH(QString, text);
        QFETCH(QString, reason);
        RemoteHost host;
        QString error;
        QVERIFY(!RemoteHost::parse(text, &host, &error));
        QVERIFY2(error.contains(reason), qPrintable(error));
    }

    void argvNeverLetsTheHostBeAnOption()
    {
        RemoteHost host;
        QString error;
        QVERIFY(RemoteHost::parse(QStringLiteral("alice@web1:2200"), &host, &error));
        const QStringList arguments = SshCommand(host, QStringLiteral("true")).arguments();
        const qsizetype end = arguments.indexOf(QStringLiteral("--"));
        QVERIFY(end > 0);
        QCOMPARE(arguments.mid(end), (QStringList {"--", "web1", "true"}));
        QVERIFY(arguments.contains(QStringLiteral("-T")));
        QCOMPARE(arguments.at(arguments.indexOf(QStringLiteral("-p")) + 1), QStringLiteral("2200"));
        QCOMPARE(arguments.at(arguments.indexOf(QStringLiteral("-l")) + 1), QStringLiteral("alice"));
        QVERIFY(arguments.contains(QStringLiteral("ServerAliveCountMax=3")));
        // The user's forwards and LocalCommand are for their own sessions, not each reconnection of ours.
        QVERIFY(arguments.contains(QStringLiteral("ClearAllForwardings=yes")));
        QVERIFY(arguments.contains(QStringLiteral("PermitLocalCommand=no")));
    }

    void quotingSurvivesAShell()
    {
        // The quoting the remote login shell undoes: run through a real sh here.
        const QString nasty = QStringLiteral("it's $(id) `id` \"x\" \\ ; |");
        QProcess sh;
        sh.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("printf %s ") + RemoteScript::quoted(nasty)});
        QVERIFY(sh.waitForFinished());
        QCOMPARE(QString::fromUtf8(sh.readAllStandardOutput()), nasty);
    }

    void scriptsSurviveAnyLoginShell()
    {
        // One quoted word per script, no newline and no '!' (csh-family login shells reject or
        // expand those inside quotes); the values follow as separate quoted words.
        const QString sha(64, QLatin1Char('a'));
        for (const QString &command : {RemoteScript::runAgent(sha, {"--stream"}), RemoteScript::pushAgent(sha)}) {
            QVERIFY(!command.contains(QLatin1Char('\n')));
            QVERIFY(!command.contains(QLatin1Char('!')));
            QVERIFY(command.startsWith(QLatin1String("sh -c '")));
            QVERIFY(command.contains(QLatin1String("' sockscope-remote '") + sha + QLatin1Char('\'')));
        }
    }

    // The scripts as a remote login shell runs them (dash and bash), in a home of the test's own.
    static ProcessRun runRemote(const QString &shell, const QString &home, const QString &command, const QByteArray &input = {})
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("HOME"), home);
        environment.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin")); // no sockscope-agent there
        process.setProcessEnvironment(environment);
        process.start(shell, {QStringLiteral("-c"), command});
        process.write(input);
        process.closeWriteChannel();
        ProcessRun run;
        run.exitCode = process.waitForFinished(10000) ? process.exitCode() : -1;
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        return run;
    }

    // The push makes the cache directory private (it may have been made open before). The run
    // trusts no name: it opens the copy once and checks, hashes and executes that open file, so a
    // directory others may write again afterwards lets them swap only a name, which then fails
    // the hash (tst_remotessh swaps the file between the hash and exec).
    void cacheDirectoryMustBePrivate()
    {
        const QByteArray agent = "#!/bin/sh\necho RAN \"$@\"\n";
        const QString sha = QString::fromLatin1(QCryptographicHash::hash(agent, QCryptographicHash::Sha256).toHex());
        for (const QString &shell : {QStringLiteral("/bin/dash"), QStringLiteral("/bin/bash")}) {
            QTemporaryDir home;
            const QString cache = home.filePath(QStringLiteral(".cache/sockscope"));
            QVERIFY(QDir().mkpath(cache));
            QVERIFY(QFile::setPermissions(cache, QFileDevice::Permissions(0x7777))); // rwxrwxrwx
            const ProcessRun push = runRemote(shell, home.path(), RemoteScript::pushAgent(sha), agent);
            QVERIFY2(push.exitCode == 0 && push.err.contains("SOCKSCOPE-PUSHED"), push.err.constData());
            QCOMPARE(QFileInfo(cache).permissions() & 0x0077, QFileDevice::Permissions()); // group, others: nothing
            const ProcessRun run = runRemote(shell, home.path(), RemoteScript::runAgent(sha, {"--stream", "it's $(id)"}));
            QCOMPARE(run.exitCode, 0);
            QCOMPARE(run.out, QByteArray("RAN --stream it's $(id)\n"));
            QVERIFY(QFile::setPermissions(cache, QFileDevice::Permissions(0x7707))); // others may write again
            const ProcessRun stillOurs = runRemote(shell, home.path(), RemoteScript::runAgent(sha, {"--stream"}));
            QCOMPARE(stillOurs.exitCode, 0);
            QCOMPARE(stillOurs.out, QByteArray("RAN --stream\n"));
            // What another user could put there under the name: not the hashed copy, never run.
            const QString copy = cache + QStringLiteral("/agent-") + sha;
            QVERIFY(QFile::remove(copy));
            QFile swapped(copy);
            QVERIFY(swapped.open(QIODevice::WriteOnly));
            swapped.write("#!/bin/sh\necho SWAPPED\n");
            swapped.close();
            QVERIFY(swapped.setPermissions(QFileDevice::Permissions(0x7700)));
            const ProcessRun refused = runRemote(shell, home.path(), RemoteScript::runAgent(sha, {"--stream"}));
            QCOMPARE(refused.exitCode, RemoteScript::AgentCorruptExit);
            QVERIFY(refused.out.isEmpty());
            // A copy others may write is refused even with the right bytes: it could change after the hash.
            QVERIFY(QFile::remove(copy));
            QFile writable(copy);
            QVERIFY(writable.open(QIODevice::WriteOnly));
            writable.write(agent);
            writable.close();
            QVERIFY(writable.setPermissions(QFileDevice::Permissions(0x7707)));
            const ProcessRun openCopy = runRemote(shell, home.path(), RemoteScript::runAgent(sha, {"--stream"}));
            QCOMPARE(openCopy.exitCode, RemoteScript::AgentCorruptExit);
            QVERIFY(openCopy.out.isEmpty());
        }
    }

    void noAgentLine_data()
    {
        QTest::addColumn<QByteArray>("stderrText");
        QTest::addColumn<bool>("parses");
        QTest::newRow("plain") << QByteArray("SOCKSCOPE-NO-AGENT arch=x86_64 glibc=2.36 libmnl=yes\n") << true;
        QTest::newRow("among ssh warnings") << QByteArray("Warning: x\nSOCKSCOPE-NO-AGENT arch=aarch64 glibc=2.31 libmnl=no\n")
                                            << true;
        QTest::newRow("musl") << QByteArray("SOCKSCOPE-NO-AGENT arch=x86_64 glibc=none libmnl=yes") << true;
        QTest::newRow("injected text") << QByteArray("SOCKSCOPE-NO-AGENT arch=x86_64<b> glibc=2.36 libmnl=yes") << false;
        QTest::newRow("extra field") << QByteArray("SOCKSCOPE-NO-AGENT arch=x86_64 glibc=2.36 libmnl=yes x=1") << false;
        QTest::newRow("missing") << QByteArray("Permission denied (publickey).") << false;
    }
    void noAgentLine()
    {
        QFETCH(QByteArray, stderrText);
        RemoteFacts facts;
        QTEST(RemoteFacts::parse(stderrText, &facts), "parses");
    }

    void refusalsNameTheFix()
    {
        RemoteFacts facts;
        QVERIFY(RemoteFacts::parse("SOCKSCOPE-NO-AGENT arch=x86_64 glibc=2.36 libmnl=no", &facts));
        QVERIFY(facts.whyAgentCannotRun(QStringLiteral("x86_64")).contains(QLatin1String("apt install libmnl0")));
        QVERIFY(facts.whyAgentCannotRun(QStringLiteral("aarch64")).contains(QLatin1String("aarch64")));
        QVERIFY(RemoteFacts::parse("SOCKSCOPE-NO-AGENT arch=x86_64 glibc=2.19 libmnl=yes", &facts));
        QVERIFY(facts.whyAgentCannotRun(QStringLiteral("x86_64")).contains(QLatin1String("2.19")));
        QVERIFY(RemoteFacts::parse("SOCKSCOPE-NO-AGENT arch=x86_64 glibc=3.0 libmnl=yes", &facts));
        QCOMPARE(facts.whyAgentCannotRun(QStringLiteral("x86_64")), QString());
    }

    void consentIsPerHost()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        RemoteHost web, aliceWeb;
        QString error;
        QVERIFY(RemoteHost::parse(QStringLiteral("web1"), &web, &error));
        QVERIFY(RemoteHost::parse(QStringLiteral("alice@[::1]:22"), &aliceWeb, &error));
        QCOMPARE(AgentConsent::answer(settings, web), AgentConsent::Answer::NotAsked);
        AgentConsent::remember(settings, web, true);
        AgentConsent::remember(settings, aliceWeb, false);
        settings.sync();
        QSettings reread(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        QCOMPARE(AgentConsent::answer(reread, web), AgentConsent::Answer::Allowed);
        QCOMPARE(AgentConsent::answer(reread, aliceWeb), AgentConsent::Answer::Refused);
        AgentConsent::forget(reread, web);
        QCOMPARE(AgentConsent::answer(reread, web), AgentConsent::Answer::NotAsked);
    }

    void askpassPrompts()
    {
        const AskpassPrompt hostKey(QStringLiteral("The authenticity of host 'x' can't be established.\n"
                                                   "Are you sure you want to continue connecting (yes/no/[fingerprint])? "),
                                    QString());
        QCOMPARE(hostKey.kind(), AskpassPrompt::Kind::HostKey);
        QCOMPARE(hostKey.answer(QString()), QByteArray("yes"));
        const AskpassPrompt password(QStringLiteral("alice@web1's password: "), QString());
        QCOMPARE(password.kind(), AskpassPrompt::Kind::Secret);
        QCOMPARE(password.answer(QStringLiteral("pä55")), QStringLiteral("pä55").toUtf8());
        QCOMPARE(AskpassPrompt(QStringLiteral("Allow use of key?"), QStringLiteral("confirm")).kind(),
                 AskpassPrompt::Kind::Confirm);
        QCOMPARE(AskpassPrompt(QStringLiteral("Touch your key"), QStringLiteral("none")).kind(), AskpassPrompt::Kind::Notice);
        // A server's keyboard-interactive text cannot smuggle controls into the dialog.
        const AskpassPrompt hostile(QStringLiteral("Pass\x1b[2Jword") + QChar(0x202e) + QStringLiteral(":"), QString());
        QVERIFY(!hostile.text().contains(QChar(0x1b)));
        QVERIFY(!hostile.text().contains(QChar(0x202e)));

        QProcessEnvironment environment;
        QVERIFY(!AskpassPrompt::isInvocation({"sockscope", "Password:"}, environment));
        environment.insert(QStringLiteral("SOCKSCOPE_ASKPASS"), QStringLiteral("1"));
        QVERIFY(AskpassPrompt::isInvocation({"sockscope", "Password:"}, environment));
        QVERIFY(!AskpassPrompt::isInvocation({"sockscope", "--once", "--format"}, environment));
    }
};

QTEST_GUILESS_MAIN(TestRemoteHost)

#include "tst_remotehost.moc"
