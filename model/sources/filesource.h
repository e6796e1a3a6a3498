#pragma once

#include "sysctl/readonlysysctlchanger.h"
#include "recording/recording.h"
#include "sources/source.h"

// A recording file: all its samples at once as history, its socket tables decoded when the
// slider reaches them. Nothing on this machine is read or changed.
class FileSource : public Source
{
    Q_OBJECT

public:
    explicit FileSource(RecordingPtr recording, QObject *parent = nullptr);

    const RecordingPtr &recording() const { return m_recording; }

    Kind kind() const override { return Kind::Recording; }
    Capabilities capabilities() const override;
    QString label() const override;
    Place place() const override;
    ReadOnlySysctlChanger *sysctlChanger() const override { return m_sysctlChanger; }

    void start(int intervalMs) override;
    std::vector<SampleSummary> history() const override { return m_recording->summaries; }
    OwnerLabelBook ownerLabels() const override { return m_recording->ownerLabels; }
    std::vector<RecordingMarker> markers() const override { return m_recording->markers; }
    QStringList warnings() const override { return m_recording->warnings; }
    SnapshotPtr snapshotAt(qint64 timeMs, bool *changed, QString *error) override;

private:
    RecordingPtr m_recording;
    ReadOnlySysctlChanger *m_sysctlChanger;
    std::size_t m_snapshotIndex = std::size_t(-1);
    SnapshotPtr m_snapshot;
};
