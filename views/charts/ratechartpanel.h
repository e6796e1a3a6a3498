#pragma once

#include "views/charts/historypanel.h"

class QLabel;
class TimeSeriesChart;

// TIME-WAIT counters per second: entries made, closes that found the table full
// (TCPTimeWaitOverflow, highlighted whenever above zero), entries killed early and 4-tuples
// reused by connect().
class RateChartPanel : public HistoryPanel
{
    Q_OBJECT

public:
    explicit RateChartPanel(QWidget *parent = nullptr);

    void showHistory(const HistoryWindow &window) override;
    void retranslate() override;
    TimeSeriesChart *chart() const { return m_chart; }
    bool overflowHighlighted() const;

private:
    TimeSeriesChart *m_chart;
    QLabel *m_alert;
    double m_latestOverflow = 0;
};
