#pragma once

#include <QChartView>
#include <QHash>
#include <QSet>
#include <QPointF>

#include "recording/recording.h"
#include "views/charts/picturelegend.h"
#include "views/charts/timezoom.h"

#include <optional>
#include <vector>

class QAbstractAxis;
class QCategoryAxis;
class QLegendMarker;
class QLineSeries;

struct HistoryWindow;

// Our thin layer over Qt Charts (deprecated after Qt 6.10 in favour of Qt Graphs): a time axis,
// one value axis, series addressed by a key. A refresh replaces a series' points in one call
// (QXYSeries::replace: ~4 ms for 11 series of 300 points, against ~80 ms point by point), with
// animations off. Clicking a legend entry hides its series; hovering anywhere over the plot shows
// a crosshair with every series' value at that time; the wheel zooms and a drag pans the time
// axis (double-click resets). Markers and the crosshair: timeserieschartoverlay.cpp.
class TimeSeriesChart : public QChartView
{
    Q_OBJECT

public:
    explicit TimeSeriesChart(QWidget *parent = nullptr);

    void addSeries(const QString &key, const QColor &color, Qt::PenStyle style = Qt::SolidLine, qreal width = 2.0);
    void removeSeries(const QString &key);
    bool hasSeries(const QString &key) const { return m_series.contains(key); }
    QStringList seriesKeys() const { return m_order; }
    // `name` is plain text, shown as it is.
    void setSeriesName(const QString &key, const QString &name);
    QString seriesName(const QString &key) const { return m_names.value(key); }
    void setSeriesPen(const QString &key, const QColor &color, Qt::PenStyle style, qreal width);
    // Points in time order; a point with a NaN y is a break (SeriesDecimator::isBreak): the line
    // stops there and starts again at the next point.
    void setSeriesPoints(const QString &key, const QList<QPointF> &points);
    // The drawn pieces of a series, oldest first: one per stretch without a break.
    QList<QList<QPointF>> segments(const QString &key) const;
    // Hidden by the user (legend click): drawn again when clicked again.
    void setSeriesHidden(const QString &key, bool hidden);
    bool isSeriesHidden(const QString &key) const;
    // An inactive series (nothing to show in the window) is neither drawn nor listed in the legend,
    // so a legend of twelve TCP states lists only those that occur. Keeps the user's choice.
    void setSeriesActive(const QString &key, bool active);
    // The legend lists series in this order (e.g. largest value first); unknown keys are ignored.
    void setSeriesOrder(const QStringList &keys);
    // The series holding the newest stretch of `key`.
    QLineSeries *series(const QString &key) const { return m_series.value(key); }

    void setTitle(const QString &title);
    void setValueTitle(const QString &title);
    // Decimals on the value axis: 0 (the default, counts), or -1 for what the tick step needs.
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
    // Labelled moments ("deploy", "LB restart") drawn as vertical lines across the plot, their
    // labels above it.
    void setMarkers(const std::vector<RecordingMarker> &markers);
    const std::vector<RecordingMarker> &markers() const { return m_markers; }

    // Time shown: the window, or the part of it the user zoomed to.
    qint64 viewFromMs() const { return m_zoom.fromMs(); }
    qint64 viewToMs() const { return m_zoom.toMs(); }
    bool isZoomed() const { return m_zoom.isZoomed(); }
    const TimeZoom &timeZoom() const { return m_zoom; }
    void zoomTime(double factor, qint64 anchorMs);
    void panTime(qint64 deltaMs);
    void resetZoom();
    // Shown over the plot while zoomed: a zoomed live chart stops following new samples, and
    // without a word an operator takes that for stalled data. Empty when not zoomed.
    QString zoomHint() const;
    // The time-axis ticks, as (ms, label); and the value step between value ticks.
    QList<QPair<qint64, QString>> timeTicks() const { return m_timeTicks; }
    double valueStep() const { return m_valueStep; }
    // What the crosshair shows at `timeMs`: the time, then "name: value" for every visible series
    // that has a sample there, largest first.
    QStringList valuesAt(qint64 timeMs) const;
    void showCrosshair(qint64 timeMs); // as when the mouse is there; hideCrosshair() removes it
    // The legend a picture shows instead of Qt Charts' own, and where it is drawn (in chart
    // coordinates); empty when not captured.
    const PictureLegend &pictureLegend() const { return m_pictureLegend; }
    QRectF pictureLegendRect() const;
    // Where the markers' labels are drawn, in chart coordinates.
    QList<QRectF> markerLabelRects() const;
    void hideCrosshair();

signals:
    void seriesVisibilityChanged(const QString &key, bool visible);
    // From the context menu on a marker; the index is into markers().
    void markerRenameRequested(int index);
    void markerRemoveRequested(int index);

protected:
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    struct MarkerLabel
    {
        int index;
        qreal x;
        QRectF box;
        QString text;
    };

    void applyPalette();
    void attach(QLineSeries *series, bool withLegend);
    void styleMarker(QLegendMarker *marker, bool visible);
    void replaceValueAxis();
    void applyVisibility(const QString &key);
    void applyTimeAxis();
    void placeLimit();
    void applyCompactness();
    // In a picture: our own legend with every name whole, and the height it needs; on screen
    // again: Qt Charts' legend, the heights as they were.
    void fitLegendForPicture();
    void layOutPictureLegend();
    bool showsPictureLegend() const { return m_liveMinimumHeight.has_value(); }
    int pictureLegendRoom() const; // below the plot
    void layOutMarkers();
    void applyMargins();
    void drawValueTitle(QPainter *painter);
    QList<QLineSeries *> pieces(const QString &key) const;
    qint64 timeAtX(qreal x) const;
    qreal xAtTime(qint64 timeMs) const;
    QPointF chartPosition(const QPoint &viewPos) const;
    int markerAt(const QPoint &viewPos) const;
    void drawMarkers(QPainter *painter);
    void drawZoomHint(QPainter *painter);
    void drawPictureLegend(QPainter *painter);
    void drawCrosshair(QPainter *painter);

    QCategoryAxis *m_timeAxis;
    QAbstractAxis *m_valueAxis = nullptr;
    QHash<QString, QLineSeries *> m_series;
    QHash<QString, QString> m_names; // as given, plain text (the series hold them escaped)
    QHash<QString, QList<QLineSeries *>> m_earlier; // older stretches of a series, legend-less
    QStringList m_order;
    QHash<QString, double> m_maxima;
    QSet<QString> m_hidden;
    QSet<QString> m_inactive;
    QLineSeries *m_limit = nullptr;
    double m_limitValue = qQNaN();
    bool m_logarithmic = false;
    int m_decimals = 0; // in use on the axis
    int m_fixedDecimals = 0; // what setValueDecimals asked; -1 adapts
    double m_valueStep = 1;
    QString m_valueTitle;
    bool m_ownValueTitle = false; // glyphs the title font lacks: drawn by us, not by Qt Charts
    bool m_drawnValueTitle = false;
    std::vector<RecordingMarker> m_markers;
    std::vector<MarkerLabel> m_markerLabels;
    int m_markerRows = 0;
    TimeZoom m_zoom;
    QList<QPair<qint64, QString>> m_timeTicks;
    qint64 m_crosshairMs = -1;
    QPoint m_dragFrom;
    qint64 m_dragViewFromMs = -1;
    PictureLegend m_pictureLegend; // laid out while captured
    std::optional<int> m_liveMinimumHeight; // set while captured
    int m_liveMaximumHeight = QWIDGETSIZE_MAX;
};
