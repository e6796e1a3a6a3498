#include "sampling/samplingworker.h"

#include "wording/coremessagetext.h"
#include "core/stream/recordingwriter.h"
#include "core/stream/samplingsession.h"

#include <QTimer>

#include <ctime>
#include <memory>

namespace {
qint64 monotonicNs()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

double threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

qint64 clampedIntervalNs(int intervalMs)
{
    return qint64(qBound(SamplingWorker::MinimumIntervalMs, intervalMs, SamplingWorker::MaximumIntervalMs)) * 1000000;
}
}

// The worker thread's half: the session, its clock and the recording. Only SamplingWorker's
// posted calls reach it.
class SamplingEngine : public QObject
{
public:
    SamplingEngine(SamplingWorker *owner, NetworkNamespace netns, quint32 stateMask)
        : m_owner(owner)
        , m_netns(std::move(netns))
        , m_stateMask(stateMask)
    {
    }

    void start(int intervalMs);
    void setIntervalMs(int intervalMs);
    void setPaused(bool paused);
    void setTableQuery(const SocketTableQuery &query);
    void applySysctls(const SysctlTransaction::Request &request);
    void requestDump();
    void startRecording(const QString &path, int tableEverySeconds);
    void stopRecording();
    void recordTableNow();
    void addMarker(qint64 timeMs, const QString &label);

    double dumpBudget = DumpPacer::DefaultBudget;
    bool buildsTable = true;
    std::function<void(bool dumped)> afterCollect;

private:
    void tick();
    void scheduleNext(qint64 nowNs);
    void openRecording();
    void recordingBroke();
    void skip();

    SamplingWorker *m_owner;
    NetworkNamespace m_netns;
    quint32 m_stateMask;
    std::unique_ptr<SamplingSession> m_session;
    SocketTableQuery m_query;
    QTimer *m_timer = nullptr;
    qint64 m_intervalNs = 1000000000;
    qint64 m_nextDeadlineNs = 0;
    bool m_paused = false;
    int m_skippedSinceSample = 0;
    RecordingWriter m_recording;
    QString m_recordingPath;
    qint64 m_tablePeriodMs = 300000;
};

void SamplingEngine::start(int intervalMs)
{
    m_intervalNs = clampedIntervalNs(intervalMs);
    CoreMessage error;
    // Only this thread moves into the observed namespace; its netlink socket and its
    // /proc/thread-self views follow it.
    if (!m_netns.enterInCallingThread(&error)) {
        emit m_owner->failed(CoreMessageText::text(error));
        return;
    }
    SamplingSession::Options options;
    options.stateMask = m_stateMask;
    options.namespaceLabel = CoreMessageText::namespaceLabel(m_netns.label()).toStdString();
    options.dumpBudget = dumpBudget;
    options.tablePeriodMs = m_tablePeriodMs;
    m_session = std::make_unique<SamplingSession>(options);
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    QObject::connect(m_timer, &QTimer::timeout, this, [this] { tick(); });
    emit m_owner->started(QString::fromStdString(NetworkNamespace::callingThreadNamespaceId()));
    if (!m_recordingPath.isEmpty())
        openRecording();
    m_nextDeadlineNs = monotonicNs();
    tick();
}

void SamplingEngine::setIntervalMs(int intervalMs)
{
    m_intervalNs = clampedIntervalNs(intervalMs);
    if (!m_timer || m_paused)
        return;
    m_nextDeadlineNs = monotonicNs();
    scheduleNext(m_nextDeadlineNs);
}

void SamplingEngine::setPaused(bool paused)
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

void SamplingEngine::setTableQuery(const SocketTableQuery &query)
{
    m_query = query;
    if (m_session && m_session->lastDump() && buildsTable)
        emit m_owner->tableRebuilt(SocketTableRows::build(m_session->lastDump(), m_query));
}

void SamplingEngine::applySysctls(const SysctlTransaction::Request &request)
{
    emit m_owner->sysctlsApplied(SysctlTransaction::run(request));
    requestDump();
}

