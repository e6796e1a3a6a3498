#include "recording/snapshotjsonreader.h"

#include "core/stream/recordingformat.h"
#include "wording/coremessagetext.h"
#include "core/snapshot/snapshot.h"
#include "wording/tcpstatetext.h"
#include "bridge/untrustedtext.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace {

// Numbers in a recorded snapshot come from someone else's file: each is range-checked once
// here, so the sums, differences and conversions made when it is shown cannot overflow.
class Figures
{
public:
    qint64 integer(const QJsonValue &value)
    {
        if (value.isUndefined() || value.isNull())
            return 0;
        const double limit = double(RecordingFormat::MaximumFigure);
        const double number = value.toDouble();
        // Some kernel figures are -1 for "none" (Tcp MaxConn): the range is symmetric.
        if (!value.isDouble() || !std::isfinite(number) || number < -limit || number > limit)
            m_ok = false;
        return m_ok ? qint64(number) : 0;
    }
    double real(const QJsonValue &value, double low, double high)
    {
        const double number = value.toDouble();
        if (!std::isfinite(number) || number < low || number > high)
            m_ok = false;
        return m_ok ? number : 0;
    }
    bool ok() const { return m_ok; }

private:
    bool m_ok = true;
};

// time_wait.by_process and owners.scope: whom a recording's (or an agent's) collector attributed
// TIME-WAIT to. Texts as plain text, at most RecordedTopProcesses owners.
void readOwners(const QJsonObject &root, Snapshot *s, Figures &figures)
{
    const QJsonObject owners = root.value(QLatin1String("owners")).toObject();
    const QString scope = owners.value(QLatin1String("scope")).toString();
    s->owners.scope = scope == QLatin1String("all-processes") ? OwnerScope::AllProcesses
        : scope == QLatin1String("own-processes")             ? OwnerScope::OwnProcesses
                                                              : OwnerScope::NotLookedUp;
    if (s->owners.scope == OwnerScope::NotLookedUp)
        return;
    s->owners.processesUnreadable =
        quint32(qBound<qint64>(0, figures.integer(owners.value(QLatin1String("processes_unreadable"))), 0xffffffff));
    const QJsonObject timeWait = root.value(QLatin1String("time_wait")).toObject();
    const auto count = [&](const QJsonObject &o, const char *key) {
        return quint32(qBound<qint64>(0, figures.integer(o.value(QLatin1String(key))), 0xffffffff));
    };
    const auto text = [](const QJsonValue &value) { return UntrustedText::plain(value.toString()).toStdString(); };
    for (const QJsonValue &value : timeWait.value(QLatin1String("by_process")).toArray()) {
        if (s->owners.owners.size() >= std::size_t(RecordingFormat::RecordedTopProcesses))
            break;
        const QJsonObject entry = value.toObject();
        SocketOwner owner;
        owner.pid = quint32(qBound<qint64>(0, figures.integer(entry.value(QLatin1String("pid"))), 0xffffffff));
        owner.command = text(entry.value(QLatin1String("command")));
        owner.user = text(entry.value(QLatin1String("user")));
        owner.unit = text(entry.value(QLatin1String("unit")));
        // Absent before 0.3: an owner with a pid was one process.
        const QJsonValue processes = entry.value(QLatin1String("processes"));
        owner.processes = processes.isUndefined() ? quint32(owner.pid != 0) : count(entry, "processes");
        owner.processesAtLeast = entry.value(QLatin1String("processes_at_least")).toBool(); // absent: false
        s->owners.owners.push_back(std::move(owner));
        OwnerTimeWait counts;
        counts.owner = quint32(s->owners.owners.size());
        counts.count = count(entry, "count");
        counts.exact = count(entry, "exact");
        counts.listener = count(entry, "listener");
        counts.likely = count(entry, "likely");
        counts.cgroup = count(entry, "cgroup");
        counts.likelyUnknown = count(entry, "likely_unknown"); // absent before 0.3: 0
        counts.unknownLive = count(entry, "unknown_connections");
        s->owners.timeWaitByOwner.push_back(counts);
    }
    s->owners.timeWaitUnattributed = count(timeWait, "unattributed");
    s->owners.timeWaitOtherOwners = count(timeWait, "by_process_other");
    s->owners.sortTimeWait();
}

void readHeader(const QJsonObject &root, Snapshot *s, Figures &figures)
{
    const QDateTime time = QDateTime::fromString(root.value(QLatin1String("time")).toString(), Qt::ISODateWithMs);
    s->wallTimeMs = time.isValid() ? time.toMSecsSinceEpoch() : -1;
    s->host = UntrustedText::plain(root.value(QLatin1String("host")).toString()).toStdString();
    s->kernel = UntrustedText::plain(root.value(QLatin1String("kernel")).toString()).toStdString();
    const QJsonObject netns = root.value(QLatin1String("netns")).toObject();
    // Texts are shown as they are read: one plain line each (UntrustedText), at most a few notes.
    s->namespaceLabel = UntrustedText::plain(netns.value(QLatin1String("label")).toString()).toStdString();
    s->namespaceId = UntrustedText::plain(netns.value(QLatin1String("id")).toString()).toStdString();
    // A collection takes milliseconds to seconds; a day is a generous bound.
    s->collectNs = qint64(figures.real(root.value(QLatin1String("collect_ms")), 0, 86400000.0) * 1e6);
    s->dumpNs = qint64(figures.real(root.value(QLatin1String("dump_ms")), 0, 86400000.0) * 1e6);
    s->consistent = root.value(QLatin1String("consistent")).toBool(true);
    s->ipv6Available = root.value(QLatin1String("ipv6_available")).toBool(true);
    for (const QJsonValue &warning : root.value(QLatin1String("warnings")).toArray()) {
        if (s->warnings.size() < 16)
            s->warnings.push_back(
                CoreMessageText::worded(UntrustedText::plain(warning.toString(), 4 * UntrustedText::LabelLength)));
    }
    s->stateMask = 0;
    for (const QJsonValue &state : root.value(QLatin1String("state_filter")).toArray())
        s->stateMask |= tcpStateBit(tcpStateFromName(state.toString()));
}

