#pragma once

#include "remote/agentbinary.h"

#include <QObject>

class RemoteFacts;
class RemoteHost;
class SshLauncher;
struct SshOutcome;

// Copies our agent to ~/.cache/sockscope/agent-<sha256> on a remote host over one ssh run (the
// bytes go through ssh's stdin; see RemoteScript::pushAgent). Only after the user agreed
// (AgentConsent) and only where the agent can run: the check uses the facts the failed run
// reported, before a single byte is sent.
class AgentPusher : public QObject
{
    Q_OBJECT

public:
    explicit AgentPusher(QObject *parent = nullptr);

    SshLauncher *launcher() const { return m_launcher; } // for its askpass program and environment
    // Starts the copy and returns true (finished() follows), or returns false with the reason
    // the agent would not run there (architecture, glibc, libmnl) and sends nothing.
    bool push(const RemoteHost &host, const AgentBinary &agent, const RemoteFacts &facts, QString *refusal);
    // Why `agent` cannot be copied to a host that reported `facts`: we have none, or it would not
    // run there (architecture, glibc, libmnl). Empty when it can.
    static QString refusal(const AgentBinary &agent, const RemoteFacts &facts);

signals:
    // ok: the checked copy is in place; a new SshCommand::runAgent finds it. message: why not.
    void finished(bool ok, const QString &message);

private:
    void onFinished(const SshOutcome &outcome);

    SshLauncher *m_launcher;
    AgentBinary m_agent;
};
