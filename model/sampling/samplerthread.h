#pragma once

#include "networknamespace.h"
#include "sample.h"
#include "sockettablerows.h"
#include "sysctltransaction.h"

#include <QObject>
#include <QThread>

#include <functional>

class Sampler;

// Owns the sampler's worker thread; lives in the GUI thread. Calls are forwarded as queued
// calls; connect to sampler()'s signals for the results (they arrive queued, in the receiver's
// thread). Destruction quits and joins the thread.
class SamplerThread : public QObject
{
    Q_OBJECT

public:
    SamplerThread(NetworkNamespace netns, quint32 stateMask, QObject *parent = nullptr);
    ~SamplerThread() override;

    void start(int intervalMs);
    void setIntervalMs(int intervalMs);
    void setPaused(bool paused);
    void setTableQuery(const SocketTableQuery &query);
    void applySysctls(const SysctlTransaction::Request &request);
    void startRecording(const QString &path, int tableEverySeconds);
    void stopRecording();
    void recordTableNow();
    void addMarker(qint64 timeMs, const QString &label);
    // The GUI has finished with the last sample.
    void acknowledge();
    quint64 skippedTotal() const;
    Sampler *sampler() const { return m_sampler; }
    // The namespace sampled, held open: what the sysctl helper is told to change.
    const NetworkNamespace &observedNamespace() const { return m_observed; }

private:
    // Runs `call` on the sampler in its own thread, after the calls posted before it.
    void post(std::function<void(Sampler *)> call);

    QThread m_thread;
    NetworkNamespace m_observed;
    Sampler *m_sampler;
};