void readSockstat(const QJsonObject &root, Snapshot *s, Figures &figures)
{
    const QJsonObject sockstat = root.value(QLatin1String("sockstat")).toObject();
    s->sockstat.valid = sockstat.value(QLatin1String("exact")).toBool();
    s->sockstat.tcpInUse = figures.integer(sockstat.value(QLatin1String("tcp_inuse")));
    s->sockstat.tcpOrphans = figures.integer(sockstat.value(QLatin1String("tcp_orphan")));
    s->sockstat.tcpTimeWait = figures.integer(sockstat.value(QLatin1String("tcp_tw")));
    s->sockstat.tcpAllocated = figures.integer(sockstat.value(QLatin1String("tcp_alloc")));
    s->sockstat.tcpMemoryPages = figures.integer(sockstat.value(QLatin1String("tcp_mem_pages")));
    s->sockstat.tcp6Valid = !sockstat.value(QLatin1String("tcp6_inuse")).isNull();
    s->sockstat.tcp6InUse = figures.integer(sockstat.value(QLatin1String("tcp6_inuse")));
}

void readSlab(const QJsonObject &root, Snapshot *s, Figures &figures)
{
    const QJsonObject slab = root.value(QLatin1String("slab")).toObject();
    s->slab.slabinfoReadable = slab.value(QLatin1String("slabinfo_readable")).toBool();
    s->slab.slabinfoError = CoreMessageText::worded(UntrustedText::plain(slab.value(QLatin1String("slabinfo_error")).toString()));
    s->slab.objectSizeBasis =
        CoreMessageText::worded(UntrustedText::plain(slab.value(QLatin1String("estimate_basis")).toString()));
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
            f.activeObjects = figures.integer(cache.value(QLatin1String("active_objects")));
            f.totalObjects = figures.integer(cache.value(QLatin1String("objects")));
            f.objectSize = figures.integer(cache.value(QLatin1String("object_size")));
            f.bytes = figures.integer(cache.value(QLatin1String("bytes")));
        }
    }
}

void readCounters(const QJsonObject &root, Snapshot *s, Figures &figures)
{
    const QJsonObject counters = root.value(QLatin1String("counters")).toObject();
    s->countersValid = counters.value(QLatin1String("exact")).toBool();
    for (const auto &info : tcpCounterInfo()) {
        const QJsonValue value = counters.value(QLatin1String(info.table)).toObject().value(QLatin1String(info.name));
        const int i = static_cast<int>(info.counter);
        s->counters.present[i] = !value.isNull() && !value.isUndefined();
        s->counters.values[i] = figures.integer(value);
    }

    const QJsonObject rates = root.value(QLatin1String("rates_per_second")).toObject();
    if (!rates.isEmpty()) {
        CounterRates r;
        r.intervalSeconds = figures.real(rates.value(QLatin1String("interval_s")), 0, 86400);
        for (const auto &info : tcpCounterInfo()) {
            const QJsonValue value = rates.value(QLatin1String(info.table) + QLatin1Char('.') + QLatin1String(info.name));
            const int i = static_cast<int>(info.counter);
            r.valid[i] = value.isDouble();
            r.perSecond[i] = figures.real(value, -double(RecordingFormat::MaximumFigure), double(RecordingFormat::MaximumFigure));
        }
        s->rates = r;
    }
}

void readSysctls(const QJsonObject &root, Snapshot *s)
{
    const QJsonObject sysctls = root.value(QLatin1String("sysctls")).toObject();
    for (auto it = sysctls.constBegin(); it != sysctls.constEnd(); ++it) {
        const QJsonObject entry = it.value().toObject();
        SysctlReading reading;
        reading.name = UntrustedText::plain(it.key()).toStdString();
        const QString state = entry.value(QLatin1String("state")).toString();
        reading.state = state == QLatin1String("present") ? SysctlReading::State::Present
            : state == QLatin1String("absent")            ? SysctlReading::State::Absent
                                                          : SysctlReading::State::Unreadable;
        reading.value =
            UntrustedText::plain(entry.value(QLatin1String("value")).toString(), UntrustedText::ValueLength).toStdString();
        reading.error = UntrustedText::plain(entry.value(QLatin1String("error")).toString()).toStdString();
        s->sysctls.push_back(reading);
    }
}

}

namespace SnapshotJsonReader {

bool read(const QByteArray &json, Snapshot *s, QString *error)
{
    QJsonParseError parseError;
    const QJsonObject root = QJsonDocument::fromJson(UntrustedText::wellFormedUtf8(json), &parseError).object();
    if (parseError.error != QJsonParseError::NoError) {
        *error = parseError.errorString();
        return false;
    }
    if (root.value(QLatin1String("schema")).toString() != QLatin1String("sockscope.snapshot/1")) {
        *error = QStringLiteral("not a sockscope.snapshot/1 document");
        return false;
    }
    Figures figures;
    readHeader(root, s, figures);
    readSockstat(root, s, figures);
    readSlab(root, s, figures);
    readCounters(root, s, figures);
    readOwners(root, s, figures);
    readSysctls(root, s);
    if (!figures.ok() || s->wallTimeMs < 0 || s->wallTimeMs > RecordingFormat::MaximumTimeMs) {
        *error = QStringLiteral("a time or figure out of range");
        return false;
    }
    return true;
}

}
