#include "sampling/historyexporter.h"

#include "bridge/csvfield.h"
#include "core/snapshot/inetaddress.h"

#include <QDateTime>
#include <QIODevice>

#include <algorithm>
#include <limits>
#include <sys/socket.h>

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
    columns << QStringLiteral("collect_ms") << QStringLiteral("busiest_tuple") << QStringLiteral("busiest_ports_in_use")
            << QStringLiteral("ephemeral_ports") << QStringLiteral("busiest_percent") << QStringLiteral("top_local_ports")
            << QStringLiteral("top_remote_ports") << QStringLiteral("top_owners") << QStringLiteral("time_wait_unattributed")
            << QStringLiteral("markers");
    return columns;
}

namespace {

// "10.0.0.2 > 10.50.0.1:443", "[fd00::2] > [fd00::1]:443": the tuple connect() picks ports for.
QByteArray tupleText(const PortPressure &tuple)
{
    const auto address = [&tuple](const std::array<std::uint8_t, 16> &bytes) {
        const QByteArray text = QByteArray::fromStdString(InetAddress::toString(tuple.family, bytes));
        return tuple.family == AF_INET6 ? '[' + text + ']' : text;
    };
    return address(tuple.localAddress) + " > " + address(tuple.remoteAddress) + ':' + QByteArray::number(tuple.remotePort);
}

// The busiest tuple, its ports in use, the range and the share of it; empty cells when the
// sample's socket table is not at hand (a recording) or no tuple holds a port.
QList<QByteArray> pressureFields(const SampleSummary &s)
{
    if (s.busiestTuple.inUse == 0)
        return {QByteArray(), QByteArray(), s.ephemeralPorts ? QByteArray::number(s.ephemeralPorts) : QByteArray(), QByteArray()};
    return {tupleText(s.busiestTuple), QByteArray::number(s.busiestTuple.inUse),
            s.ephemeralPorts ? QByteArray::number(s.ephemeralPorts) : QByteArray(),
            s.ephemeralPorts ? QByteArray::number(100.0 * s.busiestTuple.inUse / s.ephemeralPorts, 'f', 1) : QByteArray()};
}

// The ports tracked in this sample, busiest first: "80:90409 8443:17000".
template <std::size_t N> QByteArray portsText(const std::array<PortCount, N> &ports, int count)
{
    std::vector<PortCount> sorted(ports.begin(), ports.begin() + std::min<int>(count, int(N)));
    std::stable_sort(sorted.begin(), sorted.end(), [](const PortCount &a, const PortCount &b) { return a.count > b.count; });
    QByteArrayList words;
    for (const PortCount &port : sorted)
        if (port.count > 0)
            words << QByteArray::number(port.port) + ':' + QByteArray::number(port.count);
    return words.join(' ');
}

// The owners tracked in this sample, busiest first: "nginx (nginx.service): 90409; php-fpm: 17000".
QByteArray ownersText(const SampleSummary &s, const OwnerLabelBook &labels)
{
    std::vector<SampleSummary::OwnerCount> sorted(s.owners.begin(),
                                                  s.owners.begin() + std::min<int>(s.ownerCount, SampleSummary::TrackedOwners));
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a.count > b.count; });
    QStringList parts;
    for (const SampleSummary::OwnerCount &owner : sorted) {
        if (owner.count == 0)
            continue;
        const OwnerLabel *label = labels.find(owner.key);
        QString name =
            label ? QString::fromStdString(label->command.empty() ? label->unit : label->command) : QStringLiteral("?");
        if (label && !label->command.empty() && !label->unit.empty())
            name += QStringLiteral(" (%1)").arg(QString::fromStdString(label->unit));
        parts << QStringLiteral("%1: %2").arg(name).arg(owner.count);
    }
    return CsvField::text(parts.join(QStringLiteral("; ")));
}

// The labels of the markers set from `fromMs` until before `untilMs`.
QByteArray markersText(const std::vector<RecordingMarker> &markers, qint64 fromMs, qint64 untilMs)
{
    QStringList labels;
    for (const RecordingMarker &marker : markers)
        if (marker.timeMs >= fromMs && marker.timeMs < untilMs)
            labels << marker.label;
    return CsvField::text(labels.join(QStringLiteral(" | ")));
}

}

bool writeCsv(const HistoryRing &history, int first, int last, const std::vector<RecordingMarker> &markers, QIODevice *device)
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
        fields << pressureFields(s);
        fields << portsText(s.localPorts, s.localPortCount) << portsText(s.remotePorts, s.remotePortCount);
        fields << (s.ownersKnown ? ownersText(s, history.ownerLabels()) : QByteArray())
               << (s.ownersKnown ? QByteArray::number(s.timeWaitUnattributed) : QByteArray());
        // A marker belongs to the sample on screen when it was set: the last one at or before it.
        fields << markersText(markers, s.timeMs,
                              i + 1 < history.size() ? history.at(i + 1).timeMs : std::numeric_limits<qint64>::max());
        out += fields.join(',') + "\r\n";
    }
    return device->write(out) == out.size();
}

}
