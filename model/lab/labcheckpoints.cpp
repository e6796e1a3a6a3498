#include "lab/labcheckpoints.h"

#include <QLocale>

#include <functional>

namespace {

struct Texts
{
    Q_DECLARE_TR_FUNCTIONS(LabCheckpoints)
};

constexpr std::uint16_t ServerPort = 8080;

qint64 rows(const LabMoment &moment, const std::function<bool(const SocketRecord &)> &match)
{
    qint64 count = 0;
    for (const SocketRecord &socket : moment.snapshot->sockets)
        count += match(socket) ? 1 : 0;
    return count;
}

qint64 inState(const LabMoment &moment, TcpState state)
{
    return rows(moment, [state](const SocketRecord &s) { return s.state == state; });
}

// TIME-WAIT rows with port 8080 as their local port (the server's side) or remote port (the client's).
qint64 timeWaitOnServerPort(const LabMoment &moment, bool remote)
{
    return rows(moment, [remote](const SocketRecord &s) {
        return s.state == TcpState::TimeWait && (remote ? s.remotePort : s.localPort) == ServerPort;
    });
}

// The most ephemeral ports held towards port 8080 by one (local address, remote address) pair.
qint64 portsTowardsServer(const LabMoment &moment)
{
    qint64 most = 0;
    for (const PortPressure &tuple : moment.snapshot->portPressure)
        if (tuple.remotePort == ServerPort)
            most = qMax<qint64>(most, tuple.inUse);
    return most;
}

qint64 counterDelta(const LabMoment &older, const LabMoment &newest, TcpCounter counter)
{
    return qMax<qint64>(0, newest.snapshot->counters.value(counter) - older.snapshot->counters.value(counter));
}

qint64 sysctl(const LabMoment &moment, const char *name, qint64 otherwise = -1)
{
    const SysctlReading *reading = moment.snapshot->sysctl(name);
    bool ok = false;
    const qint64 value = reading ? QString::fromStdString(reading->value).toLongLong(&ok) : 0;
    return ok ? value : otherwise;
}

QString number(qint64 value)
{
    return QLocale().toString(value);
}

QString seconds(const LabMoment &older, const LabMoment &newest)
{
    return QLocale().toString(double(newest.snapshot->wallTimeMs - older.snapshot->wallTimeMs) / 1000.0, 'f', 0);
}

// Builds one result; a Change checkpoint applies only when `settingsHeld` (over both moments).
struct Checks
{
    const LabMoment &older;
    const LabMoment &newest;
    std::vector<LabCheckpointResult> results;

