#pragma once

#include "remote/agentbinary.h"
#include "core/collect/kerneldefaults.h"
#include "remote/remotefacts.h"
#include "remote/remotehost.h"
#include "remote/remotesysctlchanger.h"
#include "sources/streamsource.h"
#include "sysctl/sysctlchange.h"

#include <QProcessEnvironment>

class AgentPusher;
class RemoteSysctlApplier;
class SshConnection;
struct SshOutcome;

// A remote host watched like the local one: a StreamSource whose process is the system ssh
// running `sockscope-agent --stream` there (from the remote PATH, else the checked copy in
// ~/.cache/sockscope; RemoteScript::runAgent). When the server has no agent the source stops
// retrying and says so with the facts the remote reported; after the user's consent
// (AgentConsent, asked by the window) pushAgent() copies ours and the stream starts again.
// Closing the window closes ssh's stdin: the agent ends at EOF and nothing stays on the server.
class RemoteSource : public StreamSource
{
    Q_OBJECT

public:
    RemoteSource(const RemoteHost &host, const AgentBinary &agent, QObject *parent = nullptr);

    void setAskpassProgram(const QString &program);
    void setBaseEnvironment(const QProcessEnvironment &environment);
    // The agent's options after --stream (--states LIST, --table-period S); set before start().
    void setStreamArguments(const QStringList &arguments);

    const RemoteHost &host() const { return m_host; }
    const RemoteFacts &facts() const { return m_facts; }
    // The remote kernel's sysctl defaults as its agent detected them (the stream header's
    // "kernel_defaults"); Method::None when the header has none or they are malformed.
    KernelDefaults kernelDefaults() const;
    // After noAgent() with an empty refusal and the user's consent: copy, then stream again.
    void pushAgent();

    // Sysctls change over ssh through `sudo -n` and the helper there (RemoteSysctlChanger). After
    // each try a table is requested: its sysctls are the values read back on the server.
    RemoteSysctlChanger *sysctlChanger() const override { return m_sysctlChanger; }
    RemoteSysctlApplier *sysctlApplier() const;

    void start(int intervalMs) override;
    void setIntervalMs(int intervalMs) override;

signals:
    // No agent there. `refusal` empty: ours can be pushed; otherwise why not (what to install).
    void noAgent(const RemoteFacts &facts, const QString &refusal);
    void pushFinished(bool ok, const QString &message);

private:
    RemoteSource(const RemoteHost &host, const AgentBinary &agent, SshConnection *connection, QObject *parent);
    void onNoAgent(const SshOutcome &outcome);

    SshConnection *m_ssh;
    RemoteHost m_host;
    AgentBinary m_agent;
    AgentPusher *m_pusher;
    RemoteSysctlChanger *m_sysctlChanger;
    RemoteFacts m_facts;
    // Copies made for this source: a server that says "no agent" again after a copy that
    // succeeded is not sent another one (with a remembered consent that would loop).
    int m_pushes = 0;
    int m_intervalMs = 1000;
};
