#include "views/charts/historypanel.h"

#include "sampling/windowstate.h"

#include <QDateTime>
#include <QEvent>

namespace {
// Shows a panel what it missed while hidden, when it shows again.
class CatchUpOnShow : public QObject
{
public:
    CatchUpOnShow(HistoryPanel *panel, const WindowState *state, bool snapshot)
        : QObject(panel)
        , m_panel(panel)
        , m_state(state)
        , m_snapshot(snapshot)
    {
        panel->installEventFilter(this);
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_panel && event->type() == QEvent::Show) {
            if (m_snapshot)
                m_panel->showSnapshot(m_state->latest());
            else
                m_panel->showHistory(HistoryWindow::of(*m_state));
        }
        return false;
    }

private:
    HistoryPanel *m_panel;
    const WindowState *m_state;
    bool m_snapshot;
};
}

HistoryWindow HistoryWindow::of(const WindowState &state)
{
    const HistoryRing &history = state.history();
    HistoryWindow window;
    window.ring = &history;
    window.markers = &state.markers();
    if (history.isEmpty()) {
        // Nothing sampled from this place yet (just switched to it): empty charts over the
        // window's length up to now, never the previous place's lines or a 1970 axis.
        window.toMs = QDateTime::currentMSecsSinceEpoch();
        window.fromMs = window.toMs - qint64(state.windowSeconds()) * 1000;
        return window;
    }
    window.toMs = history.at(state.viewEnd()).timeMs;
    // Until the history fills the window, spread what there is instead of squeezing it right.
    window.fromMs = qMax(window.toMs - qint64(state.windowSeconds()) * 1000, qMin(history.at(0).timeMs, window.toMs - 10000));
    window.first = history.firstAtOrAfter(window.fromMs);
    window.last = state.viewEnd() + 1;
    // A step more than 1.8 intervals means samples are missing (a pause, skipped or lost
    // samples, a gap in a recording): the charts break there instead of drawing a ramp.
    const qint64 interval = history.typicalIntervalMs(window.last);
    if (interval > 0)
        window.gapMs = 1.8 * double(interval);
    return window;
}

void HistoryPanel::follow(const WindowState *state, SnapshotUpdates snapshots)
{
    const bool whileShown = snapshots == SnapshotUpdates::WhileShown;
    connect(state, &WindowState::snapshotChanged, this, [this, whileShown](const SnapshotPtr &latest) {
        if (!whileShown || isVisible())
            showSnapshot(latest);
    });
    connect(state, &WindowState::historyChanged, this, [this, state] {
        // Charts behind another tab or in a closed dock wait until they are shown. An empty
        // history (another place, nothing from it yet) empties the charts.
        if (isVisible())
            showHistory(HistoryWindow::of(*state));
    });
    new CatchUpOnShow(this, state, whileShown);
}
