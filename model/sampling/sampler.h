#pragma once

#include "networknamespace.h"
#include "recordingwriter.h"
#include "sample.h"
#include "samplesummary.h"
#include "snapshotcollector.h"
#include "sockettablerows.h"
#include "sysctltransaction.h"

#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

class QTimer;

// Collects snapshots on a worker thread at a fixed interval and hands each to the GUI as an
// immutable Sample through a queued signal (hotspot and Wireshark do their polling this way).
// The GUI thread never waits on the kernel. Refreshes never pile up: a tick that comes while a
// collection is still running, or while the GUI has not taken the previous sample yet
// (acknowledge()), is skipped and counted.
class Sampler : public QObject
{
    Q_OBJECT

public:
    static constexpr int MinimumIntervalMs = 250;
    static constexpr int MaximumIntervalMs = 10000;

    Sampler(NetworkNamespace netns, quint32 stateMask);
    ~Sampler() override;

    // Thread-safe: the GUI has taken the last sample; the next one may be sent.
    void acknowledge() { m_awaitingAcknowledge.store(false); }
    quint64 skippedTotal() const { return m_skippedTotal.load(); }
    // Whether samples carry the socket table filtered and sorted for display (a headless
    // recording has no table to show: sorting 300k rows each second would be wasted). Set
    // before start().
    void setBuildsTable(bool builds) { m_buildsTable = builds; }
    // For tests: runs after each collection in the worker thread (to make a refresh slow).
    void setAfterCollectHook(std::function<void()> hook) { m_afterCollect = std::move(hook); }

public slots:
    // All of these run in the sampler's thread (call them through queued connections).
    void start(int intervalMs);
    void setIntervalMs(int intervalMs);
    void setPaused(bool paused);
    void setTableQuery(const SocketTableQuery &query);
    // Writes sysctls here, in the observed namespace (sockscope already has the right).
    void applySysctls(const SysctlTransaction::Request &request);
    // Records every sample's summary to `path`, and the whole socket table at the start, every
    // `tableEverySeconds` (0: only on demand) and on recordTableNow(). May be called before
    // start(): recording then begins with the first sample.
    void startRecording(const QString &path, int tableEverySeconds);
    void stopRecording();
    void recordTableNow();
    void addMarker(qint64 timeMs, const QString &label);

signals:
    void sysctlsApplied(const SysctlApplyReport &report);
    void recordingStarted(const QString &path);
    void recordingProgress(qint64 bytes, int samples, int tables);
    void recordingStopped(const QString &path, qint64 bytes, int samples, int tables);
    void recordingFailed(const QString &message);
    void started(const QString &namespaceId);
    void sampled(const SamplePtr &sample);
    void tableRebuilt(const SocketTableRowsPtr &rows);
    void failed(const QString &message);

private:
    void tick();
    void scheduleNext(qint64 nowNs);
    void openRecording();
    void record(const Sample &sample);

    NetworkNamespace m_netns;
    quint32 m_stateMask;
    std::unique_ptr<SnapshotCollector> m_collector;
    SampleSummarizer m_summarizer;
    SnapshotPtr m_latest;
    SocketTableQuery m_query;
    QTimer *m_timer = nullptr;
    qint64 m_intervalNs = 1000000000;
    qint64 m_nextDeadlineNs = 0;
    bool m_paused = false;
    bool m_buildsTable = true;
    int m_skippedSinceSample = 0;
    std::atomic<bool> m_awaitingAcknowledge {false};
    std::atomic<quint64> m_skippedTotal {0};
    std::function<void()> m_afterCollect;
    RecordingWriter m_recording;
    QString m_recordingPath;
    int m_tableEverySeconds = 300;
    qint64 m_lastTableMs = 0;
    bool m_tableRequested = false;
};

Q_DECLARE_METATYPE(SocketTableQuery)
Q_DECLARE_METATYPE(SysctlTransaction::Request)
