#pragma once

#include "historyring.h"
#include "recording.h"
#include "snapshot.h"

#include <QWidget>

class QSettings;

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
    const std::vector<RecordingMarker> *markers = nullptr; // drawn on every time chart
};

// What a dock of the main window shows. Panels present; they never talk to the kernel.
class HistoryPanel : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;

    // The latest sample (may be null before the first one).
    virtual void showSnapshot(const SnapshotPtr &snapshot) { Q_UNUSED(snapshot); }
    virtual void showHistory(const HistoryWindow &window) { Q_UNUSED(window); }
    virtual void retranslate() = 0;
    virtual void saveSettings(QSettings &settings) const { Q_UNUSED(settings); }
    virtual void restoreSettings(const QSettings &settings) { Q_UNUSED(settings); }
};
