#pragma once

#include "views/charts/historypanel.h"

class QCheckBox;
class TimeSeriesChart;

// Sockets by TCP state over time, with tcp_max_tw_buckets as a limit line on TIME-WAIT and a
// log scale for when TIME-WAIT dwarfs everything else.
class StateChartPanel : public HistoryPanel
{
    Q_OBJECT

public:
    explicit StateChartPanel(QWidget *parent = nullptr);

    void showHistory(const HistoryWindow &window) override;
    void retranslate() override;
    void saveSettings(QSettings &settings) const override;
    void restoreSettings(const QSettings &settings) override;
    TimeSeriesChart *chart() const { return m_chart; }

private:
    // The limit line's legend entry.
    static QString limitName(qint64 limit);

    TimeSeriesChart *m_chart;
    QCheckBox *m_logScale;
    qint64 m_limit = -1;
};
