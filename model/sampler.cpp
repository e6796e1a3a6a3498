#include "sampler.h"

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
    QString error;
    // Only this thread moves into the observed namespace; its netlink socket and its
    // /proc/thread-self views follow it.
    if (!m_netns.enterInCallingThread(&error)) {
        m_failed = true;
        emit failed(error);
        return;
    }
    SnapshotCollector::Options options;
    options.stateMask = m_stateMask;
    options.namespaceLabel = m_netns.label();
    m_collector = std::make_unique<SnapshotCollector>(options);
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &Sampler::tick);
    emit started(NetworkNamespace::callingThreadNamespaceId());
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

    QString error;
    std::shared_ptr<Snapshot> snapshot = m_collector->collect(&error);
    if (m_afterCollect)
        m_afterCollect();
    if (!snapshot) {
        m_failed = true;
        emit failed(error);
        scheduleNext(monotonicNs());
        return;
    }
    if (m_latest && m_latest->namespaceId == snapshot->namespaceId)
        snapshot->rates = CounterRatesCalculator::between(*m_latest, *snapshot);
    m_latest = snapshot;

    auto sample = std::make_shared<Sample>();
    sample->snapshot = m_latest;
    sample->summary = m_summarizer.summarize(*m_latest);
    sample->table = SocketTableRows::build(m_latest, m_query);
    sample->skippedBefore = m_skippedSinceSample;
    m_skippedSinceSample = 0;
    m_failed = false;
    m_awaitingAcknowledge.store(true);
    emit sampled(sample);
    scheduleNext(monotonicNs());
}
