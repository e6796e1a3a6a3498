#include "sysctl/sysctlentries.h"

// TIME-WAIT, its reuse by connect() and what feeds it. Facts from net/ipv4/tcp_ipv4.c
// (tcp_twsk_unique), tcp_minisocks.c (tcp_time_wait, tcp_timewait_state_process), tcp.c
// (tcp_close, tcp_fin_time), inet_hashtables.c (__inet_check_established, __inet_hash_connect),
// checked by measurement in private namespaces on 6.18.

namespace {
using Kind = SysctlEntry::Kind;
using Side = SysctlEntry::Side;
using Rule = SysctlEntry::DefaultRule;
}

std::vector<SysctlEntry> SysctlEntries::timeWait()
{
    return {
        {"net.ipv4.tcp_tw_reuse",
         Kind::Choice,
         0,
         2,
         {{0, QT_TRANSLATE_NOOP("SysctlCatalog", "off"),
           QT_TRANSLATE_NOOP("SysctlCatalog", "connect() never takes over a TIME-WAIT entry through this setting.")},
          {1, QT_TRANSLATE_NOOP("SysctlCatalog", "clients may reuse TIME-WAIT ports"),
           QT_TRANSLATE_NOOP("SysctlCatalog",
                             "An outgoing connect() may take over the 4-tuple of a TIME-WAIT entry once the entry is "
                             "older than the reuse delay, if the entry holds a record of a peer timestamp: received by the old "
                             "connection, or inherited by it when it took over an earlier entry. connect() "
                             "compares no timestamps itself: the new connection starts its sequence numbers above the old one's "
                             "and keeps the peer's last timestamp for PAWS.")},
          {2, QT_TRANSLATE_NOOP("SysctlCatalog", "as 1, loopback only"),
           QT_TRANSLATE_NOOP("SysctlCatalog",
                             "As 1, but only when the old connection's local or remote address is a loopback address "
                             "(127.0.0.0/8, ::1, ::ffff:127.0.0.0/104) or it was bound to lo. Traffic between containers over a "
                             "bridge or veth is not "
                             "loopback.")}},
         Rule::Fixed,
         "2",
         true,
         Side::Client,
         nullptr,
         QT_TRANSLATE_NOOP(
             "SysctlCatalog",
             "Lets a new outgoing connection take over the 4-tuple (local address and port, remote address "
             "and port) of an entry still in TIME-WAIT instead of waiting for it to expire. Only connect() consults "
             "it, when it picks a local port. It does not make TIME-WAIT shorter, and orphaned FIN-WAIT-2 entries "
             "are never taken over through it. Separately, a program that sets SO_REUSEADDR, bind()s the port of a "
             "TIME-WAIT entry whose socket also had SO_REUSEADDR, then connect()s, takes the entry over whatever "
             "tcp_tw_reuse and the delay say, provided the entry holds a record of a peer timestamp (otherwise connect() "
             "fails with EADDRNOTAVAIL); without SO_REUSEADDR on both, bind() fails with EADDRINUSE."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "Per network namespace. The value 2, and 2 as the default, came with kernel commit "
                           "79e9fed46038 (2018); before, the values were 0 and 1 and the default 0. The first release with it is "
                           "not confirmed here: the default shown is this kernel's own."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "A client or proxy that opens many short connections to one server and gets EADDRNOTAVAIL "
                           "from connect(): 1 helps when tcp_timestamps is on at both ends. Reusing connections (keep-alive, "
                           "pooling) helps more."),
         QT_TRANSLATE_NOOP(
             "SysctlCatalog",
             "No use on a server: accepted connections never go through this check. A server already accepts "
             "a new SYN onto a TIME-WAIT 4-tuple when its sequence number or timestamp is newer. Leave the default."),
         nullptr},

        {"net.ipv4.tcp_tw_reuse_delay",
         Kind::Integer,
         1,
         60000,
         {},
         Rule::Fixed,
         "1000",
         true,
         Side::Client,
         QT_TRANSLATE_NOOP("SysctlCatalog", "milliseconds"),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "How long an entry must have been in TIME-WAIT, in milliseconds since it entered it, before "
                           "tcp_tw_reuse lets connect() take over its 4-tuple."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "New in Linux 6.14. Before it, the delay was fixed and counted in whole seconds from the last "
                           "timestamped segment received: 0 to 1 s in practice, 1 to 2 s on older kernels."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "Keep 1000 unless you know why. Too short a delay risks PAWS failing to recognise old duplicate "
                           "segments of the previous connection, which the new one may then accept silently."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "No effect on a server, like tcp_tw_reuse."),
         nullptr},

        {"net.ipv4.tcp_fin_timeout",
         Kind::Integer,
         1,
         3600,
         {},
         Rule::Fixed,
         "60",
         true,
         Side::Both,
         QT_TRANSLATE_NOOP("SysctlCatalog", "seconds"),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "How long an orphaned connection (closed by this host, no longer held by any process) may wait "
                           "in FIN-WAIT-2 for the peer's FIN. Up to 60 s, the wait is this value. Above 60 s the kernel gives "
                           "2 × (value − 60) s: first as a full socket, then the same again as a timewait entry. The kernel uses "
                           "at least 3.5 × RTO, and a socket's own TCP_LINGER2 overrides the value. It is not the TIME-WAIT "
                           "length: TIME-WAIT lasts 60 s whatever this says. As a timewait entry, ss shows the connection as "
                           "FIN-WAIT-2 with a timewait timer, and it counts in sockstat tw and against tcp_max_tw_buckets."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Per network namespace."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "Lowering it (to 30, say) frees orphaned connections sooner when peers never close their side. "
                           "It does not shorten TIME-WAIT."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "Same as for clients: it bounds connections whose peer vanished after this host closed. It "
                           "does not shorten TIME-WAIT."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "The kernel also accepts 0, negative values and values above 3600; sockscope offers 1 to 3600.")},

        {"net.ipv4.tcp_max_tw_buckets",
         Kind::Integer,
         0,
         16777216,
         {},
         Rule::HalfEstablishedHash,
         nullptr,
         true,
         Side::Server,
         QT_TRANSLATE_NOOP("SysctlCatalog", "entries"),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "The most entries the namespace's timewait table may hold: TIME-WAIT and orphaned FIN-WAIT-2 "
                           "entries, IPv4 and IPv6 together (what /proc/net/sockstat shows as tw, not the TIME-WAIT rows alone). "
                           "When it is full, a closing connection gets no entry and is destroyed at once; TcpExt "
                           "TCPTimeWaitOverflow counts each such close (and each close whose entry could not be allocated). Each "
                           "entry is a small slab object (tw_sock_TCP, "
                           "tw_sock_TCPv6)."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "Per network namespace. Its default is half the size of the TCP established hash the "
                           "namespace uses."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "A low limit makes a client skip TIME-WAIT and reuse ports sooner, at the very risk TIME-WAIT "
                           "guards against: late segments of an old connection accepted by a new one. Prefer tcp_tw_reuse=1 or "
                           "connection reuse."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "A busy server that closes first (short HTTP connections) can sit at this limit; entries are "
                           "cheap. If TCPTimeWaitOverflow keeps rising and memory allows, raise it rather than live without "
                           "TIME-WAIT's protection."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "The kernel accepts any int, negative ones too; sockscope offers 0 to 16,777,216.")},

        {"net.ipv4.tcp_timestamps",
         Kind::Choice,
         0,
         2,
         {{0, QT_TRANSLATE_NOOP("SysctlCatalog", "off"),
           QT_TRANSLATE_NOOP("SysctlCatalog",
                             "Off: connections neither send timestamps nor record the peer's, so no PAWS, and connect() never "
                             "takes over an entry without a record of the peer's timestamp. A connection that takes over an "
                             "entry inherits its record and hands it on to its own entry, though: after a switch to 0, a client "
                             "that keeps reusing ports goes on doing so, without PAWS, until the entries expire unused.")},
          {1, QT_TRANSLATE_NOOP("SysctlCatalog", "on, with a random offset"),
           QT_TRANSLATE_NOOP("SysctlCatalog",
                             "On, with a random offset added to the timestamps (how it is chosen on this kernel is "
                             "measured below).")},
          {2, QT_TRANSLATE_NOOP("SysctlCatalog", "on, without an offset"),
           QT_TRANSLATE_NOOP("SysctlCatalog", "On, without the random offset.")}},
         Rule::Fixed,
         "1",
         true,
         Side::Both,
         nullptr,
         QT_TRANSLATE_NOOP(
             "SysctlCatalog",
             "The TCP timestamps option (RFC 7323): better round-trip estimates and PAWS, which rejects old "
             "duplicate segments. connect() takes over a TIME-WAIT entry only if the entry holds a record of a peer "
             "timestamp: the old connection received one, or inherited the record when it took over an earlier "
             "entry. With 0 from the start, no entry gets one."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "Per network namespace. How the random offset of 1 is chosen has changed between releases "
                           "and stable updates (per connection, per address pair, per connection again), so sockscope measures "
                           "what this kernel does instead of inferring it from the version."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "Keep 1: with 0 from the start, tcp_tw_reuse cannot take effect; switched to 0 under load, it goes "
                           "on taking over entries, without PAWS, until the entries expire unused."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "Keep 1. Turning timestamps off to 'fix' NAT problems was advice for tcp_tw_recycle, removed "
                           "in Linux 4.12."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "The kernel also accepts 3 to 255, which behave like 2 (no offset); sockscope offers 0 to 2.")},
    };
}

