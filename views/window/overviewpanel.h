#pragma once

#include "views/charts/historypanel.h"
#include "core/snapshot/filllevel.h"

#include <optional>

class PortBudgetDialog;
class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QScrollArea;

// The figures an operator looks at first: how full the TIME-WAIT table is, what it costs, whether
// closes overflow it, and how close the busiest destination is to running out of local ports.
// Every line wraps, never cut: when the dock is too short for the wrapped lines, they scroll; a
// picture (CaptureLook) grows to hold them all.
class OverviewPanel : public HistoryPanel
{
    Q_OBJECT

public:
    explicit OverviewPanel(QWidget *parent = nullptr);

    void showSnapshot(const SnapshotPtr &snapshot) override;
    // Replay: what a sample's summary holds comes from the sample under the slider; what needs
    // a socket table (the busiest destination) from `table`, with the table's time beside it.
    void showMoment(const SampleSummary &sample, const SnapshotPtr &table);
    // Also shows the moment a sample newer than the table, or the slider, is at.
    void follow(const WindowState *state, SnapshotUpdates snapshots = SnapshotUpdates::Always) override;
    void retranslate() override;
    // The worked budget for the busiest tuples (made on first use).
    PortBudgetDialog *showPortBudget();

protected:
    bool event(QEvent *event) override;

private:
    // TIME-WAIT against tcp_max_tw_buckets (-1: unknown), as text and as the fill bar.
    // table: sockstat tw, -1 when unknown (a recorded summary does not hold it).
    void showNothing();
    void showTimeWait(quint32 timeWait, qint64 table, qint64 buckets);
    void showMemory(const Snapshot &s);
    void showRates(const Snapshot &s);
    void showOverflow(const Snapshot &s);
    void showPorts(const Snapshot &s);
    // Amber or red past FillLevel's thresholds, the palette's highlight below them.
    static void showFillLevel(QProgressBar *bar, FillLevel::Level level);
    // What the colours of the two fill bars mean, for their tooltips.
    static QString timeWaitLevelsText();
    static QString portLevelsText();
    // The rates row: entries made are TcpExt TW + TWKilled (__inet_twsk_schedule counts each new
    // entry in one of them, TWKilled when its first timeout is 4 s or less); a rate not known is
    // said, and the other shown as a lower bound.
    static QString ratesText(std::optional<double> timeWait, std::optional<double> timeWaitKilled, double opened,
                             double accepted);
    QScrollArea *m_scroll;
    QWidget *m_content; // the form, in m_scroll
    QFormLayout *m_form;
    QLabel *m_sockets;
    QLabel *m_timeWait;
    QProgressBar *m_timeWaitFill;
    QLabel *m_memory;
    QLabel *m_rates;
    QLabel *m_overflow;
    QLabel *m_ports;
    QProgressBar *m_portsFill;
    QLabel *m_portRate; // the busiest tuple's budget, beside its fill
    QPushButton *m_portBudget;
    PortBudgetDialog *m_portBudgetDialog = nullptr;
    QLabel *m_refresh;
    SnapshotPtr m_snapshot;
    std::optional<SampleSummary> m_moment;
};
