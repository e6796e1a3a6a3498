#include "remote/agentbinary.h"
#include "remote/agentpusher.h"
#include "remote/remoteagentconnection.h"
#include "remote/remotefacts.h"
#include "remote/remotehost.h"
#include "remote/sshcommand.h"
#include "remote/sshlauncher.h"
#include "sshtestmain.h"
#include "sshtestserver.h"
#include "socketpopulation.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

Q_DECLARE_METATYPE(SshOutcome)

// SshLauncher and AgentPusher against a real sshd reached through ~/.ssh/config (an alias with a
// ProxyCommand), with a stand-in for sockscope-agent that echoes its stdin and exits at EOF.
class TestRemoteSsh : public QObject
{
    Q_OBJECT

private:
    SshTestServer m_server;
    RemoteHost m_host;
    AgentBinary m_agent;

    struct Run
    {
        SshOutcome outcome;
        QByteArray out;
    };

    // One ssh run to its end: `input` is written to the agent's stdin, then stdin is closed.
    Run runAgent(const QByteArray &input)
    {
        SshLauncher launcher;
        launcher.setAskpassProgram(QStringLiteral("/bin/false")); // a prompt here is a test failure
        QSignalSpy finished(&launcher, &SshLauncher::finished);
        QObject::connect(&launcher, &SshLauncher::started, &launcher, [&] {
            launcher.process()->write(input);
            launcher.stop();
        });
        launcher.start(SshCommand::runAgent(m_host, m_agent.sha256(), {QStringLiteral("--stream")}));
        Run run;
        if (!finished.wait(30000))
            return run;
        run.outcome = finished.first().first().value<SshOutcome>();
        run.out = launcher.process()->readAllStandardOutput();
        return run;
    }

    QString cachedCopy() const
    {
        return m_server.homeDirectory() + QStringLiteral("/.cache/sockscope/agent-") + m_agent.sha256();
    }

    bool push()
    {
        RemoteFacts facts;
        const Run probe = runAgent({});
        if (probe.outcome.kind != SshOutcome::Kind::NoAgent)
            return false;
        AgentPusher pusher;
        pusher.launcher()->setAskpassProgram(QStringLiteral("/bin/false"));
        QSignalSpy finished(&pusher, &AgentPusher::finished);
        QString refusal;
        if (!pusher.push(m_host, m_agent, probe.outcome.facts, &refusal) || !finished.wait(30000))
            return false;
        return finished.first().first().toBool();
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<SshOutcome>();
        if (!SshTestServer::unavailableReason().isEmpty())
            QSKIP(qPrintable(SshTestServer::unavailableReason()));
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
        QVERIFY2(RemoteHost::parse(QString::fromLatin1(SshTestServer::Alias), &m_host, &error), qPrintable(error));
        QVERIFY2(AgentBinary::load(QStringLiteral(AGENT_STANDIN), &m_agent, &error), qPrintable(error));
        // An "installed" agent: the stand-in under the agent's name in a directory of its own.
        QVERIFY2(m_server.installAgent(m_agent.path()), qPrintable(m_server.error()));
    }

    void init()
    {
        m_server.setDown(false);
        QVERIFY(m_server.setAgentOnPath(false));
        QDir(m_server.homeDirectory() + QStringLiteral("/.cache/sockscope")).removeRecursively();
    }

    void installedAgentOnPathRuns()
    {
        QVERIFY(m_server.setAgentOnPath(true));
        const Run run = runAgent("command 1\n");
        QCOMPARE(int(run.outcome.kind), int(SshOutcome::Kind::Finished));
        QCOMPARE(run.outcome.exitCode, 0);
        // Its argv arrived intact and its stdin reached it through ssh.
        QCOMPARE(run.out, QByteArray("STANDIN --stream\ncommand 1\n"));
    }

