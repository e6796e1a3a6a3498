#include "sysctl/sysctlentries.h"

#include <limits>

// Local ports, orphans and the listen queues. Facts from net/ipv4/inet_hashtables.c
// (__inet_hash_connect), sysctl_net_ipv4.c (ipv4_local_port_range), tcp_timer.c
// (tcp_orphan_retries), tcp_input.c (tcp_conn_request, inet_csk_reqsk_queue_is_full), checked by
// measurement in private namespaces on 6.18.

namespace {
using Kind = SysctlEntry::Kind;
using Side = SysctlEntry::Side;
using Rule = SysctlEntry::DefaultRule;
constexpr qint64 IntMax = std::numeric_limits<int>::max();
}

std::vector<SysctlEntry> SysctlEntries::portsAndQueues()
{
    return {
        {"net.ipv4.ip_local_port_range",
         Kind::PortRange,
         1,
         65535,
         {},
         Rule::Fixed,
         "32768 60999",
         true,
         Side::Client,
         nullptr,
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "The local ports the kernel picks for connect() and for bind() to port 0. One port can serve "
                           "many destinations at once, but only one connection at a time, TIME-WAIT included, per (local "
                           "address, remote address, remote port), unless connect() takes the TIME-WAIT entry over. connect() "
                           "prefers ports of the low end's parity and bind() the other, each falling back to the rest: a "
                           "preference, not a split. The low end must not be below ip_unprivileged_port_start; the kernel logs "
                           "a warning when both ends have the same parity."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "Per network namespace. The default upper end became 60999 (from 61000) with kernel commit "
                           "07f4c90062f8; the first release with it is not confirmed here."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "A client making many connections to one server holds at most high − low + 1 of them at a "
                           "time per source address, TIME-WAIT entries included unless they are taken over. Widen the range "
                           "(10000 64999, say: ends of different parity, with the ports your services listen on in "
                           "ip_local_reserved_ports), add source "
                           "addresses or destination ports, or reuse connections."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "No effect on accepted connections: they use the listening port. Keep service ports outside "
                           "the range or reserve them."),
         nullptr},

        {"net.ipv4.ip_local_reserved_ports",
         Kind::PortList,
         1,
         65535,
         {},
         Rule::Fixed,
         "",
         true,
         Side::Server,
         nullptr,
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "Ports the kernel never picks automatically (connect(), bind() to port 0), so a service can "
                           "always bind them even when they lie inside ip_local_port_range. A list such as 8080,9000-9010."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Per network namespace."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "Reserve the ports your own services listen on before widening ip_local_port_range over them."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "List the ports your services must always be able to bind."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "The kernel also accepts port 0; sockscope offers ports 1 to 65535.")},

        {"net.ipv4.tcp_max_orphans",
         Kind::Integer,
         0,
         16777216,
         {},
         Rule::HalfEstablishedHash,
         nullptr,
         false,
         Side::Server,
         QT_TRANSLATE_NOOP("SysctlCatalog", "sockets"),
         QT_TRANSLATE_NOOP(
             "SysctlCatalog",
             "The most orphaned TCP sockets (closed by the application, still finishing the close in the "
             "kernel: FIN-WAIT-1, FIN-WAIT-2, CLOSING, LAST-ACK) the host keeps. Past it, orphans are reset and the "
             "kernel logs \"too many orphaned sockets\". TIME-WAIT entries, and FIN-WAIT-2 connections moved into "
             "the timewait table, are not orphans (sockstat counts them under tw)."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "Global, not per namespace: only the host's initial namespace has this file. Its default is "
                           "set at boot from the host's TCP established-hash size; a fresh namespace cannot show it, so "
                           "sockscope gives the documented rule."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Rarely matters on a client."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Raise it only with memory to spare and when the log shows orphan warnings."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "The kernel accepts any int; sockscope offers 0 to 16,777,216.")},

        {"net.ipv4.tcp_orphan_retries",
         Kind::Integer,
         0,
         255,
         {},
         Rule::Fixed,
         "0",
         true,
         Side::Server,
         nullptr,
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "How long an orphaned connection keeps retransmitting to a peer that stopped answering before "
                           "it is killed. The number is turned into a time budget, as for tcp_retries2 (the time that many "
                           "backed-off retransmissions would take), not a literal count. 0, the default, means 8 as long as the "
                           "retransmission timeout is below its maximum (tcp_rto_max_ms on kernels that have it, TCP_RTO_MAX "
                           "before; 120 s by default)."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Per network namespace."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Rarely matters on a client."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "A busy web server may lower it (2 to 4) to drop connections to vanished clients sooner."),
         nullptr},

        {"net.ipv4.tcp_syncookies",
         Kind::Choice,
         0,
         2,
         {{0, QT_TRANSLATE_NOOP("SysctlCatalog", "off"),
           QT_TRANSLATE_NOOP("SysctlCatalog", "Off: once a listener's half-open queue is past its cap, SYNs are dropped.")},
          {1, QT_TRANSLATE_NOOP("SysctlCatalog", "when a half-open queue is full"),
           QT_TRANSLATE_NOOP("SysctlCatalog", "Answer with syncookies once a listener's half-open queue is past its cap.")},
          {2, QT_TRANSLATE_NOOP("SysctlCatalog", "always (for testing)"),
           QT_TRANSLATE_NOOP("SysctlCatalog", "Always answer with syncookies (for testing).")}},
         Rule::Fixed,
         "1",
         true,
         Side::Server,
         nullptr,
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "SYN Flood protection. A listener's half-open (SYN) queue is capped by the listener's own "
                           "backlog, min(listen() backlog, somaxconn). Past that cap, with 1, the kernel answers a SYN with a "
                           "cookie instead of keeping a request socket, so legitimate clients still get in as long as the "
                           "accept queue has room (a full one drops them, counted in TcpExt ListenOverflows)."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Per network namespace. The value 2 since Linux 3.12."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "No effect on a client."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "Keep 1. TcpExt SyncookiesSent shows when it is in use; TCPReqQFullDrop counts SYNs dropped "
                           "at a full half-open queue with it off."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "The kernel also accepts 3 to 255; sockscope offers 0 to 2.")},

        {"net.ipv4.tcp_max_syn_backlog",
         Kind::Integer,
         1,
         16777216,
         {},
         Rule::SynBacklogFromHash,
         nullptr,
         true,
         Side::Server,
         QT_TRANSLATE_NOOP("SysctlCatalog", "half-open connections"),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "Matters only with tcp_syncookies=0: then SYNs from peers the kernel has no record of are "
                           "dropped once a listener's half-open queue passes three quarters of this value. It is not the "
                           "half-open queue's cap: that is the listener's own backlog, min(listen() backlog, somaxconn), past "
                           "which syncookies take over (tcp_syncookies=1) or SYNs are dropped."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "Per network namespace. Its default scales with the size of the TCP established hash the "
                           "namespace uses."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "No effect on a client."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "Only if you run with tcp_syncookies=0. To take bursts of connections, raise the listen() "
                           "backlog and net.core.somaxconn instead."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "The kernel accepts any int, 0 and negative ones too; sockscope offers 1 to 16,777,216.")},

        {"net.core.somaxconn",
         Kind::Integer,
         1,
         IntMax,
         {},
         Rule::Fixed,
         "4096",
         true,
         Side::Server,
         QT_TRANSLATE_NOOP("SysctlCatalog", "connections"),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "The cap on the backlog a program passes to listen(). The resulting backlog bounds both the "
                           "accept queue and the half-open (SYN) queue of that listener."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "Per network namespace. The default is 4096 since Linux 5.4 (128 before)."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "No effect on a client."),
         QT_TRANSLATE_NOOP("SysctlCatalog",
                           "Raise it together with the server's own listen() backlog when TcpExt ListenOverflows rises."),
         QT_TRANSLATE_NOOP("SysctlCatalog", "The kernel also accepts 0; sockscope offers 1 to 2,147,483,647.")},
    };
}
