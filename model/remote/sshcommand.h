#pragma once

#include "remote/remotehost.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// One run of the system `ssh`, as an argv (no local shell ever parses it): the user's
// ~/.ssh/config, ProxyJump, ControlMaster, keys and agent all apply because it is their ssh.
// Prompts (unknown host key, password, passphrase) go to an askpass program — sockscope itself —
// and never to a terminal: stdin is the agent's command pipe.
class SshCommand
{
public:
    // ssh sets this for its askpass program, and sockscope looks for it (with the prompt as the
    // only argument) to know it was started as one; see AskpassPrompt.
    static constexpr const char *AskpassVariable = "SOCKSCOPE_ASKPASS";
    // A dead link (suspended laptop, dropped route) is noticed after Interval × CountMax seconds.
    static constexpr int AliveInterval = 5;
    static constexpr int AliveCountMax = 3;

    SshCommand(const RemoteHost &host, const QString &remoteCommand);
    // `sha256` of our agent, empty when we have none (only an installed agent can then run).
    static SshCommand runAgent(const RemoteHost &host, const QString &sha256, const QStringList &agentArguments);
    static SshCommand pushAgent(const RemoteHost &host, const QString &sha256);

    const RemoteHost &host() const { return m_host; }
    QString remoteCommand() const { return m_remoteCommand; }
    QString program() const; // ssh from PATH
    QStringList arguments() const;
    // `base` plus what makes ssh ask through `askpassProgram` (the running sockscope by default).
    QProcessEnvironment environment(const QProcessEnvironment &base, const QString &askpassProgram) const;

private:
    RemoteHost m_host;
    QString m_remoteCommand;
};
