#include "remote/remotesource.h"

#include "remote/agentpusher.h"
#include "remote/remotesysctlapplier.h"
#include "remote/remotesysctlchanger.h"
#include "remote/sshconnection.h"
#include "remote/sshlauncher.h"
#include "remote/sshoutcome.h"
#include "sysctl/sysctlcatalog.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

RemoteSource::RemoteSource(const RemoteHost &host, const AgentBinary &agent, QObject *parent)
    : RemoteSource(host, agent, new SshConnection(host, agent), parent)
{
}

RemoteSource::RemoteSource(const RemoteHost &host, const AgentBinary &agent, SshConnection *connection, QObject *parent)
    : StreamSource(connection, host.displayName(), parent)
    , m_ssh(connection)
    , m_host(host)
    , m_agent(agent)
    , m_pusher(new AgentPusher(this))
    , m_sysctlChanger(new RemoteSysctlChanger(host, this))
{
    setKind(Kind::RemoteHost);
    setSysctlChanger(m_sysctlChanger);
    connect(m_sysctlChanger, &SysctlChanger::finished, this, [this] {
        requestTable(); // the next table carries the values read back there
    });
    // That host's defaults come in its agent's header; nothing here tells its host namespace.
    connect(this, &Source::placeChanged, this, [this] {
        KernelFacts facts;
        facts.defaults = kernelDefaults();
        setKernelFacts(facts);
    });
    connect(m_ssh, &SshConnection::noAgent, this, &RemoteSource::onNoAgent);
    connect(m_pusher, &AgentPusher::finished, this, [this](bool ok, const QString &message) {
        if (ok)
            ++m_pushes;
        emit pushFinished(ok, message);
        if (ok)
            start(m_intervalMs);
    });
}

RemoteSysctlApplier *RemoteSource::sysctlApplier() const
{
    return m_sysctlChanger->applier();
}

void RemoteSource::setAskpassProgram(const QString &program)
{
    sysctlApplier()->launcher()->setAskpassProgram(program);
    m_ssh->launcher()->setAskpassProgram(program);
    m_pusher->launcher()->setAskpassProgram(program);
}

void RemoteSource::setBaseEnvironment(const QProcessEnvironment &environment)
{
    m_ssh->launcher()->setBaseEnvironment(environment);
    m_pusher->launcher()->setBaseEnvironment(environment);
    sysctlApplier()->launcher()->setBaseEnvironment(environment);
}

void RemoteSource::setStreamArguments(const QStringList &arguments)
{
    m_ssh->setStreamArguments(arguments);
}

void RemoteSource::start(int intervalMs)
{
    m_intervalMs = intervalMs;
    StreamSource::start(intervalMs);
}

void RemoteSource::setIntervalMs(int intervalMs)
{
    m_intervalMs = intervalMs;
    StreamSource::setIntervalMs(intervalMs);
}

void RemoteSource::onNoAgent(const SshOutcome &outcome)
{
    if (outcome.kind == SshOutcome::Kind::NoAgent)
        m_facts = outcome.facts;
    QString refusal; // stays empty for a copy that failed its check: it may be copied again
    if (m_pushes > 0) // a copy succeeded, so we have an agent and it can run there
        refusal = tr("sockscope copied its agent to %1, but the server still reports none; it is not copied again. "
                     "Install the sockscope-agent package there.")
                      .arg(m_host.displayName());
    else if (m_agent.path().isEmpty() || outcome.kind == SshOutcome::Kind::NoAgent)
        refusal = AgentPusher::refusal(m_agent, m_facts);
    // First the answer (a copy may start), then no retry: trying again cannot find an agent.
    emit noAgent(m_facts, refusal);
    stop();
}

void RemoteSource::pushAgent()
{
    QString refusal; // no agent of our own, or one that cannot run there
    if (m_pushes == 0 && m_pusher->push(m_host, m_agent, m_facts, &refusal))
        return;
    if (refusal.isEmpty())
        refusal = tr("sockscope copied its agent to %1 once already; it is not copied again.").arg(m_host.displayName());
    emit pushFinished(false, refusal);
}

KernelDefaults RemoteSource::kernelDefaults() const
{
    KernelDefaults defaults;
    const QJsonObject object = received().header.value(QStringLiteral("kernel_defaults")).toObject();
    const QString method = object.value(QStringLiteral("method")).toString();
    if (method != QLatin1String("netns") && method != QLatin1String("userns"))
        return defaults;
    // From the remote: only the catalog's names, only short values of digits and blanks (every
    // per-namespace sysctl the catalog detects is numeric).
    const QJsonObject values = object.value(QStringLiteral("values")).toObject();
    for (auto it = values.begin(); it != values.end(); ++it) {
        const QString text = it.value().toString();
        const bool numeric = !text.isEmpty() && text.size() <= 64 && std::all_of(text.begin(), text.end(), [](QChar c) {
            return c.isDigit() || c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('-');
        });
        if (SysctlCatalog::find(it.key()) && numeric)
            defaults.values[it.key().toStdString()] = text.toStdString();
    }
    for (const QJsonValue &name : object.value(QStringLiteral("absent")).toArray()) {
        if (SysctlCatalog::find(name.toString()))
            defaults.absent.push_back(name.toString().toStdString());
    }
    defaults.establishedHash = qMax<qint64>(0, object.value(QStringLiteral("established_hash")).toInteger());
    const QString offsets = object.value(QStringLiteral("timestamp_offsets")).toString();
    defaults.timestampOffsets = offsets == QLatin1String("connection") ? KernelDefaults::TimestampOffsets::PerConnection
        : offsets == QLatin1String("pair")                             ? KernelDefaults::TimestampOffsets::PerAddressPair
        : offsets == QLatin1String("none")                             ? KernelDefaults::TimestampOffsets::NoOffset
                                                                       : KernelDefaults::TimestampOffsets::Unknown;
    defaults.method = method == QLatin1String("netns") ? KernelDefaults::Method::NetworkNamespace
                                                       : KernelDefaults::Method::UserAndNetworkNamespace;
    return defaults;
}
