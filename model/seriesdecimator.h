#pragma once

#include <QList>
#include <QPointF>

// Thins a time series for drawing: at most 2 points (min and max, in time order) per bucket of
// equal time width, so an hour at 0.25 s (14,400 samples) draws as ~1,000 points and still shows
// every spike. Fewer points than buckets pass through unchanged.
namespace SeriesDecimator {

// `at(i)` returns sample i as QPointF(x = ms, y); samples are in time order. `keep(i)` says
// whether sample i has a value at all (a port not tracked yet, a rate not known).
template<typename At, typename Keep>
QList<QPointF> decimate(int first, int last, int buckets, At at, Keep keep)
{
    QList<QPointF> points;
    const int count = last - first;
    if (count <= 0)
        return points;
    if (count <= 2 * buckets) {
        points.reserve(count);
        for (int i = first; i < last; ++i) {
            if (keep(i))
                points.append(at(i));
        }
        return points;
    }
    points.reserve(2 * buckets + 2);
    const double x0 = at(first).x();
    const double width = (at(last - 1).x() - x0) / buckets;
    int i = first;
    while (i < last) {
        const int bucket = width > 0 ? qMin(buckets - 1, int((at(i).x() - x0) / width)) : 0;
        bool any = false;
        QPointF low, high;
        for (; i < last; ++i) {
            const QPointF p = at(i);
            if (width > 0 && qMin(buckets - 1, int((p.x() - x0) / width)) != bucket)
                break;
            if (!keep(i))
                continue;
            if (!any || p.y() < low.y())
                low = p;
            if (!any || p.y() > high.y())
                high = p;
            any = true;
        }
        if (!any)
            continue;
        if (low.x() <= high.x()) {
            points.append(low);
            if (high != low)
                points.append(high);
        } else {
            points.append(high);
            points.append(low);
        }
    }
    return points;
}

}
