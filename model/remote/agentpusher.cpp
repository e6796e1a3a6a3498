#include "remote/agentpusher.h"

#include "remote/remotefacts.h"
#include "remote/sshcommand.h"
#include "remote/sshlauncher.h"

namespace {
// The push script answers on standard error only (SOCKSCOPE-PUSHED); a server that writes to
// standard output instead (endlessly, say) is cut off rather than buffered.
constexpr qint64 OutputLimit = 64 * 1024;
}

AgentPusher::AgentPusher(QObject *parent)
    : QObject(parent)
    , m_launcher(new SshLauncher(this))
{
    m_launcher->setOutputLimit(OutputLimit);
    connect(m_launcher, &SshLauncher::started, this, [this] {
        // The whole file, then EOF: the remote `cat` ends and the checksum is taken.
        m_launcher->process()->write(m_agent.contents());
        m_launcher->process()->closeWriteChannel();
    });
    connect(m_launcher, &SshLauncher::finished, this, &AgentPusher::onFinished);
}

QString AgentPusher::refusal(const AgentBinary &agent, const RemoteFacts &facts)
{
    return agent.path().isEmpty() ? AgentBinary::tr("sockscope's own agent was not found.")
                                  : facts.whyAgentCannotRun(agent.architecture());
}

bool AgentPusher::push(const RemoteHost &host, const AgentBinary &agent, const RemoteFacts &facts, QString *refusal)
{
    *refusal = AgentPusher::refusal(agent, facts);
    if (!refusal->isEmpty())
        return false;
    // One copy at a time: a second would replace m_agent while the first's command still
    // checks the first's hash, and both would write the same cache file.
    if (m_launcher->isRunning()) {
        *refusal = tr("sockscope is already copying its agent to %1.").arg(host.displayName());
        return false;
    }
    m_agent = agent;
    m_launcher->start(SshCommand::pushAgent(host, agent.sha256()));
    return true;
}

void AgentPusher::onFinished(const SshOutcome &outcome)
{
    const bool ok = outcome.kind == SshOutcome::Kind::Finished && outcome.exitCode == 0
        && m_launcher->standardError().contains("SOCKSCOPE-PUSHED");
    emit finished(ok, ok ? QString() : outcome.message);
}
