#pragma once

#include "sampling/localsysctlchanger.h"
#include "sampling/samplingworker.h"
#include "sources/source.h"

#include <QPointer>

#include <memory>

// The local kernel: samples from a SamplingWorker (sock_diag and /proc read in its worker
// thread), in the window's own network namespace or one named with --netns.
class LocalSource : public Source
{
    Q_OBJECT

public:
    // Samples `netns` with a sampler of its own.
    LocalSource(NetworkNamespace netns, quint32 stateMask, const QString &namespaceLabel, QObject *parent = nullptr);
    // Drives a sampler owned elsewhere (it must outlive this source).
    LocalSource(SamplingWorker *sampler, const QString &namespaceLabel, QObject *parent = nullptr);
    ~LocalSource() override;

    SamplingWorker *samplingWorker() const { return m_sampler; }
    bool watchesOwnNamespace() const { return m_watchesOwnNamespace; }

    Kind kind() const override { return m_watchesOwnNamespace ? Kind::ThisHost : Kind::Namespace; }
    Capabilities capabilities() const override;
    // Changes the sampler's namespace, which it holds open.
    LocalSysctlChanger *sysctlChanger() const override { return m_sysctlChanger; }
    QString label() const override;
    Place place() const override;

    void start(int intervalMs) override;
    void stop() override;
    void setIntervalMs(int intervalMs) override;
    void setPaused(bool paused) override;
    void setTableQuery(const SocketTableQuery &query) override;
    void requestTable() override;
    void acknowledge() override;
    void startRecording(const QString &path) override;
    void stopRecording() override;
    void addMarker(qint64 timeMs, const QString &label) override;

private:
    void connectSampler();

    std::unique_ptr<SamplingWorker> m_owned;
    QPointer<SamplingWorker> m_sampler;
    QString m_namespaceLabel;
    QString m_namespaceId;
    bool m_watchesOwnNamespace = true;
    LocalSysctlChanger *m_sysctlChanger = nullptr;
};
