#include "sampling/historyexporter.h"

#include <QDateTime>
#include <QIODevice>

namespace HistoryExporter {

QStringList csvColumns()
{
    QStringList columns {QStringLiteral("time"), QStringLiteral("total")};
    for (const TcpState state : tcpStatesInDisplayOrder())
        columns << QLatin1String(tcpStateKey(state));
    columns << QStringLiteral("max_tw_buckets");
    for (int c = 0; c < SlabCacheCount; ++c)
        columns << QLatin1String(slabCacheName(static_cast<SlabCache>(c))) + QStringLiteral("_bytes");
    columns << QStringLiteral("slab_exact");
    for (const auto &info : tcpCounterInfo()) {
        if (!info.gauge)
            columns << QLatin1String(info.table) + QLatin1Char('.') + QLatin1String(info.name) + QStringLiteral("_per_s");
    }
    columns << QStringLiteral("collect_ms");
    return columns;
}

bool writeCsv(const HistoryRing &history, int first, int last, QIODevice *device)
{
    QByteArray out = csvColumns().join(QLatin1Char(',')).toLatin1() + "\r\n";
    for (int i = qMax(0, first); i < qMin(last, history.size()); ++i) {
        const SampleSummary &s = history.at(i);
        QList<QByteArray> fields {QDateTime::fromMSecsSinceEpoch(s.timeMs, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1(),
                                  QByteArray::number(s.totalSockets)};
        for (const TcpState state : tcpStatesInDisplayOrder())
            fields << QByteArray::number(s.count(state));
        fields << QByteArray::number(s.maxTimeWaitBuckets);
        for (int c = 0; c < SlabCacheCount; ++c)
            fields << (s.hasSlab(static_cast<SlabCache>(c)) ? QByteArray::number(s.slabBytes[c]) : QByteArray());
        fields << (s.slabExactMask == s.slabPresentMask && s.slabPresentMask ? "1" : "0");
        for (const auto &info : tcpCounterInfo()) {
            if (!info.gauge)
                fields << (s.hasRate(info.counter) ? QByteArray::number(double(s.rate(info.counter)), 'g', 7) : QByteArray());
        }
        fields << QByteArray::number(double(s.collectMs), 'f', 2);
        out += fields.join(',') + "\r\n";
    }
    return device->write(out) == out.size();
}

}
