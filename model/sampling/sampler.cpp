#include "sampler.h"

#include "coremessagetext.h"
#include "counterrates.h"

#include <QTimer>

#include <ctime>

namespace {
qint64 monotonicNs()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

qint64 clampedIntervalNs(int intervalMs)
{
    return qint64(qBound(Sampler::MinimumIntervalMs, intervalMs, Sampler::MaximumIntervalMs)) * 1000000;
}
}

Sampler::Sampler(NetworkNamespace netns, quint32 stateMask)
    : m_netns(std::move(netns))
    , m_stateMask(stateMask)
{
    qRegisterMetaType<SamplePtr>();
    qRegisterMetaType<SocketTableRowsPtr>();
    qRegisterMetaType<SocketTableQuery>();
    qRegisterMetaType<SysctlTransaction::Request>();
    qRegisterMetaType<SysctlApplyReport>();
}

void Sampler::applySysctls(const SysctlTransaction::Request &request)
{
    emit sysctlsApplied(SysctlTransaction::run(request));
}

Sampler::~Sampler() = default;

void Sampler::start(int intervalMs)
{
    m_intervalNs = clampedIntervalNs(intervalMs);
    CoreMessage error;
    // Only this thread moves into the observed namespace; its netlink socket and its
    // /proc/thread-self views follow it.
    if (!m_netns.enterInCallingThread(&error)) {
        emit failed(CoreMessageText::text(error));
        return;
    }
    SnapshotCollector::Options options;
    options.stateMask = m_stateMask;
    options.namespaceLabel = CoreMessageText::namespaceLabel(m_netns.label()).toStdString();
    m_collector = std::make_unique<SnapshotCollector>(options);
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &Sampler::tick);
    emit started(QString::fromStdString(NetworkNamespace::callingThreadNamespaceId()));
    if (!m_recordingPath.isEmpty())
        openRecording();
    m_nextDeadlineNs = monotonicNs();
    tick();
}

void Sampler::setIntervalMs(int intervalMs)
{
    m_intervalNs = clampedIntervalNs(intervalMs);
    if (!m_timer || m_paused)
        return;
    m_nextDeadlineNs = monotonicNs();
    scheduleNext(m_nextDeadlineNs);
}

void Sampler::setPaused(bool paused)
{
    m_paused = paused;
    if (!m_timer)
        return;
    if (paused) {
        m_timer->stop();
    } else {
        m_nextDeadlineNs = monotonicNs();
        tick();
    }
}

void Sampler::setTableQuery(const SocketTableQuery &query)
{
    m_query = query;
    if (m_latest)
        emit tableRebuilt(SocketTableRows::build(m_latest, m_query));
}

void Sampler::scheduleNext(qint64 nowNs)
{
    m_nextDeadlineNs += m_intervalNs;
    // Ticks that passed while we were busy are dropped, not made up for.
    while (m_nextDeadlineNs <= nowNs) {
        m_nextDeadlineNs += m_intervalNs;
        ++m_skippedSinceSample;
        ++m_skippedTotal;
    }
    m_timer->start(int((m_nextDeadlineNs - nowNs + 999999) / 1000000));
}

void Sampler::tick()
{
    if (m_paused || !m_collector)
        return;
    if (m_awaitingAcknowledge.load()) {
        // The GUI is still busy with the last sample: skip rather than queue another.
        ++m_skippedSinceSample;
        ++m_skippedTotal;
        scheduleNext(monotonicNs());
        return;
    }

    CoreMessage error;
    std::shared_ptr<Snapshot> snapshot = m_collector->collect(&error);
    if (m_afterCollect)
        m_afterCollect();
    if (!snapshot) {
        emit failed(CoreMessageText::text(error));
        scheduleNext(monotonicNs());
        return;
    }
    if (m_latest && m_latest->namespaceId == snapshot->namespaceId)
        snapshot->rates = CounterRatesCalculator::between(*m_latest, *snapshot);
    m_latest = snapshot;

    auto sample = std::make_shared<Sample>();
    sample->snapshot = m_latest;
    sample->summary = m_summarizer.summarize(*m_latest, &sample->ownerLabels);
    if (m_buildsTable)
        sample->table = SocketTableRows::build(m_latest, m_query);
    sample->skippedBefore = m_skippedSinceSample;
    m_skippedSinceSample = 0;
    record(*sample);
    m_awaitingAcknowledge.store(true);
    emit sampled(sample);
    scheduleNext(monotonicNs());
}

void Sampler::startRecording(const QString &path, int tableEverySeconds)
{
    if (m_recording.isOpen())
        stopRecording();
    m_recordingPath = path;
    m_tableEverySeconds = tableEverySeconds;
    if (m_collector) // already sampling in the namespace: the header can say which one
        openRecording();
}

void Sampler::openRecording()
{
    RecordingWriter::Header header;
    header.namespaceLabel = CoreMessageText::namespaceLabel(m_netns.label()).toStdString();
    header.namespaceId = NetworkNamespace::callingThreadNamespaceId();
    header.intervalMs = int(m_intervalNs / 1000000);
    header.stateMask = m_stateMask;
    CoreMessage error;
    m_recording.setWording(&CoreMessageText::utf8);
    if (!m_recording.open(m_recordingPath.toStdString(), header, &error)) {
        m_recordingPath.clear();
        emit recordingFailed(CoreMessageText::text(error));
        return;
    }
    m_tableRequested = true; // a recording starts with the whole table
    emit recordingStarted(m_recordingPath);
}

void Sampler::stopRecording()
{
    if (!m_recording.isOpen()) {
        m_recordingPath.clear();
        return;
    }
    // The last table too, so a replay's table matches its last moments.
    if (m_latest)
        m_recording.writeSnapshot(*m_latest);
    m_recording.close();
    emit recordingStopped(QString::fromStdString(m_recording.path()), m_recording.bytesWritten(), m_recording.samples(), m_recording.snapshots());
    m_recordingPath.clear();
}

void Sampler::recordTableNow()
{
    m_tableRequested = true;
}

void Sampler::addMarker(qint64 timeMs, const QString &label)
{
    if (m_recording.isOpen() && !m_recording.writeMarker(timeMs, label.toStdString()))
        emit recordingFailed(CoreMessageText::text(m_recording.error()));
}

void Sampler::record(const Sample &sample)
{
    if (!m_recording.isOpen())
        return;
    bool ok = m_recording.writeSummary(sample.summary, sample.ownerLabels);
    const qint64 now = sample.snapshot->wallTimeMs;
    const bool tableDue = m_tableEverySeconds > 0 && now - m_lastTableMs >= qint64(m_tableEverySeconds) * 1000;
    if (ok && (m_tableRequested || tableDue)) {
        ok = m_recording.writeSnapshot(*sample.snapshot);
        m_lastTableMs = now;
        m_tableRequested = false;
    }
    if (!ok) {
        emit recordingFailed(CoreMessageText::text(m_recording.error()));
        m_recording.close();
        m_recordingPath.clear();
        return;
    }
    emit recordingProgress(m_recording.bytesWritten(), m_recording.samples(), m_recording.snapshots());
}