void SamplingEngine::requestDump()
{
    if (!m_session)
        return;
    m_session->requestDump();
    // The next sample comes now (the GUI's acknowledgement still gates it) rather than at the
    // next tick of the interval.
    if (!m_paused) {
        m_nextDeadlineNs = monotonicNs();
        m_timer->start(0);
    }
}

void SamplingEngine::scheduleNext(qint64 nowNs)
{
    m_nextDeadlineNs += m_intervalNs;
    // Ticks that passed while we were busy are dropped, not made up for.
    while (m_nextDeadlineNs <= nowNs) {
        m_nextDeadlineNs += m_intervalNs;
        skip();
    }
    m_timer->start(int((m_nextDeadlineNs - nowNs + 999999) / 1000000));
}

void SamplingEngine::skip()
{
    ++m_skippedSinceSample;
    ++m_owner->m_skippedTotal;
}

void SamplingEngine::tick()
{
    if (m_paused || !m_session)
        return;
    if (m_owner->m_awaitingAcknowledge.load()) {
        // The GUI is still busy with the last sample: skip rather than queue another.
        skip();
        scheduleNext(monotonicNs());
        return;
    }

    const qint64 nowMs = monotonicNs() / 1000000;
    SamplingSession::Sample result;
    CoreMessage error;
    const SamplingSession::Result outcome = m_session->sample(nowMs, &result, &error);
    if (afterCollect) {
        const double hookStart = threadCpuMs();
        afterCollect(result.dumped);
        if (result.dumped)
            m_session->spend(nowMs, threadCpuMs() - hookStart);
    }
    if (outcome == SamplingSession::Result::CollectFailed) {
        emit m_owner->failed(CoreMessageText::text(error));
        scheduleNext(monotonicNs());
        return;
    }
    if (outcome == SamplingSession::Result::OutputFailed)
        recordingBroke();

    auto sample = std::make_shared<Sample>();
    sample->summary = std::move(result.summary);
    sample->ownerLabels = std::move(result.ownerLabels);
    // Between dumps the window keeps the last dump's table and shows the sample's summary,
    // with the sockets' age, as it does for a remote host's stream.
    if (result.dumped && buildsTable) {
        sample->snapshot = result.snapshot;
        const double cpuStart = threadCpuMs();
        sample->table = SocketTableRows::build(result.snapshot, m_query);
        m_session->spend(nowMs, threadCpuMs() - cpuStart); // sorting the rows is socket work too
    }
    result.snapshot.reset(); // a headless sample's rows go back to the session's collector
    sample->skippedBefore = m_skippedSinceSample;
    m_skippedSinceSample = 0;
    if (m_recording.isOpen())
        emit m_owner->recordingProgress(m_recording.bytesWritten(), m_recording.samples(), m_recording.snapshots());
    m_owner->m_awaitingAcknowledge.store(true);
    emit m_owner->sampled(sample);
    scheduleNext(monotonicNs());
}

void SamplingEngine::startRecording(const QString &path, int tableEverySeconds)
{
    if (m_recording.isOpen())
        stopRecording();
    m_recordingPath = path;
    m_tablePeriodMs = tableEverySeconds > 0 ? qint64(tableEverySeconds) * 1000 : -1;
    if (m_session) // already sampling in the namespace: the header can say which one
        openRecording();
}

void SamplingEngine::openRecording()
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
        emit m_owner->recordingFailed(CoreMessageText::text(error));
        return;
    }
    m_session->setTablePeriodMs(m_tablePeriodMs);
    m_session->setWriter(&m_recording); // a recording starts with the whole table
    emit m_owner->recordingStarted(m_recordingPath);
}

void SamplingEngine::recordingBroke()
{
    emit m_owner->recordingFailed(CoreMessageText::text(m_recording.error()));
    m_session->setWriter(nullptr);
    m_recording.close();
    m_recordingPath.clear();
}

