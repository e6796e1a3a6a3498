#include "remote/sshcommand.h"

#include "remote/remotescript.h"

#include <QStandardPaths>

SshCommand::SshCommand(const RemoteHost &host, const QString &remoteCommand)
    : m_host(host)
    , m_remoteCommand(remoteCommand)
{
}

SshCommand SshCommand::runAgent(const RemoteHost &host, const QString &sha256, const QStringList &agentArguments)
{
    // Without an agent of our own there is no hash to look for: a name no copy has.
    return SshCommand(host, RemoteScript::runAgent(sha256.isEmpty() ? QString(64, QLatin1Char('0')) : sha256, agentArguments));
}

SshCommand SshCommand::pushAgent(const RemoteHost &host, const QString &sha256)
{
    return SshCommand(host, RemoteScript::pushAgent(sha256));
}

QString SshCommand::program() const
{
    const QString found = QStandardPaths::findExecutable(QStringLiteral("ssh"));
    return found.isEmpty() ? QStringLiteral("/usr/bin/ssh") : found;
}

QStringList SshCommand::arguments() const
{
    // -T: no pty, so the agent's bytes pass unaltered and a closed stdin reaches it as EOF.
    // -x -a: no X11 or agent forwarding to a server we only read from, whatever the config says.
    // ClearAllForwardings: a LocalForward/RemoteForward in the user's config is set up on every
    // (re)connection otherwise, and with ExitOnForwardFailure a port already taken by the user's
    // own session would fail ours (scp and sftp clear them the same way). PermitLocalCommand=no:
    // the config's LocalCommand is for interactive logins, not for each reconnection of ours.
    // User and port as their own options (RemoteHost already refused anything ssh could read as
    // an option or a %-token), then "--": the destination and the command are never options.
    QStringList arguments {QStringLiteral("-T"),
                           QStringLiteral("-x"),
                           QStringLiteral("-a"),
                           QStringLiteral("-o"),
                           QStringLiteral("ServerAliveInterval=%1").arg(AliveInterval),
                           QStringLiteral("-o"),
                           QStringLiteral("ServerAliveCountMax=%1").arg(AliveCountMax),
                           QStringLiteral("-o"),
                           QStringLiteral("ClearAllForwardings=yes"),
                           QStringLiteral("-o"),
                           QStringLiteral("PermitLocalCommand=no")};
    if (!m_host.user().isEmpty())
        arguments << QStringLiteral("-l") << m_host.user();
    if (m_host.port() != 0)
        arguments << QStringLiteral("-p") << QString::number(m_host.port());
    arguments << QStringLiteral("--") << m_host.host() << m_remoteCommand;
    return arguments;
}

QProcessEnvironment SshCommand::environment(const QProcessEnvironment &base, const QString &askpassProgram) const
{
    QProcessEnvironment environment = base;
    // OpenSSH ≥ 8.4: "force" uses the askpass program even with a terminal and without DISPLAY.
    environment.insert(QStringLiteral("SSH_ASKPASS"), askpassProgram);
    environment.insert(QStringLiteral("SSH_ASKPASS_REQUIRE"), QStringLiteral("force"));
    environment.insert(QString::fromLatin1(AskpassVariable), QStringLiteral("1"));
    return environment;
}
