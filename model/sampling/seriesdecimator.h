#pragma once

#include <QList>
#include <QPointF>

#include <cmath>
#include <limits>

// Thins a time series for drawing: at most 2 points (min and max, in time order) per bucket of
// equal time width, so an hour at 0.25 s (14,400 samples) draws as ~1,000 points and still shows
// every spike. Fewer points than buckets pass through unchanged.
namespace SeriesDecimator {

// A point whose y is NaN: the series breaks there. Qt Charts draws a line through every point it
// is given, so a pause would look like a straight ramp; the chart splits the series at breaks.
inline bool isBreak(const QPointF &p)
{
    return std::isnan(p.y());
}

// `at(i)` returns sample i as QPointF(x = ms, y); samples are in time order. `keep(i)` says
// whether sample i has a value at all (a port not tracked yet, a rate not known). Two kept
// samples further apart than gapMs (a pause, a skipped stretch, lost samples) get a break
// between them.
// As decimate(), and also a break before every sample i where breakBefore(i) (samples known to
// be lost, however short the time between).
template <typename At, typename Keep, typename BreakBefore>
QList<QPointF> decimateWithBreaks(int first, int last, int buckets, At at, Keep keep, BreakBefore breakBefore,
                                  double gapMs = std::numeric_limits<double>::infinity())
{
    QList<QPointF> points;
    const int count = last - first;
    if (count <= 0)
        return points;
    const bool thin = count > 2 * buckets;
    points.reserve(thin ? 2 * buckets + 2 : count);
    const double x0 = at(first).x();
    const double width = thin ? (at(last - 1).x() - x0) / buckets : 0;
    int bucket = -1;
    bool any = false;
    QPointF low, high;
    const auto flush = [&] {
        if (!any)
            return;
        if (low.x() <= high.x()) {
            points.append(low);
            if (high != low)
                points.append(high);
        } else {
            points.append(high);
            points.append(low);
        }
        any = false;
    };
    double previousX = std::numeric_limits<double>::quiet_NaN();
    for (int i = first; i < last; ++i) {
        if (!keep(i))
            continue;
        const QPointF p = at(i);
        if (!std::isnan(previousX) && (p.x() - previousX > gapMs || breakBefore(i))) {
            flush();
            points.append(QPointF((previousX + p.x()) / 2, std::numeric_limits<double>::quiet_NaN()));
        }
        previousX = p.x();
        if (!thin) {
            points.append(p);
            continue;
        }
        const int b = width > 0 ? qMin(buckets - 1, int((p.x() - x0) / width)) : 0;
        if (b != bucket) {
            flush();
            bucket = b;
        }
        if (!any || p.y() < low.y())
            low = p;
        if (!any || p.y() > high.y())
            high = p;
        any = true;
    }
    flush();
    return points;
}

template <typename At, typename Keep>
QList<QPointF> decimate(int first, int last, int buckets, At at, Keep keep,
                        double gapMs = std::numeric_limits<double>::infinity())
{
    return decimateWithBreaks(
        first, last, buckets, at, keep, [](int) { return false; }, gapMs);
}

}