void SamplingEngine::stopRecording()
{
    if (!m_recording.isOpen()) {
        m_recordingPath.clear();
        return;
    }
    // The last dump's table too (unless it went out already), so a replay's table matches its
    // last moments.
    const bool ok = m_session->writeLastTable();
    m_session->setWriter(nullptr);
    if (!ok) {
        recordingBroke();
        return;
    }
    m_recording.close();
    emit m_owner->recordingStopped(QString::fromStdString(m_recording.path()), m_recording.bytesWritten(), m_recording.samples(),
                                   m_recording.snapshots());
    m_recordingPath.clear();
}

void SamplingEngine::recordTableNow()
{
    if (m_session)
        m_session->requestTable();
}

void SamplingEngine::addMarker(qint64 timeMs, const QString &label)
{
    if (m_recording.isOpen() && !m_recording.writeMarker(timeMs, label.toStdString()))
        emit m_owner->recordingFailed(CoreMessageText::text(m_recording.error()));
}

SamplingWorker::SamplingWorker(NetworkNamespace netns, quint32 stateMask, QObject *parent)
    : QObject(parent)
    , m_observed(netns.duplicate())
    , m_engine(new SamplingEngine(this, std::move(netns), stateMask))
{
    qRegisterMetaType<SamplePtr>();
    qRegisterMetaType<SocketTableRowsPtr>();
    qRegisterMetaType<SocketTableQuery>();
    qRegisterMetaType<SysctlTransaction::Request>();
    qRegisterMetaType<SysctlApplyReport>();
    m_thread.setObjectName(QStringLiteral("sockscope sampler"));
    m_engine->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_engine, &QObject::deleteLater);
    m_thread.start();
}

SamplingWorker::~SamplingWorker()
{
    // A recording still open is closed properly (END frame) before the thread goes.
    QMetaObject::invokeMethod(
        m_engine, [e = m_engine] { e->stopRecording(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void SamplingWorker::post(std::function<void(SamplingEngine *)> call)
{
    QMetaObject::invokeMethod(
        m_engine, [e = m_engine, call = std::move(call)] { call(e); }, Qt::QueuedConnection);
}

void SamplingWorker::setDumpBudget(double budget)
{
    post([budget](SamplingEngine *e) { e->dumpBudget = budget; });
}

void SamplingWorker::setBuildsTable(bool builds)
{
    post([builds](SamplingEngine *e) { e->buildsTable = builds; });
}

void SamplingWorker::setAfterCollectHook(std::function<void(bool dumped)> hook)
{
    post([hook = std::move(hook)](SamplingEngine *e) { e->afterCollect = hook; });
}

void SamplingWorker::start(int intervalMs)
{
    post([intervalMs](SamplingEngine *e) { e->start(intervalMs); });
}

void SamplingWorker::setIntervalMs(int intervalMs)
{
    post([intervalMs](SamplingEngine *e) { e->setIntervalMs(intervalMs); });
}

void SamplingWorker::setPaused(bool paused)
{
    post([paused](SamplingEngine *e) { e->setPaused(paused); });
}

void SamplingWorker::setTableQuery(const SocketTableQuery &query)
{
    post([query](SamplingEngine *e) { e->setTableQuery(query); });
}

void SamplingWorker::applySysctls(const SysctlTransaction::Request &request)
{
    post([request](SamplingEngine *e) { e->applySysctls(request); });
}

void SamplingWorker::requestDump()
{
    post([](SamplingEngine *e) { e->requestDump(); });
}

void SamplingWorker::startRecording(const QString &path, int tableEverySeconds)
{
    post([path, tableEverySeconds](SamplingEngine *e) { e->startRecording(path, tableEverySeconds); });
}

void SamplingWorker::stopRecording()
{
    post([](SamplingEngine *e) { e->stopRecording(); });
}

void SamplingWorker::recordTableNow()
{
    post([](SamplingEngine *e) { e->recordTableNow(); });
}

void SamplingWorker::addMarker(qint64 timeMs, const QString &label)
{
    post([timeMs, label](SamplingEngine *e) { e->addMarker(timeMs, label); });
}