    void noAgentReportsFacts()
    {
        const Run run = runAgent({});
        QCOMPARE(int(run.outcome.kind), int(SshOutcome::Kind::NoAgent));
        QCOMPARE(run.out, QByteArray()); // stdout stays the agent's: nothing there
        QCOMPARE(run.outcome.facts.architecture(), m_agent.architecture()); // same machine
        QCOMPARE(run.outcome.facts.hasLibmnl(),
                 QFileInfo::exists(QStringLiteral("/usr/lib/x86_64-linux-gnu/libmnl.so.0"))
                     || QFileInfo::exists(QStringLiteral("/lib/x86_64-linux-gnu/libmnl.so.0")));
        QVERIFY(run.outcome.facts.glibc().startsWith(QLatin1String("2.")));
        QCOMPARE(run.outcome.facts.whyAgentCannotRun(m_agent.architecture()), QString());
        QVERIFY(!run.outcome.facts.whyAgentCannotRun(QStringLiteral("riscv64")).isEmpty());
    }

    void pushThenRunThenReuse()
    {
        QVERIFY(!QFileInfo::exists(cachedCopy()));
        QVERIFY(push());
        const QFileInfo copy(cachedCopy());
        QVERIFY(copy.exists());
        QCOMPARE(int(copy.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther)), 0);
        QVERIFY(copy.permissions() & QFile::ExeOwner);
        // No temp file left beside it.
        QCOMPARE(QDir(copy.absolutePath()).entryList(QDir::Files | QDir::Hidden).size(), 1);

