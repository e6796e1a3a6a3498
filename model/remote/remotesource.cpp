#include "remotesource.h"

#include "agentpusher.h"
#include "sshcommand.h"
#include "sshlauncher.h"
#include "sshoutcome.h"

#include <QCoreApplication>

RemoteSource::RemoteSource(const RemoteHost &host, const AgentBinary &agent, QObject *parent)
    : StreamSource([this] { return makeProcess(); }, host.displayName(), parent)
    , m_host(host)
    , m_agent(agent)
    , m_pusher(new AgentPusher(this))
{
    setKind(Kind::RemoteHost);
    connect(m_pusher, &AgentPusher::finished, this, [this](bool ok, const QString &message) {
        emit pushFinished(ok, message);
        if (ok)
            start(intervalMs());
    });
}

QProcess *RemoteSource::makeProcess() const
{
    // Without our own agent there is no hash to look for: a name no file has.
    const QString sha256 = m_agent.sha256().isEmpty() ? QString(64, QLatin1Char('0')) : m_agent.sha256();
    const SshCommand command = SshCommand::runAgent(m_host, sha256, {QStringLiteral("--stream")});
    auto process = new QProcess;
    process->setProgram(command.program());
    process->setArguments(command.arguments());
    const QString askpass = m_askpassProgram.isEmpty() ? QCoreApplication::applicationFilePath() : m_askpassProgram;
    process->setProcessEnvironment(command.environment(m_baseEnvironment, askpass));
    return process;
}

bool RemoteSource::endedWithoutStream(QProcess::ExitStatus status, int exitCode, const QByteArray &standardError,
                                      QString *reason)
{
    const SshOutcome outcome = SshOutcome::classify(status, exitCode, standardError);
    if (outcome.kind != SshOutcome::Kind::NoAgent && outcome.kind != SshOutcome::Kind::AgentCorrupt)
        return false; // ssh could not connect, the link died: retried with backoff
    if (outcome.kind == SshOutcome::Kind::NoAgent)
        m_facts = outcome.facts;
    *reason = outcome.message;
    QString refusal;
    if (m_agent.path().isEmpty())
        refusal = AgentBinary::tr("sockscope's own agent was not found.");
    else if (outcome.kind == SshOutcome::Kind::NoAgent)
        refusal = m_facts.whyAgentCannotRun(m_agent.architecture());
    emit noAgent(m_facts, refusal);
    return true;
}

void RemoteSource::pushAgent()
{
    m_pusher->launcher()->setAskpassProgram(m_askpassProgram.isEmpty() ? QCoreApplication::applicationFilePath()
                                                                       : m_askpassProgram);
    m_pusher->launcher()->setBaseEnvironment(m_baseEnvironment);
    QString refusal;
    if (m_agent.path().isEmpty())
        refusal = AgentBinary::tr("sockscope's own agent was not found.");
    if (refusal.isEmpty() && m_pusher->push(m_host, m_agent, m_facts, &refusal))
        return;
    emit pushFinished(false, refusal);
}
