#pragma once

#include "sampling/historyring.h"
#include "recording/recording.h"
#include "sampling/seriesdecimator.h"
#include "core/snapshot/snapshot.h"

#include <QWidget>

#include <limits>

class QSettings;
class WindowState;

// The stretch of history the charts show: samples [first, last) of the ring, drawn from
// fromMs to toMs.
struct HistoryWindow
{
    const HistoryRing *ring = nullptr;
    int first = 0;
    int last = 0;
    qint64 fromMs = 0;
    qint64 toMs = 0;
    int buckets = 500; // decimation: at most two points per bucket
    // Consecutive samples further apart than this are not joined (a pause, skipped or lost
    // samples): the series breaks there.
    double gapMs = std::numeric_limits<double>::infinity();
    const std::vector<RecordingMarker> *markers = nullptr; // drawn on every time chart

    // What the window's state shows now: the chart window ending at its view end.
    static HistoryWindow of(const WindowState &state);

    // One series over this window, decimated for drawing: (time, value(summary)) for every
    // sample where has(summary) (a port not tracked yet, a rate not known has no point).
    template <typename Value, typename Has> QList<QPointF> points(Value value, Has has) const
    {
        return SeriesDecimator::decimateWithBreaks(
            first, last, buckets,
            [&](int i) {
                const SampleSummary &s = ring->at(i);
                return QPointF(double(s.timeMs), double(value(s)));
            },
            [&](int i) { return has(ring->at(i)); }, [&](int i) { return ring->at(i).gapBefore; }, gapMs);
    }
    template <typename Value> QList<QPointF> points(Value value) const
    {
        return points(value, [](const SampleSummary &) { return true; });
    }
};

// What a dock of the main window shows. Panels present; they never talk to the kernel.
class HistoryPanel : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;

    // Whether a panel takes each new snapshot, or only while it is shown (it catches up when it
    // shows again: the sysctl pane, whose explanations are costly to lay out).
    enum class SnapshotUpdates { Always, WhileShown };
    // Subscribes this panel to the window's state: showSnapshot() with each latest table,
    // showHistory() while shown (a panel behind a tab or in a closed dock catches up when it
    // shows again). Panels that show more (a moment, a model of their own) add to it.
    virtual void follow(const WindowState *state, SnapshotUpdates snapshots = SnapshotUpdates::Always);

    // The latest sample (may be null before the first one).
    virtual void showSnapshot(const SnapshotPtr &snapshot) { Q_UNUSED(snapshot); }
    virtual void showHistory(const HistoryWindow &window) { Q_UNUSED(window); }
    virtual void retranslate() = 0;
    virtual void saveSettings(QSettings &settings) const { Q_UNUSED(settings); }
    virtual void restoreSettings(const QSettings &settings) { Q_UNUSED(settings); }
};
