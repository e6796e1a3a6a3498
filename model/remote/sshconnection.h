#pragma once

#include "remote/agentbinary.h"
#include "remote/remotehost.h"
#include "remote/sshoutcome.h"
#include "sources/streamconnection.h"

#include <QProcessEnvironment>
#include <QStringList>

class SshLauncher;

// A StreamSource's connection to a remote host: each attempt is the system ssh running
// `sockscope-agent --stream` there (RemoteScript::runAgent: the remote PATH's agent, else the
// checked copy of ours). Closing it closes ssh's stdin, so the agent ends at EOF on the server.
// When the host has no (usable) agent, noAgent() comes just before ended().
class SshConnection : public StreamConnection
{
    Q_OBJECT

public:
    SshConnection(const RemoteHost &host, const AgentBinary &agent, QObject *parent = nullptr);

    SshLauncher *launcher() const { return m_launcher; } // for its askpass program and environment
    // More of the agent's options after --stream (--states, --table-period), for the next open().
    void setStreamArguments(const QStringList &arguments) { m_streamArguments = arguments; }

    void open() override;
    QByteArray readAll() override;
    void write(const QByteArray &command) override;
    void close() override;
    void abort() override;
    void shutDown() override;
    QString diagnostic() const override;

signals:
    void noAgent(const SshOutcome &outcome);

private:
    void finished(const SshOutcome &outcome);

    RemoteHost m_host;
    AgentBinary m_agent;
    SshLauncher *m_launcher;
    QStringList m_streamArguments;
};
