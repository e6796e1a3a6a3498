#pragma once

#include "views/charts/historypanel.h"

#include <QHash>

class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QHorizontalBarSeries;
class QCheckBox;
class QRadioButton;
class QValueAxis;
class TimeSeriesChart;
class TimeWaitByPortModel;

// TIME-WAIT per port: the busiest ports now as horizontal bars (from TimeWaitByPortModel) and
// those same ports over time. By local port (a server that closes first) or by remote port (a
// client that closes first).
class PortChartPanel : public HistoryPanel
{
    Q_OBJECT

public:
    static constexpr int PortsOverTime = 8;
    // Characters of an owner's name beside its port on the bars (a command has at most 15).
    static constexpr int MaximumOwnerLabel = 16;

    PortChartPanel(TimeWaitByPortModel *model, QWidget *parent = nullptr);

    void showHistory(const HistoryWindow &window) override;
    void retranslate() override;
    // Only the sysctls matter here: the remote-port tooltip states this namespace's port budget.
    void showSnapshot(const SnapshotPtr &snapshot) override;
    // Also feeds the bars' model: each table, and the moment a sample or the slider is at.
    void follow(const WindowState *state, SnapshotUpdates snapshots = SnapshotUpdates::Always) override;
    void saveSettings(QSettings &settings) const override;
    void restoreSettings(const QSettings &settings) override;
    // The moment the bars show, "HH:mm:ss" in a replay (the sample under the slider); empty:
    // live, "now".
    void setMoment(const QString &time);
    TimeSeriesChart *timeChart() const { return m_timeChart; }
    QBarSet *bars() const { return m_bars; }
    QChart *barChart() const;

signals:
    void sideChanged();

protected:
    void changeEvent(QEvent *event) override;
    bool event(QEvent *event) override;

private:
    // The sections of the constructor.
    void setUpBarChart();
    void layOut();
    void connectSignals();
    void updateBars();
    QString seriesKey(quint16 port) const;

    TimeWaitByPortModel *m_model;
    QRadioButton *m_byLocal;
    QRadioButton *m_byRemote;
    QCheckBox *m_ephemeralListed; // ports inside ip_local_port_range one by one
    QChartView *m_barView;
    QHorizontalBarSeries *m_barSeries;
    QBarSet *m_bars;
    QBarCategoryAxis *m_portAxis;
    QValueAxis *m_countAxis;
    TimeSeriesChart *m_timeChart;
    QHash<quint16, int> m_portColors;
    HistoryWindow m_lastWindow;
    QString m_budgetText;
    QString m_moment;
};