        struct stat before;
        QCOMPARE(stat(QFile::encodeName(cachedCopy()).constData(), &before), 0);
        const Run first = runAgent("a\n");
        QCOMPARE(int(first.outcome.kind), int(SshOutcome::Kind::Finished));
        QCOMPARE(first.out, QByteArray("STANDIN --stream\na\n"));
        const Run second = runAgent("b\n");
        QCOMPARE(second.out, QByteArray("STANDIN --stream\nb\n"));
        // Reused, not copied again: the same inode, never rewritten or replaced.
        struct stat after;
        QCOMPARE(stat(QFile::encodeName(cachedCopy()).constData(), &after), 0);
        QCOMPARE(after.st_ino, before.st_ino);
        QCOMPARE(after.st_ctim.tv_nsec, before.st_ctim.tv_nsec);
        QCOMPARE(after.st_ctim.tv_sec, before.st_ctim.tv_sec);
    }

    void pushRefusedWhereTheAgentCannotRun()
    {
        // Another CPU (as the remote would report it): refused before a byte is sent.
        RemoteFacts riscv;
        QVERIFY(RemoteFacts::parse("SOCKSCOPE-NO-AGENT arch=riscv64 glibc=2.36 libmnl=yes", &riscv));
        AgentPusher pusher;
        QSignalSpy finished(&pusher, &AgentPusher::finished);
        QString refusal;
        QVERIFY(!pusher.push(m_host, m_agent, riscv, &refusal));
        QVERIFY2(refusal.contains(QLatin1String("riscv64")), qPrintable(refusal));
        QVERIFY(!pusher.launcher()->isRunning());
        QCOMPARE(finished.count(), 0);
        QVERIFY(!QFileInfo::exists(cachedCopy()));
    }

    void connectionPushesWithConsentThenRuns()
    {
        // The path the window takes: no agent → (user agrees) → copy → the copy runs.
        RemoteAgentConnection connection(m_host, m_agent, {QStringLiteral("--stream")});
        connection.setAskpassProgram(QStringLiteral("/bin/false"));
        QSignalSpy noAgent(&connection, &RemoteAgentConnection::noAgent);
        QSignalSpy pushed(&connection, &RemoteAgentConnection::pushFinished);
        QSignalSpy started(&connection, &RemoteAgentConnection::started);
        connection.start();
        QVERIFY(noAgent.wait(30000));
        QCOMPARE(noAgent.first().at(1).toString(), QString()); // ours can run there
        QCOMPARE(started.count(), 1);
        connection.pushAgent();
        QVERIFY(pushed.wait(30000));
        QVERIFY2(pushed.first().first().toBool(), qPrintable(pushed.first().at(1).toString()));
        QVERIFY(QFileInfo::exists(cachedCopy()));
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 2, 30000);
        QVERIFY(connection.process()->waitForReadyRead(30000));
        QCOMPARE(connection.process()->readLine(), QByteArray("STANDIN --stream\n"));
        QSignalSpy finished(&connection, &RemoteAgentConnection::finished);
        connection.stop();
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().first().value<SshOutcome>().exitCode, 0);
    }

    void connectionWithoutOurAgentSaysSo()
    {
        RemoteAgentConnection connection(m_host, AgentBinary(), {QStringLiteral("--stream")});
        connection.setAskpassProgram(QStringLiteral("/bin/false"));
        QSignalSpy noAgent(&connection, &RemoteAgentConnection::noAgent);
        QSignalSpy pushed(&connection, &RemoteAgentConnection::pushFinished);
        connection.start();
        QVERIFY(noAgent.wait(30000));
        QVERIFY(!noAgent.first().at(1).toString().isEmpty());
        connection.pushAgent();
        QCOMPARE(pushed.count(), 1);
        QVERIFY(!pushed.first().first().toBool());
    }

    void corruptedCopyIsRefused()
    {
        QVERIFY(push());
        QFile copy(cachedCopy());
        QVERIFY(copy.open(QIODevice::Append));
        QVERIFY(copy.write("x") == 1);
        copy.close();
        const Run run = runAgent("a\n");
        QCOMPARE(int(run.outcome.kind), int(SshOutcome::Kind::AgentCorrupt));
        QCOMPARE(run.out, QByteArray()); // it never ran
        QCOMPARE(m_server.agentsRunning(), 0);
    }

    void whatRunsIsWhatWasHashed()
    {
        // Between the hash and exec, the copy's name is given to another file (as someone who
        // may rename in $HOME or ~/.cache could): a sha256sum on the server's PATH hashes, then
        // swaps. What runs is still the copy that was hashed, and the other file never runs.
        QVERIFY(push());
        const QString swapper = m_server.directory() + QStringLiteral("/swapping-bin");
        const QString other = m_server.directory() + QStringLiteral("/other-agent");
        const QString marker = m_server.directory() + QStringLiteral("/other-ran");
        QVERIFY(QDir().mkpath(swapper));
        QFile otherFile(other);
        QVERIFY(otherFile.open(QIODevice::WriteOnly));
        otherFile.write("#!/bin/sh\necho OTHER; touch '" + QFile::encodeName(marker) + "'\n");
        otherFile.close();
        QVERIFY(QFile::setPermissions(other, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QFile sha(swapper + QStringLiteral("/sha256sum"));
        QVERIFY(sha.open(QIODevice::WriteOnly));
        sha.write("#!/bin/sh\n/usr/bin/sha256sum \"$@\"; r=$?\nmv -f '" + QFile::encodeName(other) + "' '"
                  + QFile::encodeName(cachedCopy()) + "'\nexit $r\n");
        sha.close();
        QVERIFY(QFile::setPermissions(sha.fileName(), QFile::ReadOwner | QFile::ExeOwner));
        QVERIFY(m_server.setServerPath(swapper + QStringLiteral(":/usr/bin:/bin")));
        const Run run = runAgent("a\n");
        QVERIFY(m_server.setAgentOnPath(false));
        QVERIFY(!QFileInfo::exists(other)); // the swap happened
        QCOMPARE(run.out, QByteArray("STANDIN --stream\na\n"));
        QVERIFY(!QFileInfo::exists(marker));
    }

    void closingLeavesNoRemoteProcess()
    {
        QVERIFY(m_server.setAgentOnPath(true));
        SshLauncher launcher;
        launcher.setAskpassProgram(QStringLiteral("/bin/false"));
        launcher.start(SshCommand::runAgent(m_host, m_agent.sha256(), {QStringLiteral("--stream")}));
        QVERIFY(launcher.process()->waitForReadyRead(30000)); // the agent is running
        QCOMPARE(m_server.agentsRunning(), 1);
        // ssh leads a session of its own: no controlling terminal it could prompt on.
        QCOMPARE(qint64(getsid(pid_t(launcher.process()->processId()))), launcher.process()->processId());
        QSignalSpy finished(&launcher, &SshLauncher::finished);
        launcher.stop();
        QVERIFY(finished.wait(30000));
        QTRY_COMPARE_WITH_TIMEOUT(m_server.agentsRunning(), 0, 10000);
    }

    void serverDownThenBack()
    {
        m_server.setDown(true);
        const Run down = runAgent({});
        QCOMPARE(int(down.outcome.kind), int(SshOutcome::Kind::ConnectionFailed));
        QVERIFY2(down.outcome.message.contains(QLatin1String("test server is down")), qPrintable(down.outcome.message));
        m_server.setDown(false);
        QCOMPARE(int(runAgent({}).outcome.kind), int(SshOutcome::Kind::NoAgent));
    }

    void killedServerEndsTheRun()
    {
        QVERIFY(m_server.setAgentOnPath(true));
        SshLauncher launcher;
        launcher.setAskpassProgram(QStringLiteral("/bin/false"));
        QSignalSpy finished(&launcher, &SshLauncher::finished);
        launcher.start(SshCommand::runAgent(m_host, m_agent.sha256(), {QStringLiteral("--stream")}));
        QVERIFY(launcher.process()->waitForReadyRead(30000));
        m_server.setDown(true); // kills the connection's sshd mid-stream
        QVERIFY(finished.wait(30000));
        QCOMPARE(int(finished.first().first().value<SshOutcome>().kind), int(SshOutcome::Kind::ConnectionFailed));
        // The agent saw its stdin close with the connection and is gone too.
        QTRY_COMPARE_WITH_TIMEOUT(m_server.agentsRunning(), 0, 10000);
    }

    void remoteCommandSeesTheServersSockets()
    {
        // A known population on the server side only; a command run over ssh counts it there
        // (ss as the oracle), and the client's namespace has none of it.
        SocketPopulation population;
        const SocketPopulation::Endpoint v4 {AF_INET, "127.0.0.1", 9000};
        QVERIFY2(m_server.inServerNamespace([&] {
            return population.listen(v4) && population.establishedPairs(v4, 3)
                && population.closedConnections(v4, 5, SocketPopulation::CloseOrder::ClientFirst);
        }),
                 qPrintable(population.error()));
        SshLauncher launcher;
        launcher.setAskpassProgram(QStringLiteral("/bin/false"));
        QSignalSpy finished(&launcher, &SshLauncher::finished);
        launcher.start(SshCommand(m_host, QStringLiteral("ss -Htan state established; echo SPLIT; ss -Htan state time-wait")));
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().first().value<SshOutcome>().exitCode, 0);
        const QByteArray out = launcher.process()->readAllStandardOutput();
        const qsizetype split = out.indexOf("SPLIT\n");
        QVERIFY(split >= 0);
        // 3 pairs seen from both ends; the ssh session itself arrives over the ProxyCommand's
        // pipes, not over TCP, so it adds no socket.
        QCOMPARE(out.left(split).count('\n'), 6);
        QCOMPARE(out.mid(split + 6).count('\n'), 5);

        int probe = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(9000);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QVERIFY(::connect(probe, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0);
        ::close(probe);
    }
};

SOCKSCOPE_SSH_TEST_MAIN(TestRemoteSsh, QCoreApplication)

#include "tst_remotessh.moc"
