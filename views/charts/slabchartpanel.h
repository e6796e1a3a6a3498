#pragma once

#include "views/charts/historypanel.h"

class QLabel;
class TimeSeriesChart;

// Slab memory of TCP sockets over time: TIME-WAIT entries (tw_sock_TCP + tw_sock_TCPv6), full
// sockets (TCP + TCPv6) and request sockets. Estimates, when /proc/slabinfo is root-only, are
// drawn dashed and named as estimates.
class SlabChartPanel : public HistoryPanel
{
    Q_OBJECT

public:
    enum Group { TimeWait, Sockets, Requests, GROUP_COUNT };

    explicit SlabChartPanel(QWidget *parent = nullptr);

    void showSnapshot(const SnapshotPtr &snapshot) override;
    void showHistory(const HistoryWindow &window) override;
    void retranslate() override;
    TimeSeriesChart *chart() const { return m_chart; }

private:
    void applyNames();

    TimeSeriesChart *m_chart;
    QLabel *m_note;
    bool m_estimated = false;
    QString m_unitName;
    QString m_reason;
};
