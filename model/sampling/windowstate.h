#pragma once

#include "sampling/historyring.h"
#include "recording/recording.h"
#include "sampling/sample.h"

#include <QObject>

#include <vector>

// What the window shows, in one place: the history of sample summaries, the latest socket
// table, the markers and, in a replay, the sample under the slider. Panels subscribe to its
// signals instead of being fed one by one; controllers change it.
class WindowState : public QObject
{
    Q_OBJECT

public:
    explicit WindowState(QObject *parent = nullptr);

    const HistoryRing &history() const { return m_history; }
    SnapshotPtr latest() const { return m_latest; }
    const std::vector<RecordingMarker> &markers() const { return m_markers; }
    quint64 skipped() const { return m_skipped; }
    int samples() const { return m_samples; }
    // A replay (a seekable source): the charts end at the replay index, not at the newest sample.
    bool isReplay() const { return m_replay; }
    int replayIndex() const { return m_replayIndex; }
    // The sample the charts end at: the newest, or the replay position.
    int viewEnd() const;
    int windowSeconds() const { return m_windowSeconds; }
    // The time range the charts show: [from, to] in ms since the epoch; both 0 without history.
    qint64 viewFromMs() const;
    qint64 viewToMs() const;

    // One refresh from the source: its table (when it has one), its summary into the history.
    void addSample(const SamplePtr &sample);
    // Summaries (oldest first) without a snapshot: a recording's samples.
    void loadHistory(const std::vector<SampleSummary> &summaries);
    // Another place (host, recording, lab, namespace): an empty history (room for `capacity`),
    // no markers, no table, nothing counted. republish() then clears every panel.
    void clear(int capacity = HistoryRing::DefaultCapacity);
    // What a source already holds (a recording, a stream's kept frames): history and markers.
    void adopt(const std::vector<SampleSummary> &summaries, const OwnerLabelBook &labels,
               const std::vector<RecordingMarker> &markers);
    void setReplay(bool replay) { m_replay = replay; }
    void setReplayIndex(int index);
    void setSnapshot(const SnapshotPtr &snapshot);
    // The sample under the slider, or a sample newer than the latest table.
    void showMoment(const SampleSummary &summary) { emit momentChanged(summary); }
    void setWindowSeconds(int seconds);
    void addMarker(qint64 timeMs, const QString &label);
    void renameMarker(int index, const QString &label);
    void removeMarker(int index);
    // Tells the subscribers that the snapshot and the history are to be drawn again.
    void republish();
    // Tells the charts to draw again (the replay position moved).
    void redraw() { emit historyChanged(); }

signals:
    // In this order for each sample: the sample itself (a stream's table rows), the latest
    // table (which may be older than the sample), the moment when the table is older, the charts.
    void sampleAdded(const SamplePtr &sample);
    void snapshotChanged(const SnapshotPtr &latest);
    void momentChanged(const SampleSummary &summary);
    void historyChanged();

private:
    HistoryRing m_history;
    SnapshotPtr m_latest;
    std::vector<RecordingMarker> m_markers;
    quint64 m_skipped = 0;
    int m_samples = 0;
    bool m_replay = false;
    int m_replayIndex = 0;
    int m_windowSeconds = 300;
};
