#pragma once

#include "core/collect/networknamespace.h"
#include "sampling/sample.h"
#include "table/sockettablerows.h"
#include "sysctl/sysctltransaction.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <functional>

class SamplingEngine;

// The window's (and `sockscope --record`'s) way to drive a SamplingSession: the session runs on
// a worker thread of its own, in the observed namespace, and each sample reaches the GUI as an
// immutable Sample through a queued signal (hotspot and Wireshark poll this way), so the GUI
// thread never waits on the kernel. Refreshes never pile up: a tick that comes while a collection
// is still running, or while the GUI has not taken the previous sample (acknowledge()), is
// skipped and counted.
//
// Lives in the thread that made it; every command below is posted to the worker in order.
// Signals are emitted from the worker thread (connect with the default connection type).
class SamplingWorker : public QObject
{
    Q_OBJECT

public:
    static constexpr int MinimumIntervalMs = 250;
    static constexpr int MaximumIntervalMs = 10000;

    SamplingWorker(NetworkNamespace netns, quint32 stateMask, QObject *parent = nullptr);
    ~SamplingWorker() override;

    // Before start(): the share of one CPU socket dumps may use (DumpPacer); whether samples
    // carry the dump and its table sorted for display (a headless recording has no table to
    // show: sorting 300k rows each dump would be wasted); for tests, a hook run after each
    // collection in the worker thread, told whether it dumped (to make a refresh slow, or a
    // dump costly: its CPU after a dump is paid from the budget, as sorting the table is).
    void setDumpBudget(double budget);
    void setBuildsTable(bool builds);
    void setAfterCollectHook(std::function<void(bool dumped)> hook);

    void start(int intervalMs);
    void setIntervalMs(int intervalMs);
    void setPaused(bool paused);
    void setTableQuery(const SocketTableQuery &query);
    // Writes sysctls here, in the observed namespace (sockscope already has the right); the
    // next sample dumps the sockets at once, so the change shows.
    void applySysctls(const SysctlTransaction::Request &request);
    // The next sample comes now and dumps the sockets whatever the budget (a sysctl changed).
    void requestDump();
    // Records every sample's summary to `path`, and the whole socket table at the start, every
    // `tableEverySeconds` (0: only on demand) and on recordTableNow(). May be called before
    // start(): recording then begins with the first sample.
    void startRecording(const QString &path, int tableEverySeconds);
    void stopRecording();
    void recordTableNow();
    void addMarker(qint64 timeMs, const QString &label);

    // Thread-safe: the GUI has taken the last sample; the next one may be sent.
    void acknowledge() { m_awaitingAcknowledge.store(false); }
    quint64 skippedTotal() const { return m_skippedTotal.load(); }
    // The namespace sampled, held open: what the sysctl helper is told to change.
    const NetworkNamespace &observedNamespace() const { return m_observed; }

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
    friend class SamplingEngine;
    // Runs `call` on the engine in the worker thread, after the calls posted before it.
    void post(std::function<void(SamplingEngine *)> call);

    QThread m_thread;
    NetworkNamespace m_observed;
    SamplingEngine *m_engine;
    std::atomic<bool> m_awaitingAcknowledge {false};
    std::atomic<quint64> m_skippedTotal {0};
};

Q_DECLARE_METATYPE(SocketTableQuery)
Q_DECLARE_METATYPE(SysctlTransaction::Request)