    LabCheckpointResult &watch(const char *id, bool held, const QString &text)
    {
        LabCheckpointResult result;
        result.id = QString::fromLatin1(id);
        result.state = held ? LabCheckpointResult::State::Held : LabCheckpointResult::State::NotHeld;
        result.text = text;
        results.push_back(result);
        return results.back();
    }
    // `claim`: what it will check, without figures, shown until the change has held.
    LabCheckpointResult &change(const char *id, const std::function<bool(const LabMoment &)> &settings, const QString &condition,
                                const QString &claim, bool held, const QString &text)
    {
        LabCheckpointResult &result = watch(id, held, text);
        result.phase = LabCheckpointResult::Phase::Change;
        result.condition = condition;
        result.changeMade = settings(newest);
        if (!settings(older) || !result.changeMade) {
            result.state = LabCheckpointResult::State::NotApplicable;
            result.text = claim;
        }
        return result;
    }
};

bool loadIs(const LabMoment &moment, const char *key, const char *value)
{
    return moment.figures.loadValue(QString::fromLatin1(key)) == QLatin1String(value);
}

// Timewait-table entries made over the window. TW and TWKilled count an entry once, as it is made
// (__inet_twsk_schedule), by its first timeout (TWKilled: 4 s or less); a server's TIME-WAIT
// usually starts as an orphaned FIN-WAIT-2 entry, so either counter may hold it.
qint64 entriesMade(const LabMoment &older, const LabMoment &newest)
{
    return counterDelta(older, newest, TcpCounter::TimeWaitEntered) + counterDelta(older, newest, TcpCounter::TimeWaitKilled);
}

// No new timewait entries over the window: what keep-alive (connection pooling) does.
void keepAliveChange(Checks &checks)
{
    const qint64 made = entriesMade(checks.older, checks.newest);
    checks
        .change(
            "keepalive-no-new-time-wait", [](const LabMoment &m) { return loadIs(m, "keepalive", "on"); },
            Texts::tr("keep-alive on"), Texts::tr("With keep-alive no new timewait entries are made (TcpExt TW + TWKilled stay)"),
            made == 0,
            Texts::tr("With keep-alive no new timewait entries: TcpExt TW + TWKilled rose by %1 in the last %2 s")
                .arg(number(made), seconds(checks.older, checks.newest)))
        .figures = {{QStringLiteral("tw_entries_made"), made}};
}

void serverCloses(Checks &checks)
{
    const LabMoment &now = checks.newest;
    const qint64 local = timeWaitOnServerPort(now, false), remote = timeWaitOnServerPort(now, true);
    checks
        .watch("time-wait-on-server-port", local > 0 && remote == 0,
               Texts::tr("TIME-WAIT is on local port 8080 (%1) and none on the client side (%2 towards port 8080)")
                   .arg(number(local), number(remote)))
        .figures = {{QStringLiteral("time_wait_local_8080"), local}, {QStringLiteral("time_wait_remote_8080"), remote}};
    const qint64 made = entriesMade(checks.older, now);
    checks
        .watch("new-time-wait", made > 0,
               Texts::tr("New timewait entries keep being made: TcpExt TW + TWKilled rose by %1 in the last %2 s")
                   .arg(number(made), seconds(checks.older, now)))
        .figures = {{QStringLiteral("tw_entries_made"), made}};
    keepAliveChange(checks);
}

void clientCloses(Checks &checks)
{
    const LabMoment &now = checks.newest;
    const qint64 local = timeWaitOnServerPort(now, false), remote = timeWaitOnServerPort(now, true);
    checks
        .watch("time-wait-on-client-side", remote > 0 && local == 0,
               Texts::tr("TIME-WAIT is on the client side, towards port 8080 (%1), and none on local port 8080 (%2)")
                   .arg(number(remote), number(local)))
        .figures = {{QStringLiteral("time_wait_remote_8080"), remote}, {QStringLiteral("time_wait_local_8080"), local}};
    const qint64 before = portsTowardsServer(checks.older), after = portsTowardsServer(now);
    checks
        .watch("port-pressure-climbs", after > before,
               Texts::tr("Ephemeral ports held towards port 8080 climb: %1 → %2 of %3 in the last %4 s")
                   .arg(number(before), number(after), number(now.snapshot->ephemeralRange.size()), seconds(checks.older, now)))
        .figures = {{QStringLiteral("ports_in_use_before"), before},
                    {QStringLiteral("ports_in_use"), after},
                    {QStringLiteral("range_size"), now.snapshot->ephemeralRange.size()}};
    keepAliveChange(checks);
}

void portExhaustion(Checks &checks)
{
    const LabMoment &now = checks.newest;
    const qint64 inUse = portsTowardsServer(now);
    const qint64 range = now.snapshot->ephemeralRange.size();
    checks
        .watch("range-full", range > 0 && inUse >= range,
               Texts::tr("Every port of ip_local_port_range is held towards 10.77.0.1:8080: %1 of %2")
                   .arg(number(inUse), number(range)))
        .figures = {{QStringLiteral("ports_in_use"), inUse}, {QStringLiteral("range_size"), range}};
    const QString name = QStringLiteral("EADDRNOTAVAIL");
    const qint64 failed = qMax<qint64>(0, now.figures.connectErrors.value(name) - checks.older.figures.connectErrors.value(name));
    checks
        .watch("connect-fails", failed > 0,
               Texts::tr("connect() fails with EADDRNOTAVAIL: %1 times in the last %2 s")
                   .arg(number(failed), seconds(checks.older, now)))
        .figures = {{QStringLiteral("eaddrnotavail"), failed},
                    {QStringLiteral("eaddrnotavail_total"), now.figures.connectErrors.value(name)}};
    const qint64 recycled = counterDelta(checks.older, now, TcpCounter::TimeWaitRecycled);
    checks
        .change(
            "reuse-ends-failures",
            [](const LabMoment &m) {
                return loadIs(m, "running", "on") && sysctl(m, "net.ipv4.tcp_tw_reuse") == 1
                    && sysctl(m, "net.ipv4.tcp_timestamps") != 0;
            },
            Texts::tr("tcp_tw_reuse = 1, timestamps on"),
            Texts::tr("With tcp_tw_reuse = 1 connect() no longer fails and TWRecycled rises"), failed == 0 && recycled > 0,
            Texts::tr("With tcp_tw_reuse = 1 no connect() failed (%1) and TIME-WAIT entries were taken over "
                      "(TWRecycled +%2) in the last %3 s")
                .arg(number(failed), number(recycled), seconds(checks.older, now)))
        .figures = {{QStringLiteral("eaddrnotavail"), failed}, {QStringLiteral("tw_recycled"), recycled}};
    // tcp_timestamps = 0 on a running lab: tcp_twsk_unique() lets connect() take over an entry that
    // recorded the peer's timestamp and copies that record into the new connection; tcp_time_wait()
    // hands it to the connection's own entry. So reuse goes on, without timestamps and without
    // PAWS, for as long as every port is reused before its entry expires.
    const qint64 connected = qMax<qint64>(0, now.figures.connected - checks.older.figures.connected);
    const qint64 stamped = qMax<qint64>(0, now.figures.connectedWithTimestamps - checks.older.figures.connectedWithTimestamps);
    checks
        .change(
            "reuse-goes-on-without-timestamps",
            [](const LabMoment &m) {
                return loadIs(m, "running", "on") && sysctl(m, "net.ipv4.tcp_tw_reuse") == 1
                    && sysctl(m, "net.ipv4.tcp_timestamps") == 0 && !m.timestampRecordsGone;
            },
            Texts::tr("tcp_tw_reuse = 1, then tcp_timestamps = 0 with the load running"),
            Texts::tr("Reuse goes on without timestamps: no connect() fails, TWRecycled rises, new connections "
                      "carry no timestamps"),
            failed == 0 && recycled > 0 && connected > 0 && stamped == 0,
            Texts::tr("Reuse goes on without timestamps: no connect() failed (%1), TWRecycled +%2, %3 of %4 new "
                      "connections carried timestamps in the last %5 s")
                .arg(number(failed), number(recycled), number(stamped), number(connected), seconds(checks.older, now)))
        .figures = {{QStringLiteral("eaddrnotavail"), failed},
                    {QStringLiteral("tw_recycled"), recycled},
                    {QStringLiteral("connected"), connected},
                    {QStringLiteral("connected_with_timestamps"), stamped}};
    checks
        .change(
            "failures-return-after-expiry",
            [](const LabMoment &m) {
                return loadIs(m, "running", "on") && sysctl(m, "net.ipv4.tcp_tw_reuse") == 1 && m.timestampRecordsGone;
            },
            Texts::tr("tcp_timestamps = 0 since the lab started, or since its TIME-WAIT entries expired"),
            Texts::tr("Once no entry carries a timestamp record, connect() fails again and TWRecycled stays"),
            failed > 0 && recycled == 0,
            Texts::tr("No entry carries a timestamp record: connect() failed with EADDRNOTAVAIL %1 times and "
                      "TWRecycled rose by %2 in the last %3 s")
                .arg(number(failed), number(recycled), seconds(checks.older, now)))
        .figures = {{QStringLiteral("eaddrnotavail"), failed}, {QStringLiteral("tw_recycled"), recycled}};
}

void tableOverflow(Checks &checks)
{
    const LabMoment &now = checks.newest;
    const qint64 limit = now.snapshot->maxTimeWaitBuckets();
    const qint64 tw = now.snapshot->sockstat.tcpTimeWait;
    checks
        .watch("time-wait-at-limit", limit > 0 && tw <= limit && tw >= limit - qMax<qint64>(2, limit / 10),
               Texts::tr("TIME-WAIT stays at tcp_max_tw_buckets: sockstat tw %1, limit %2").arg(number(tw), number(limit)))
        .figures = {{QStringLiteral("sockstat_tw"), tw}, {QStringLiteral("max_tw_buckets"), limit}};
    const qint64 overflow = counterDelta(checks.older, now, TcpCounter::TimeWaitOverflow);
    checks
        .watch("overflow-rises", overflow > 0,
               Texts::tr("TCPTimeWaitOverflow rose by %1 in the last %2 s: closes that skipped TIME-WAIT")
                   .arg(number(overflow), seconds(checks.older, now)))
        .figures = {{QStringLiteral("tw_overflow"), overflow}};
    checks
        .change(
            "large-table-no-overflow", [](const LabMoment &m) { return m.snapshot->maxTimeWaitBuckets() >= 10000; },
            Texts::tr("tcp_max_tw_buckets ≥ 10,000"), Texts::tr("With a large table no close skips TIME-WAIT"), overflow == 0,
            Texts::tr("With a large table no close skips TIME-WAIT: TCPTimeWaitOverflow +%1 in the last %2 s")
                .arg(number(overflow), seconds(checks.older, now)))
        .figures = {{QStringLiteral("tw_overflow"), overflow}};
}

void finWait2(Checks &checks, qint64 elapsedMs)
{
    const LabMoment &now = checks.newest;
    const qint64 orphans =
        rows(now, [](const SocketRecord &s) { return s.state == TcpState::FinWait2 && s.timer == SocketTimer::TimeWait; });
    const qint64 closeWait = inState(now, TcpState::CloseWait);
    checks
        .watch("orphaned-fin-wait-2", orphans > 0 && closeWait > 0,
               Texts::tr("Orphaned FIN-WAIT-2 on the client side: %1; the server, which never closes, holds %2 in CLOSE-WAIT")
                   .arg(number(orphans), number(closeWait)))
        .figures = {{QStringLiteral("fin_wait_2"), orphans}, {QStringLiteral("close_wait"), closeWait}};
    const qint64 timeWait = inState(now, TcpState::TimeWait);
    const qint64 tw = now.snapshot->sockstat.tcpTimeWait;
    // sockstat and the dump are read a moment apart: a few entries may come or go in between.
    const qint64 slack = qMax<qint64>(3, (orphans + timeWait) / 10);
    checks
        .watch("counted-in-tw", orphans > 0 && qAbs(tw - (orphans + timeWait)) <= slack,
               Texts::tr("They sit in the TIME-WAIT table: sockstat tw %1 = TIME-WAIT %2 + FIN-WAIT-2 %3")
                   .arg(number(tw), number(timeWait), number(orphans)))
        .figures = {
        {QStringLiteral("sockstat_tw"), tw}, {QStringLiteral("time_wait"), timeWait}, {QStringLiteral("fin_wait_2"), orphans}};
    const qint64 timeout = sysctl(now, "net.ipv4.tcp_fin_timeout", 60);
    const qint64 rate = now.figures.loadValue(QStringLiteral("rate")).toLongLong();
    const qint64 most = rate * (timeout + 1) + 5;
    LabCheckpointResult &leave = checks.watch(
        "leave-after-fin-timeout", orphans <= most,
        Texts::tr("They go after tcp_fin_timeout (%1 s): FIN-WAIT-2 levels off at about %2 a second × %1 s (now %3, at most %4)")
            .arg(number(timeout), number(rate), number(orphans), number(most)));
    leave.figures = {
        {QStringLiteral("fin_timeout_s"), timeout}, {QStringLiteral("fin_wait_2"), orphans}, {QStringLiteral("at_most"), most}};
    if (elapsedMs < (timeout + 1) * 1000)
        leave.state = LabCheckpointResult::State::Waiting; // not gone yet: they cannot have left
    const qint64 limit = now.snapshot->maxTimeWaitBuckets();
    const qint64 overflow = counterDelta(checks.older, now, TcpCounter::TimeWaitOverflow);
    checks
        .change(
            "small-table-caps-fin-wait-2", [](const LabMoment &m) { return m.snapshot->maxTimeWaitBuckets() <= 100; },
            Texts::tr("tcp_max_tw_buckets ≤ 100"),
            Texts::tr("FIN-WAIT-2 stops at tcp_max_tw_buckets and TCPTimeWaitOverflow rises"),
            orphans + timeWait <= limit && overflow > 0,
            Texts::tr("They count against tcp_max_tw_buckets: FIN-WAIT-2 %1 with limit %2, TCPTimeWaitOverflow +%3")
                .arg(number(orphans), number(limit), number(overflow)))
        .figures = {{QStringLiteral("fin_wait_2"), orphans},
                    {QStringLiteral("max_tw_buckets"), limit},
                    {QStringLiteral("tw_overflow"), overflow}};
}

void listenQueue(Checks &checks)
{
    const LabMoment &now = checks.newest;
    qint64 queued = -1, limit = -1;
    for (const SocketRecord &s : now.snapshot->sockets) {
        if (s.state == TcpState::Listen && s.localPort == ServerPort) {
            queued = s.receiveQueue; // sk_ack_backlog for a listener
            limit = s.sendQueue; // sk_max_ack_backlog
        }
    }
    // sk_acceptq_is_full() is ack_backlog > max_ack_backlog: at the limit one more handshake is still
    // queued (two when they complete at once), so a sample may find it at the limit or just above.
    checks
        .watch("accept-queue-full", limit >= 0 && queued >= limit,
               Texts::tr("The accept queue has filled: the listener on 8080 holds %1 connections not yet accepted "
                         "against its limit of %2 (the kernel queues one more before it drops)")
                   .arg(number(queued), number(limit)))
        .figures = {{QStringLiteral("recv_q"), queued}, {QStringLiteral("send_q"), limit}};
    const qint64 backlog = now.figures.loadValue(QStringLiteral("backlog")).toLongLong();
    const qint64 somaxconn = sysctl(now, "net.core.somaxconn");
    checks
        .watch(
            "limit-is-min", limit == qMin(backlog, somaxconn),
            Texts::tr("Its limit is min(backlog %1, somaxconn %2) = %3").arg(number(backlog), number(somaxconn), number(limit)))
        .figures = {
        {QStringLiteral("backlog"), backlog}, {QStringLiteral("somaxconn"), somaxconn}, {QStringLiteral("send_q"), limit}};
    const qint64 overflows = counterDelta(checks.older, now, TcpCounter::ListenOverflows);
    checks
        .watch("syns-dropped", overflows > 0,
               Texts::tr("Connections the queue had no room for are dropped: ListenOverflows +%1 in the last %2 s")
                   .arg(number(overflows), seconds(checks.older, now)))
        .figures = {{QStringLiteral("listen_overflows"), overflows}};
    const qint64 waiting = inState(now, TcpState::SynSent);
    checks.watch("clients-wait", waiting > 0, Texts::tr("Clients wait in SYN-SENT and retry: %1").arg(number(waiting)))
        .figures = {{QStringLiteral("syn_sent"), waiting}};
    checks
        .change(
            "somaxconn-caps",
            [](const LabMoment &m) {
                return sysctl(m, "net.core.somaxconn") < m.figures.loadValue(QStringLiteral("backlog")).toLongLong();
            },
            Texts::tr("somaxconn below the backlog"), Texts::tr("The listener's limit becomes somaxconn"), limit == somaxconn,
            Texts::tr("somaxconn %1 caps the queue: the listener's limit is now %2").arg(number(somaxconn), number(limit)))
        .figures = {{QStringLiteral("somaxconn"), somaxconn}, {QStringLiteral("send_q"), limit}};
}

}

