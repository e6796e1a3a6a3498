#include "snapshotjsonreader.h"

#include "snapshot.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace SnapshotJsonReader {

bool read(const QByteArray &json, Snapshot *s, QString *error)
{
    QJsonParseError parseError;
    const QJsonObject root = QJsonDocument::fromJson(json, &parseError).object();
    if (parseError.error != QJsonParseError::NoError) {
        *error = parseError.errorString();
        return false;
    }
    if (root.value(QLatin1String("schema")).toString() != QLatin1String("sockscope.snapshot/1")) {
        *error = QStringLiteral("not a sockscope.snapshot/1 document");
        return false;
    }
    s->wallTimeMs = QDateTime::fromString(root.value(QLatin1String("time")).toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
    const QJsonObject netns = root.value(QLatin1String("netns")).toObject();
    s->namespaceLabel = netns.value(QLatin1String("label")).toString();
    s->namespaceId = netns.value(QLatin1String("id")).toString();
    s->collectNs = qint64(root.value(QLatin1String("collect_ms")).toDouble() * 1e6);
    s->dumpNs = qint64(root.value(QLatin1String("dump_ms")).toDouble() * 1e6);
    s->consistent = root.value(QLatin1String("consistent")).toBool(true);
    s->ipv6Available = root.value(QLatin1String("ipv6_available")).toBool(true);
    for (const QJsonValue &warning : root.value(QLatin1String("warnings")).toArray())
        s->warnings << warning.toString();
    s->stateMask = 0;
    for (const QJsonValue &state : root.value(QLatin1String("state_filter")).toArray())
        s->stateMask |= tcpStateBit(tcpStateFromName(state.toString()));

    const QJsonObject sockstat = root.value(QLatin1String("sockstat")).toObject();
    s->sockstat.valid = sockstat.value(QLatin1String("exact")).toBool();
    s->sockstat.tcpInUse = sockstat.value(QLatin1String("tcp_inuse")).toInteger();
    s->sockstat.tcpOrphans = sockstat.value(QLatin1String("tcp_orphan")).toInteger();
    s->sockstat.tcpTimeWait = sockstat.value(QLatin1String("tcp_tw")).toInteger();
    s->sockstat.tcpAllocated = sockstat.value(QLatin1String("tcp_alloc")).toInteger();
    s->sockstat.tcpMemoryPages = sockstat.value(QLatin1String("tcp_mem_pages")).toInteger();
    s->sockstat.tcp6Valid = !sockstat.value(QLatin1String("tcp6_inuse")).isNull();
    s->sockstat.tcp6InUse = sockstat.value(QLatin1String("tcp6_inuse")).toInteger();

    const QJsonObject slab = root.value(QLatin1String("slab")).toObject();
    s->slab.slabinfoReadable = slab.value(QLatin1String("slabinfo_readable")).toBool();
    s->slab.slabinfoError = slab.value(QLatin1String("slabinfo_error")).toString();
    s->slab.objectSizeBasis = slab.value(QLatin1String("estimate_basis")).toString();
    for (const QJsonValue &value : slab.value(QLatin1String("caches")).toArray()) {
        const QJsonObject cache = value.toObject();
        for (int c = 0; c < SlabCacheCount; ++c) {
            if (cache.value(QLatin1String("name")).toString() != QLatin1String(slabCacheName(static_cast<SlabCache>(c))))
                continue;
            SlabCacheFigure &f = s->slab.caches[c];
            const QString source = cache.value(QLatin1String("source")).toString();
            f.source = source == QLatin1String("slabinfo") ? SlabCacheFigure::Source::Slabinfo
                : source == QLatin1String("estimate")      ? SlabCacheFigure::Source::Estimate
                                                           : SlabCacheFigure::Source::None;
            f.activeObjects = cache.value(QLatin1String("active_objects")).toInteger();
            f.totalObjects = cache.value(QLatin1String("objects")).toInteger();
            f.objectSize = cache.value(QLatin1String("object_size")).toInteger();
            f.bytes = cache.value(QLatin1String("bytes")).toInteger();
        }
    }

    const QJsonObject counters = root.value(QLatin1String("counters")).toObject();
    s->countersValid = counters.value(QLatin1String("exact")).toBool();
    for (const auto &info : tcpCounterInfo()) {
        const QJsonValue value = counters.value(QLatin1String(info.table)).toObject().value(QLatin1String(info.name));
        const int i = static_cast<int>(info.counter);
        s->counters.present[i] = !value.isNull() && !value.isUndefined();
        s->counters.values[i] = value.toInteger();
    }

    const QJsonObject rates = root.value(QLatin1String("rates_per_second")).toObject();
    if (!rates.isEmpty()) {
        CounterRates r;
        r.intervalSeconds = rates.value(QLatin1String("interval_s")).toDouble();
        for (const auto &info : tcpCounterInfo()) {
            const QJsonValue value = rates.value(QLatin1String(info.table) + QLatin1Char('.') + QLatin1String(info.name));
            const int i = static_cast<int>(info.counter);
            r.valid[i] = value.isDouble();
            r.perSecond[i] = value.toDouble();
        }
        s->rates = r;
    }

    const QJsonObject sysctls = root.value(QLatin1String("sysctls")).toObject();
    for (auto it = sysctls.constBegin(); it != sysctls.constEnd(); ++it) {
        const QJsonObject entry = it.value().toObject();
        SysctlReading reading;
        reading.name = it.key();
        const QString state = entry.value(QLatin1String("state")).toString();
        reading.state = state == QLatin1String("present") ? SysctlReading::State::Present
            : state == QLatin1String("absent")            ? SysctlReading::State::Absent
                                                          : SysctlReading::State::Unreadable;
        reading.value = entry.value(QLatin1String("value")).toString();
        reading.error = entry.value(QLatin1String("error")).toString();
        s->sysctls.push_back(reading);
    }
    return true;
}

}
