#include "remote/remoteagentconnection.h"

#include "remote/agentpusher.h"
#include "remote/sshcommand.h"
#include "remote/sshlauncher.h"

RemoteAgentConnection::RemoteAgentConnection(const RemoteHost &host, const AgentBinary &agent, const QStringList &agentArguments,
                                             QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_agent(agent)
    , m_agentArguments(agentArguments)
    , m_launcher(new SshLauncher(this))
    , m_pusher(new AgentPusher(this))
{
    connect(m_launcher, &SshLauncher::started, this, &RemoteAgentConnection::started);
    connect(m_launcher, &SshLauncher::finished, this, &RemoteAgentConnection::onFinished);
    connect(m_pusher, &AgentPusher::finished, this, [this](bool ok, const QString &message) {
        emit pushFinished(ok, message);
        if (ok)
            start();
    });
}

void RemoteAgentConnection::setAskpassProgram(const QString &program)
{
    m_launcher->setAskpassProgram(program);
    m_pusher->launcher()->setAskpassProgram(program);
}

void RemoteAgentConnection::setBaseEnvironment(const QProcessEnvironment &environment)
{
    m_launcher->setBaseEnvironment(environment);
    m_pusher->launcher()->setBaseEnvironment(environment);
}

QProcess *RemoteAgentConnection::process() const
{
    return m_launcher->process();
}

bool RemoteAgentConnection::isRunning() const
{
    return m_launcher->isRunning() || m_pusher->launcher()->isRunning();
}

void RemoteAgentConnection::start()
{
    m_launcher->start(SshCommand::runAgent(m_host, m_agent.sha256(), m_agentArguments));
}

void RemoteAgentConnection::pushAgent()
{
    QString refusal; // no agent of our own, or one that cannot run there
    if (m_pusher->push(m_host, m_agent, m_facts, &refusal))
        return;
    emit pushFinished(false, refusal);
}

void RemoteAgentConnection::stop()
{
    m_launcher->stop();
}

void RemoteAgentConnection::onFinished(const SshOutcome &outcome)
{
    if (outcome.kind != SshOutcome::Kind::NoAgent) {
        emit finished(outcome);
        return;
    }
    m_facts = outcome.facts;
    emit noAgent(m_facts, AgentPusher::refusal(m_agent, m_facts));
}
