#include "sysctlcatalog.h"

#include <limits>

namespace {

using Kind = SysctlEntry::Kind;
using Side = SysctlEntry::Side;
using Rule = SysctlEntry::DefaultRule;
constexpr qint64 IntMax = std::numeric_limits<int>::max();

std::vector<SysctlEntry> build()
{
    return {
        {"net.ipv4.tcp_tw_reuse", Kind::Choice, 0, 2,
         {{0, QT_TRANSLATE_NOOP("SysctlCatalog", "Never hand a TIME-WAIT 4-tuple to a new connection.")},
          {1, QT_TRANSLATE_NOOP("SysctlCatalog", "An outgoing connect() may take over the 4-tuple of a TIME-WAIT entry older than the reuse "
                "delay, when TCP timestamps show the new connection's segments are newer.")},
          {2, QT_TRANSLATE_NOOP("SysctlCatalog", "As 1, but only for loopback traffic (127.0.0.0/8, ::1, or sockets bound to lo).")}},
         Rule::Fixed, "2", true, Side::Client, nullptr,
         QT_TRANSLATE_NOOP("SysctlCatalog", "Lets a new outgoing connection reuse the 4-tuple (local address and port, remote address and port) "
           "of a connection still in TIME-WAIT instead of waiting for the entry to expire. Only connect() "
           "consults it, when it looks for a free local port; it needs timestamps seen on the old connection. "
           "It does not make TIME-WAIT shorter."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Per network namespace since Linux 4.11. The value 2 and the default of 2 came with kernel commit "
           "79e9fed46038 (2018); before that it was 0 or 1, default 0."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "A client or proxy that opens many short connections to the same server and gets EADDRNOTAVAIL "
           "from connect(): set 1 (with tcp_timestamps on at both ends). Reusing connections (keep-alive, "
           "pooling) is better still."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "No use on a server: accepted connections never go through this check. A server already accepts a "
           "new SYN on a TIME-WAIT 4-tuple when its sequence number or timestamp is newer. Leave the default.")},

        {"net.ipv4.tcp_tw_reuse_delay", Kind::Integer, 1, 60000, {}, Rule::Fixed, "1000", true, Side::Client,
         QT_TRANSLATE_NOOP("SysctlCatalog", "milliseconds"),
         QT_TRANSLATE_NOOP("SysctlCatalog", "How long an entry must have been in TIME-WAIT before tcp_tw_reuse may give its 4-tuple to a new "
           "connection."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "New in Linux 6.14. Before, the delay was a fixed second compared in whole seconds, so between 0 and "
           "1 s in practice."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Keep 1000 unless you know the peers' timestamp clock: a delay shorter than the peer's timestamp tick "
           "can make the peer's PAWS check drop the new connection's segments."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "No effect on a server, like tcp_tw_reuse.")},

        {"net.ipv4.tcp_fin_timeout", Kind::Integer, 1, 3600, {}, Rule::Fixed, "60", true, Side::Both, QT_TRANSLATE_NOOP("SysctlCatalog", "seconds"),
         QT_TRANSLATE_NOOP("SysctlCatalog", "How long an orphaned connection (closed by this host and no longer held by any process) may wait in "
           "FIN-WAIT-2 for the peer's FIN. It is not the TIME-WAIT length: TIME-WAIT lasts 60 s whatever this "
           "says."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Per network namespace. With 60 s or less, an orphaned FIN-WAIT-2 connection is moved into the "
           "TIME-WAIT table as a small entry, which is why it shows with a TIME-WAIT timer."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Lowering it (to 30, say) frees resources sooner when peers never close their side. It does not "
           "reduce TIME-WAIT."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Same as for clients: it bounds connections whose peer vanished after this host closed. It does not "
           "reduce TIME-WAIT.")},

        {"net.ipv4.tcp_max_tw_buckets", Kind::Integer, 0, 16777216, {}, Rule::HalfEstablishedHash, nullptr, true,
         Side::Server, QT_TRANSLATE_NOOP("SysctlCatalog", "entries"),
         QT_TRANSLATE_NOOP("SysctlCatalog", "The most TIME-WAIT entries the namespace may hold. When it is full, a closing connection skips "
           "TIME-WAIT and is destroyed at once; TcpExt TCPTimeWaitOverflow counts each such close (older "
           "kernels logged \"TCP: time wait bucket table overflow\"). Each entry takes about 256 bytes of slab "
           "(tw_sock_TCP)."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Per network namespace since Linux 4.11."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "A low limit makes a client skip TIME-WAIT and reuse ports sooner, at the very risk TIME-WAIT "
           "guards against: late segments of an old connection accepted by a new one. Prefer tcp_tw_reuse=1 or "
           "connection reuse."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "A busy server that closes first (short HTTP connections) can sit at this limit; entries are cheap "
           "(262,144 take about 64 MiB). If TCPTimeWaitOverflow keeps rising and memory allows, raise it rather "
           "than live without TIME-WAIT's protection.")},

        {"net.ipv4.tcp_timestamps", Kind::Choice, 0, 2,
         {{0, QT_TRANSLATE_NOOP("SysctlCatalog", "Off: no timestamps, so no PAWS protection and no tcp_tw_reuse.")},
          {1, QT_TRANSLATE_NOOP("SysctlCatalog", "On, with a random offset per connection (RFC 7323 timestamps).")},
          {2, QT_TRANSLATE_NOOP("SysctlCatalog", "On, without the random offset.")}},
         Rule::Fixed, "1", true, Side::Both, nullptr,
         QT_TRANSLATE_NOOP("SysctlCatalog", "The TCP timestamps option: better round-trip estimates and PAWS, which rejects old segments once "
           "sequence numbers wrap. tcp_tw_reuse depends on it. The kernel also accepts 3 to 255 (treated as 2); "
           "sockscope offers 0 to 2."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Per network namespace. The value 2 since Linux 4.10, when random per-connection offsets became the "
           "default (which is what finally broke tcp_tw_recycle)."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Keep 1: turning timestamps off disables tcp_tw_reuse."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Keep 1. Turning them off to 'fix' NAT problems was advice for tcp_tw_recycle, which no longer "
           "exists.")},

        {"net.ipv4.ip_local_port_range", Kind::PortRange, 1, 65535, {}, Rule::Fixed, "32768 60999", true,
         Side::Client, nullptr,
         QT_TRANSLATE_NOOP("SysctlCatalog", "The local ports the kernel picks for connect() and for bind() to port 0. Each (local address, remote "
           "address, remote port) can use each of them once at a time, TIME-WAIT included. The low end must not "
           "be below ip_unprivileged_port_start; the kernel prefers the two ends to differ in parity (it splits "
           "the range between connect() and bind())."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Per network namespace. The upper end is 60999 since Linux 4.2 (61000 before)."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "A client making many connections to one server can hold at most high − low + 1 of them, TIME-WAIT "
           "included. Widen the range (10000 65000, say, with the ports your services listen on listed in "
           "ip_local_reserved_ports), add source addresses, reuse connections, or use IP_BIND_ADDRESS_NO_PORT."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "No effect on accepted connections: they use the listening port. Keep service ports outside the "
           "range or reserve them.")},

        {"net.ipv4.ip_local_reserved_ports", Kind::PortList, 1, 65535, {}, Rule::Fixed, "", true, Side::Server,
         nullptr,
         QT_TRANSLATE_NOOP("SysctlCatalog", "Ports the kernel never picks automatically (connect(), bind() to port 0), so a service can always "
           "bind them even when they lie inside ip_local_port_range. A list such as 8080,9000-9010."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Per network namespace."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Reserve the ports your own services listen on before widening ip_local_port_range over them."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "List the ports your services must always be able to bind.")},

        {"net.ipv4.tcp_max_orphans", Kind::Integer, 0, 16777216, {}, Rule::HalfEstablishedHash, nullptr, false,
         Side::Server, QT_TRANSLATE_NOOP("SysctlCatalog", "sockets"),
         QT_TRANSLATE_NOOP("SysctlCatalog", "The most orphaned TCP sockets (closed by the application, still finishing the close in the kernel: "
           "FIN-WAIT-1, FIN-WAIT-2, CLOSING, LAST-ACK) the host keeps. Past it, orphans are reset at once and the kernel "
           "logs \"too many orphaned sockets\". TIME-WAIT entries are not orphans."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Global, not per namespace: only the host's initial namespace has this file."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Rarely matters on a client."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Raise it only with memory to spare and when the log shows orphan warnings.")},

        {"net.ipv4.tcp_orphan_retries", Kind::Integer, 0, 255, {}, Rule::Fixed, "0", true, Side::Server,
         QT_TRANSLATE_NOOP("SysctlCatalog", "retransmissions"),
         QT_TRANSLATE_NOOP("SysctlCatalog", "How many times to retransmit to a peer that stopped answering before an orphaned connection is "
           "killed. 0 means the kernel's own default of 8."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Per network namespace."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Rarely matters on a client."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "A busy web server may lower it (2 to 4) to drop connections to vanished clients sooner.")},

        {"net.ipv4.tcp_syncookies", Kind::Choice, 0, 2,
         {{0, QT_TRANSLATE_NOOP("SysctlCatalog", "Off.")},
          {1, QT_TRANSLATE_NOOP("SysctlCatalog", "Send syncookies when a listener's SYN backlog overflows.")},
          {2, QT_TRANSLATE_NOOP("SysctlCatalog", "Always send syncookies (for testing).")}},
         Rule::Fixed, "1", true, Side::Server, nullptr,
         QT_TRANSLATE_NOOP("SysctlCatalog", "SYN-flood protection: when the SYN backlog is full, answer a SYN with a cookie instead of keeping a "
           "request socket, so legitimate clients still get in."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Per network namespace. The value 2 since Linux 3.12."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "No effect on a client."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Keep 1. TcpExt SyncookiesSent shows when it is in use.")},

        {"net.ipv4.tcp_max_syn_backlog", Kind::Integer, 1, 16777216, {}, Rule::SynBacklogFromHash, nullptr, true,
         Side::Server, QT_TRANSLATE_NOOP("SysctlCatalog", "half-open connections"),
         QT_TRANSLATE_NOOP("SysctlCatalog", "The most half-open connections (request sockets, shown as NEW-SYN-RECV) a listener keeps while "
           "waiting for the client's ACK; past it, syncookies take over or SYNs are dropped."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Per network namespace since Linux 4.11. Its default scales with the TCP established-hash size."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "No effect on a client."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Raise it on servers accepting many connections per second, together with net.core.somaxconn and "
           "the application's listen() backlog.")},

        {"net.core.somaxconn", Kind::Integer, 1, IntMax, {}, Rule::Fixed, "4096", true, Side::Server,
         QT_TRANSLATE_NOOP("SysctlCatalog", "connections"),
         QT_TRANSLATE_NOOP("SysctlCatalog", "The cap on the accept queue: the backlog a program passes to listen() is cut to this."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Per network namespace. The default is 4096 since Linux 5.4 (128 before)."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "No effect on a client."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Raise it together with the server's own listen() backlog when TcpExt ListenOverflows rises.")},

        {"net.ipv4.tcp_rfc1337", Kind::Choice, 0, 1,
         {{0, QT_TRANSLATE_NOOP("SysctlCatalog", "An RST received in TIME-WAIT ends the entry early (\"TIME-WAIT assassination\").")},
          {1, QT_TRANSLATE_NOOP("SysctlCatalog", "RSTs in TIME-WAIT are ignored, as RFC 1337 proposes.")}},
         Rule::Fixed, "0", true, Side::Both, nullptr,
         QT_TRANSLATE_NOOP("SysctlCatalog", "What an RST does to a TIME-WAIT entry. With 0, a stray RST can end TIME-WAIT before its 60 s and "
           "with it the protection against old duplicates."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Per network namespace."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "1 keeps TIME-WAIT intact; it does not make TIME-WAIT shorter or longer."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "1 keeps TIME-WAIT intact; it does not make TIME-WAIT shorter or longer.")},

        {"net.ipv4.tcp_tw_recycle", Kind::Removed, 0, 0, {}, Rule::Fixed, nullptr, true, Side::Both, nullptr,
         QT_TRANSLATE_NOOP("SysctlCatalog", "Removed in Linux 4.12 (kernel commit 4396e46187ca). It cut TIME-WAIT to about 3.5 × RTO by "
           "remembering the last timestamp seen from each remote host and dropping SYNs with older ones. Behind "
           "NAT, many clients share one address with unrelated timestamp clocks, so their SYNs were dropped "
           "and connections failed at random. Once Linux 4.10 gave each connection a random timestamp offset, "
           "it broke for everyone, and it was removed."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Removed in Linux 4.12. On this kernel the file does not exist; setting it fails."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Gone. For port exhaustion use tcp_tw_reuse=1, a wider ip_local_port_range, or connection reuse."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Gone. A server's TIME-WAIT is harmless; size tcp_max_tw_buckets instead.")},
    };
}

}

bool SysctlEntry::mayBeAbsent() const
{
    // tcp_tw_reuse_delay is new in 6.14; tcp_max_orphans exists only in the initial namespace.
    return qstrcmp(name, "net.ipv4.tcp_tw_reuse_delay") == 0 || qstrcmp(name, "net.ipv4.tcp_max_orphans") == 0;
}

QString SysctlCatalog::absentText(const SysctlEntry *entry)
{
    if (entry && !entry->perNamespace)
        return tr("not in this namespace: it is global, only the host's namespace has it");
    return tr("not present on this kernel");
}

QString SysctlCatalog::absentShortText(const SysctlEntry *entry)
{
    if (entry && !entry->perNamespace)
        return tr("host's only");
    return tr("not present");
}

const std::vector<SysctlEntry> &SysctlCatalog::entries()
{
    static const std::vector<SysctlEntry> catalog = build();
    return catalog;
}

const SysctlEntry *SysctlCatalog::find(const QString &name)
{
    for (const SysctlEntry &entry : entries()) {
        if (name == QLatin1String(entry.name))
            return &entry;
    }
    return nullptr;
}

QStringList SysctlCatalog::readableNames()
{
    QStringList names;
    for (const SysctlEntry &entry : entries()) {
        if (entry.kind != SysctlEntry::Kind::Removed)
            names << entry.key();
    }
    return names;
}

QString SysctlCatalog::text(const char *source)
{
    return source ? QCoreApplication::translate("SysctlCatalog", source) : QString();
}

QString SysctlCatalog::sideText(SysctlEntry::Side side)
{
    switch (side) {
    case SysctlEntry::Side::Client: return tr("client");
    case SysctlEntry::Side::Server: return tr("server");
    case SysctlEntry::Side::Both: return tr("client and server");
    }
    return QString();
}

QString SysctlCatalog::defaultValue(const SysctlEntry &entry, qint64 establishedHash)
{
    switch (entry.defaultRule) {
    case SysctlEntry::DefaultRule::Fixed: return QLatin1String(entry.fixedDefault ? entry.fixedDefault : "");
    case SysctlEntry::DefaultRule::HalfEstablishedHash:
        return establishedHash > 0 ? QString::number(establishedHash / 2) : QString();
    case SysctlEntry::DefaultRule::SynBacklogFromHash:
        return establishedHash > 0 ? QString::number(qMax<qint64>(128, establishedHash / 128)) : QString();
    }
    return QString();
}

QString SysctlCatalog::defaultExplanation(const SysctlEntry &entry)
{
    switch (entry.defaultRule) {
    case SysctlEntry::DefaultRule::Fixed: return QString();
    case SysctlEntry::DefaultRule::HalfEstablishedHash: return tr("half the TCP established-hash size");
    case SysctlEntry::DefaultRule::SynBacklogFromHash:
        return tr("the TCP established-hash size / 128, at least 128");
    }
    return QString();
}
