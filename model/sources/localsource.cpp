#include "sources/localsource.h"

#include "core/collect/namespaceidentity.h"
#include "core/collect/networknamespace.h"
#include "sampling/samplingworker.h"

#include <QSysInfo>

namespace {
// A socket table goes into a recording every five minutes besides the first and those asked for.
constexpr int RecordTableEverySeconds = 300;
}

LocalSource::LocalSource(NetworkNamespace netns, quint32 stateMask, const QString &namespaceLabel, QObject *parent)
    : Source(parent)
    , m_owned(std::make_unique<SamplingWorker>(std::move(netns), stateMask))
    , m_sampler(m_owned.get())
    , m_namespaceLabel(namespaceLabel)
{
    connectSampler();
}

LocalSource::LocalSource(SamplingWorker *sampler, const QString &namespaceLabel, QObject *parent)
    : Source(parent)
    , m_sampler(sampler)
    , m_namespaceLabel(namespaceLabel)
{
    connectSampler();
}

LocalSource::~LocalSource() = default;

void LocalSource::connectSampler()
{
    useThisKernelsFacts(); // detected in a worker thread: it forks
    // The sampler holds even its own namespace open (for the sysctl helper): compare identities.
    m_watchesOwnNamespace = m_sampler->observedNamespace().identity() == NamespaceIdentity::ofCallingThread();
    m_sysctlChanger = new LocalSysctlChanger(m_sampler, m_watchesOwnNamespace, this);
    SamplingWorker *sampler = m_sampler;
    connect(sampler, &SamplingWorker::sampled, this, [this](const SamplePtr &sample) {
        setState(State::Live);
        emit sampleReady(sample);
    });
    connect(sampler, &SamplingWorker::tableRebuilt, this, &Source::tableReady);
    connect(sampler, &SamplingWorker::failed, this, &Source::failed);
    connect(sampler, &SamplingWorker::started, this, [this](const QString &id) {
        m_namespaceId = id;
        emit placeChanged();
    });
    connect(sampler, &SamplingWorker::recordingStarted, this, &Source::recordingStarted);
    connect(sampler, &SamplingWorker::recordingProgress, this, &Source::recordingProgress);
    connect(sampler, &SamplingWorker::recordingStopped, this, &Source::recordingStopped);
    connect(sampler, &SamplingWorker::recordingFailed, this, &Source::recordingFailed);
}

Source::Capabilities LocalSource::capabilities() const
{
    Capabilities capabilities;
    capabilities.canPause = true;
    capabilities.canRecord = true;
    capabilities.canChangeInterval = true;
    capabilities.canRequestTable = true;
    return capabilities;
}

QString LocalSource::label() const
{
    return m_watchesOwnNamespace ? tr("this host") : tr("namespace %1").arg(m_namespaceLabel);
}

Source::Place LocalSource::place() const
{
    Place place;
    place.host = QSysInfo::machineHostName();
    place.kernel = QSysInfo::kernelVersion();
    // Worded here, when asked, not when the window started: a language switch retranslates it.
    // No --netns: the window's own namespace, whatever label the caller gave.
    place.namespaceName = m_watchesOwnNamespace ? tr("current") : m_namespaceLabel;
    place.namespaceId = m_namespaceId;
    return place;
}

void LocalSource::start(int intervalMs)
{
    m_sampler->start(intervalMs);
}

void LocalSource::stop()
{
    if (!m_sampler)
        return;
    // Leaving this source: a recording in progress is closed properly, and nothing more comes.
    m_sampler->stopRecording();
    m_sampler->setPaused(true);
    disconnect(m_sampler, nullptr, this, nullptr);
    setState(State::Ended);
}

void LocalSource::setIntervalMs(int intervalMs)
{
    m_sampler->setIntervalMs(intervalMs);
}

void LocalSource::setPaused(bool paused)
{
    m_sampler->setPaused(paused);
}

void LocalSource::setTableQuery(const SocketTableQuery &query)
{
    m_sampler->setTableQuery(query);
}

void LocalSource::requestTable()
{
    m_sampler->recordTableNow();
}

void LocalSource::acknowledge()
{
    m_sampler->acknowledge();
}

void LocalSource::startRecording(const QString &path)
{
    m_sampler->startRecording(path, RecordTableEverySeconds);
}

void LocalSource::stopRecording()
{
    m_sampler->stopRecording();
}

void LocalSource::addMarker(qint64 timeMs, const QString &label)
{
    m_sampler->addMarker(timeMs, label); // kept in the recording, if one is running
}
