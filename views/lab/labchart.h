#pragma once

#include "lab/labfigures.h"

#include <QChartView>

class QLineSeries;
class QValueAxis;

// The lab's own chart: connections made and connect() failures (EADDRNOTAVAIL, and all others)
// per second over the last two minutes, from the load generator's figures (LAB frames).
class LabChart : public QChartView
{
    Q_OBJECT

public:
    explicit LabChart(QWidget *parent = nullptr);

    void add(const LabFigures &figures);
    void clear();
    void retranslate();

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();

    QLineSeries *m_connected;
    QLineSeries *m_unavailable;
    QLineSeries *m_otherFailures;
    QValueAxis *m_time;
    QValueAxis *m_rate;
    LabFigures m_last;
    bool m_hasLast = false;
    qint64 m_firstMs = 0;
};