bool LabCheckpoints::timestampRecordsGone(const LabMoment *previous, const LabMoment &moment)
{
    if (sysctl(moment, "net.ipv4.tcp_timestamps", 1) != 0)
        return false;
    // Off from the lab's first moment: the lab's sysctls are set before its load starts.
    if (!previous || previous->timestampRecordsGone)
        return true;
    // No client socket towards the server left (the load paused past TIME-WAIT's 60 s): the
    // records that passed from connection to connection are gone with the entries.
    return rows(moment, [](const SocketRecord &s) { return s.remotePort == ServerPort; }) == 0;
}

std::vector<LabCheckpointResult> LabCheckpoints::evaluate(LabScenario::Id scenario, const LabMoment &older,
                                                          const LabMoment &newest, qint64 elapsedMs)
{
    Checks checks {older, newest, {}};
    switch (scenario) {
    case LabScenario::Id::ServerCloses: serverCloses(checks); break;
    case LabScenario::Id::ClientCloses: clientCloses(checks); break;
    case LabScenario::Id::PortExhaustion: portExhaustion(checks); break;
    case LabScenario::Id::TableOverflow: tableOverflow(checks); break;
    case LabScenario::Id::FinWait2: finWait2(checks, elapsedMs); break;
    case LabScenario::Id::ListenQueue: listenQueue(checks); break;
    }
    return checks.results;
}
