#pragma once

#include <QChartView>
#include <QHash>
#include <QSet>
#include <QPointF>

#include "recording.h"

#include <vector>

class QAbstractAxis;
class QDateTimeAxis;
class QLegendMarker;
class QLineSeries;

struct HistoryWindow;

// Our thin layer over Qt Charts (deprecated after Qt 6.10 in favour of Qt Graphs): a time axis,
// one value axis, series addressed by a key. A refresh replaces a series' points in one call
// (QXYSeries::replace: ~4 ms for 11 series of 300 points, against ~80 ms point by point), with
// animations off. Clicking a legend entry hides its series; hovering a line shows time and value.
class TimeSeriesChart : public QChartView
{
    Q_OBJECT

public:
    explicit TimeSeriesChart(QWidget *parent = nullptr);

    void addSeries(const QString &key, const QColor &color, Qt::PenStyle style = Qt::SolidLine, qreal width = 2.0);
    void removeSeries(const QString &key);
    bool hasSeries(const QString &key) const { return m_series.contains(key); }
    QStringList seriesKeys() const { return m_order; }
    void setSeriesName(const QString &key, const QString &name);
    void setSeriesPen(const QString &key, const QColor &color, Qt::PenStyle style, qreal width);
    void setSeriesPoints(const QString &key, const QList<QPointF> &points);
    // Hidden by the user (legend click): drawn again when clicked again.
    void setSeriesHidden(const QString &key, bool hidden);
    bool isSeriesHidden(const QString &key) const;
    // An inactive series (nothing to show in the window) is neither drawn nor listed in the legend,
    // so a legend of twelve TCP states lists only those that occur. Keeps the user's choice.
    void setSeriesActive(const QString &key, bool active);
    QLineSeries *series(const QString &key) const { return m_series.value(key); }

    void setTitle(const QString &title);
    void setValueTitle(const QString &title);
    // Decimals on the value axis; -1 (the default) picks 1 below 10 and 0 above.
    void setValueDecimals(int decimals);
    void setTimeRange(qint64 fromMs, qint64 toMs);
    // The window's time range and its markers; the series' points are set apart.
    void showWindow(const HistoryWindow &window);
    // A dashed horizontal line (tcp_max_tw_buckets on TIME-WAIT); NaN removes it. It joins the
    // value range only when the data come within a quarter of it, or on a log scale.
    void setLimit(double value, const QString &label);
    void setLogarithmic(bool logarithmic);
    bool isLogarithmic() const { return m_logarithmic; }
    // Fits the value axis to the visible series; call after the points of one refresh are set.
    void rescale();
    // Labelled moments ("deploy", "LB restart") drawn as vertical lines across the plot.
    void setMarkers(const std::vector<RecordingMarker> &markers);
    const std::vector<RecordingMarker> &markers() const { return m_markers; }

signals:
    void seriesVisibilityChanged(const QString &key, bool visible);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;

private:
    void applyPalette();
    void attach(QLineSeries *series);
    void styleMarker(QLegendMarker *marker, bool visible);
    void showHover(QLineSeries *series, const QPointF &point, bool entered);
    void replaceValueAxis();
    void applyVisibility(const QString &key);

    QDateTimeAxis *m_timeAxis;
    QAbstractAxis *m_valueAxis = nullptr;
    QHash<QString, QLineSeries *> m_series;
    QStringList m_order;
    QHash<QString, double> m_maxima;
    QSet<QString> m_hidden;
    QSet<QString> m_inactive;
    QLineSeries *m_limit = nullptr;
    double m_limitValue = qQNaN();
    bool m_logarithmic = false;
    int m_decimals = 0; // in use on the axis
    int m_fixedDecimals = 0; // what setValueDecimals asked; -1 adapts
    QString m_valueTitle;
    std::vector<RecordingMarker> m_markers;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
};