std::vector<SysctlEntry> SysctlEntries::timeWaitGuards()
{
    return {
        {"net.ipv4.tcp_rfc1337",
         Kind::Choice,
         0,
         1,
         {{0, QT_TRANSLATE_NOOP("SysctlCatalog", "an RST ends TIME-WAIT early"),
           QT_TRANSLATE_NOOP(
               "SysctlCatalog",
               "An RST with the expected sequence number ends a TIME-WAIT entry early (\"TIME-WAIT assassination\").")},
          {1, QT_TRANSLATE_NOOP("SysctlCatalog", "RSTs in TIME-WAIT are ignored"),
           QT_TRANSLATE_NOOP("SysctlCatalog", "RSTs received in TIME-WAIT are ignored, as RFC 1337 proposes.")}},
         Rule::Fixed,
         "0",
         true,
         Side::Both,
         nullptr,
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "What an RST does to a TIME-WAIT entry. With 0, an RST carrying exactly the expected sequence "
                           "number (and passing PAWS) ends TIME-WAIT before its 60 s "
                           "and with it the protection against old duplicates."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Per network namespace."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "1 keeps TIME-WAIT intact; it does not make TIME-WAIT shorter or longer."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "1 keeps TIME-WAIT intact; it does not make TIME-WAIT shorter or longer."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "The kernel also accepts 2 to 255; sockscope offers 0 and 1.")},

        {"net.ipv4.tcp_tw_recycle",
         Kind::Removed,
         0,
         0,
         {},
         Rule::Fixed,
         nullptr,
         true,
         Side::Both,
         nullptr,
         QT_TRANSLATE_NOOP(
             "SysctlCatalog",
             "Removed in Linux 4.12 (kernel commit 4396e46187ca). It cut TIME-WAIT to about 3.5 × RTO and "
             "made a listener drop SYNs whose timestamp was older than the last one seen from that remote host. "
             "Behind NAT, many clients share one address with unrelated timestamp clocks, so their SYNs were "
             "dropped and connections failed at random; once timestamps got random offsets, it broke for everyone."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "Removed in Linux 4.12. sockscope reads whether this kernel still has the file (see below)."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "Gone. For port exhaustion use tcp_tw_reuse=1, a wider ip_local_port_range, or connection reuse."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Gone. A server's TIME-WAIT is harmless; size tcp_max_tw_buckets instead."),
         nullptr},
    };
}
