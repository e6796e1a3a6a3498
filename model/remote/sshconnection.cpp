#include "remote/sshconnection.h"

#include "remote/sshcommand.h"
#include "remote/sshlauncher.h"
#include "bridge/untrustedtext.h"

namespace {
// ssh's (or the agent's) last line on standard error, shown plain in the banner.
constexpr int DiagnosticLimit = 300;
}

SshConnection::SshConnection(const RemoteHost &host, const AgentBinary &agent, QObject *parent)
    : StreamConnection(parent)
    , m_host(host)
    , m_agent(agent)
    , m_launcher(new SshLauncher(this))
{
    connect(m_launcher->process(), &QProcess::readyReadStandardOutput, this, &StreamConnection::readyRead);
    connect(m_launcher, &SshLauncher::finished, this, &SshConnection::finished);
}

void SshConnection::open()
{
    m_launcher->start(
        SshCommand::runAgent(m_host, m_agent.sha256(), QStringList {QStringLiteral("--stream")} + m_streamArguments));
}

QByteArray SshConnection::readAll()
{
    return m_launcher->process()->readAllStandardOutput();
}

void SshConnection::write(const QByteArray &command)
{
    if (m_launcher->isRunning())
        m_launcher->process()->write(command + '\n');
}

void SshConnection::close()
{
    m_launcher->stop();
}

void SshConnection::abort()
{
    if (m_launcher->isRunning())
        m_launcher->process()->kill();
}

void SshConnection::shutDown()
{
    QProcess *process = m_launcher->process();
    if (process->state() == QProcess::NotRunning)
        return;
    disconnect(m_launcher, nullptr, this, nullptr);
    // The agent ends at EOF and ssh with it; a hung link is ended by force.
    process->closeWriteChannel();
    if (!process->waitForFinished(1000)) {
        process->kill();
        process->waitForFinished(1000);
    }
}

QString SshConnection::diagnostic() const
{
    const QList<QByteArray> lines = m_launcher->standardError().trimmed().split('\n');
    return UntrustedText::plain(QString::fromUtf8(lines.last())).left(DiagnosticLimit);
}

void SshConnection::finished(const SshOutcome &outcome)
{
    if (outcome.kind == SshOutcome::Kind::NoAgent || outcome.kind == SshOutcome::Kind::AgentCorrupt)
        emit noAgent(outcome);
    QString reason = outcome.message;
    if (reason.isEmpty()) {
        reason = outcome.kind == SshOutcome::Kind::Crashed
            ? tr("the connection to %1 was lost").arg(m_host.displayName())
            : tr("the connection to %1 ended with status %2").arg(m_host.displayName()).arg(outcome.exitCode);
    }
    emit ended(reason);
}
