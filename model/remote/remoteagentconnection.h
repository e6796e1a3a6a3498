#pragma once

#include "remote/agentbinary.h"
#include "remote/remotefacts.h"
#include "remote/remotehost.h"
#include "remote/sshoutcome.h"

#include <QObject>
#include <QProcessEnvironment>
#include <QStringList>

class AgentPusher;
class QProcess;
class SshLauncher;

// One remote agent session, the way the window and the CLI use it: run the agent over ssh; if
// the remote has none, say so with what it reported and whether our own agent could run there;
// once the caller has the user's consent (AgentConsent), copy it and run it. The agent's bytes
// and commands go through process() (a StreamSource reads and writes there); everything else
// arrives as signals. Reconnection policy (backoff) stays with the caller: start() again.
class RemoteAgentConnection : public QObject
{
    Q_OBJECT

public:
    // `agent` may be empty (AgentBinary() when ours was not found): the remote's own agent is
    // still used, and the no-agent refusal then says ours is missing.
    RemoteAgentConnection(const RemoteHost &host, const AgentBinary &agent, const QStringList &agentArguments,
                          QObject *parent = nullptr);

    void setAskpassProgram(const QString &program);
    void setBaseEnvironment(const QProcessEnvironment &environment);

    const RemoteHost &host() const { return m_host; }
    QProcess *process() const; // the agent's stdout (stream) and stdin (commands)
    bool isRunning() const;

    void start();
    // After noAgent() with an empty refusal, and the user's consent: copy, then start() again.
    void pushAgent();
    // Closes the agent's stdin: the agent exits and nothing stays on the server.
    void stop();

signals:
    void started(); // ssh runs; the agent's bytes (if any) follow on process()
    // No agent there. `refusal` empty: ours can be pushed; otherwise why not (what to install).
    void noAgent(const RemoteFacts &facts, const QString &refusal);
    void pushFinished(bool ok, const QString &message);
    // Any other end: the agent exited, the copy was corrupt, ssh failed or the link died.
    void finished(const SshOutcome &outcome);

private:
    void onFinished(const SshOutcome &outcome);

    RemoteHost m_host;
    AgentBinary m_agent;
    QStringList m_agentArguments;
    SshLauncher *m_launcher;
    AgentPusher *m_pusher;
    RemoteFacts m_facts;
};
