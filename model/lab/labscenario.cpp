#include "lab/labscenario.h"

const std::vector<LabScenario> &LabScenario::all()
{
    static const std::vector<LabScenario> scenarios {
        {Id::ServerCloses,
         QStringLiteral("server-closes"),
         {},
         {QStringLiteral("rate=50"), QStringLiteral("concurrency=20"), QStringLiteral("closer=server"),
          QStringLiteral("keepalive=off"), QStringLiteral("target=loopback")}},
        {Id::ClientCloses,
         QStringLiteral("client-closes"),
         {},
         {QStringLiteral("rate=50"), QStringLiteral("concurrency=20"), QStringLiteral("closer=client"),
          QStringLiteral("keepalive=off"), QStringLiteral("target=loopback")}},
        {Id::PortExhaustion,
         QStringLiteral("port-exhaustion"),
         {QStringLiteral("net.ipv4.ip_local_port_range=40000-40063")},
         {QStringLiteral("rate=30"), QStringLiteral("concurrency=20"), QStringLiteral("closer=client"),
          QStringLiteral("keepalive=off"), QStringLiteral("target=lab")}},
        {Id::TableOverflow,
         QStringLiteral("table-overflow"),
         {QStringLiteral("net.ipv4.tcp_max_tw_buckets=64")},
         {QStringLiteral("rate=100"), QStringLiteral("concurrency=20"), QStringLiteral("closer=server"),
          QStringLiteral("keepalive=off"), QStringLiteral("target=loopback")}},
        {Id::FinWait2,
         QStringLiteral("fin-wait-2"),
         {QStringLiteral("net.ipv4.tcp_fin_timeout=3")},
         {QStringLiteral("rate=20"), QStringLiteral("concurrency=50"), QStringLiteral("closer=never"),
          QStringLiteral("keepalive=off"), QStringLiteral("target=loopback")}},
        {Id::ListenQueue,
         QStringLiteral("listen-queue"),
         {},
         {QStringLiteral("rate=50"), QStringLiteral("concurrency=200"), QStringLiteral("closer=client"),
          QStringLiteral("keepalive=off"), QStringLiteral("target=loopback"), QStringLiteral("backlog=16"),
          QStringLiteral("accept=2")}},
    };
    return scenarios;
}

const LabScenario *LabScenario::find(const QString &name)
{
    for (const LabScenario &scenario : all())
        if (scenario.name == name)
            return &scenario;
    return nullptr;
}

QStringList LabScenario::names()
{
    QStringList out;
    for (const LabScenario &scenario : all())
        out << scenario.name;
    return out;
}

LabScenario::Text LabScenario::text() const
{
    // One case per scenario: its title, then what to watch, what to change, what should happen.
    switch (id) {
    case Id::ServerCloses:
        return {tr("1. The server closes first"),
                tr("Clients on 127.0.0.1 send 50 requests a second to a server on port 8080 that closes each connection "
                   "after its answer. Watch TIME-WAIT per port (by local port) and the socket table: the entries sit on "
                   "the server's port 8080, one per closed connection, for 60 s."),
                tr("Turn keep-alive on in the load controls."),
                tr("The pooled connections carry the requests: no new timewait entries are made (TcpExt TW and TWKilled stay), "
                   "and those there expire after 60 s.")};
    case Id::ClientCloses:
        return {tr("2. The client closes first"),
                tr("The same traffic, but each client closes first once it has its answer. Watch TIME-WAIT by remote "
                   "port: the entries are now on the client side, towards port 8080, each holding an ephemeral port; "
                   "the port pressure of 127.0.0.1 → 127.0.0.1:8080 climbs in the overview."),
                tr("Turn keep-alive on, or let the server close first."),
                tr("With keep-alive no new TIME-WAIT appears; with the server closing first the new entries move to "
                   "local port 8080 and the client's ephemeral ports are free again at once.")};
    case Id::PortExhaustion:
        return {tr("3. Port exhaustion"),
                tr("ip_local_port_range is cut to 64 ports (40000–40063) and clients connect 30 times a second to "
                   "10.77.0.1:8080, an address of the lab's own that is not a loopback address, closing first. Watch "
                   "the lab's chart: after about two seconds every port holds a TIME-WAIT entry and connect() fails "
                   "with EADDRNOTAVAIL."),
                tr("Set tcp_tw_reuse to 1 in the sysctl pane. Then set tcp_timestamps to 0 while the load runs. Then "
                   "pause the load for about 65 s and run it again (or start the lab with sockscope --lab "
                   "port-exhaustion --set net.ipv4.tcp_tw_reuse=1 --set net.ipv4.tcp_timestamps=0). Or give the "
                   "clients more source addresses, or target 127.0.0.1 instead."),
                tr("With tcp_tw_reuse = 1 connect() takes over TIME-WAIT entries older than tcp_tw_reuse_delay "
                   "(TWRecycled rises) and the failures stop. The default 2 covers loopback addresses only, which is "
                   "why they happened towards 10.77.0.1 and do not happen towards 127.0.0.1. connect() takes over only "
                   "an entry that recorded the peer's timestamp, and the new connection inherits that record and hands "
                   "it to its own entry. So after tcp_timestamps = 0 reuse goes on: no failures, TWRecycled still "
                   "rises, and the new connections carry no timestamps (so no PAWS either). Only once the entries have "
                   "expired unused (a pause of about 65 s, or a lab started with tcp_tw_reuse = 1 and tcp_timestamps = 0) do the "
                   "failures come back and TWRecycled stays. Each extra source address brings another 64 ports "
                   "(two addresses: the failures start after about four seconds instead of two); "
                   "IP_BIND_ADDRESS_NO_PORT alone changes nothing towards one destination.")};
    case Id::TableOverflow:
        return {tr("4. The TIME-WAIT table overflows"),
                tr("tcp_max_tw_buckets is set to 64 and a server closing first makes 100 TIME-WAIT entries a second. "
                   "Watch TIME-WAIT stop at 64 and the counter rates: TCPTimeWaitOverflow rises, one for each close "
                   "that got no TIME-WAIT entry."),
                tr("Raise tcp_max_tw_buckets to 100000."),
                tr("TCPTimeWaitOverflow stops rising and TIME-WAIT grows again, up to 100 a second × 60 s.")};
    case Id::FinWait2:
        return {
            tr("5. Orphaned FIN-WAIT-2"),
            tr("Clients close after their answer, but the server never closes its side. Each client socket is "
               "orphaned in FIN-WAIT-2 (the server's side stays in CLOSE-WAIT). tcp_fin_timeout is set to 3 s here: "
               "watch FIN-WAIT-2 level off at about 20 a second × 3 s."),
            tr("Set tcp_fin_timeout back to 60, or lower tcp_max_tw_buckets to 20."),
            tr("Orphaned FIN-WAIT-2 entries live in the TIME-WAIT table: sockstat tw counts them with TIME-WAIT, "
               "and with tcp_fin_timeout of 4 s or less TcpExt TWKilled counts them as they enter the table. At 60 s they pile "
               "up to about 1,200; with tcp_max_tw_buckets at 20 they stop at 20 and TCPTimeWaitOverflow rises.")};
    case Id::ListenQueue:
        return {tr("6. The listener's queues"),
                tr("The server accepts only 2 connections a second with a backlog of 16, while clients try 50 a "
                   "second. Watch the listener in the socket table: Recv-Q is the accept queue, Send-Q its limit."),
                tr("Set net.core.somaxconn to 4 (below the backlog of 16)."),
                tr("The queue fills past its limit min(backlog, somaxconn): the kernel calls it full once it holds more. "
                   "While it is full, new SYNs are "
                   "dropped (ListenOverflows and ListenDrops rise) even with tcp_syncookies = 1: cookies only replace "
                   "the half-open queue. Clients wait in SYN-SENT and retry. After somaxconn = 4 the lab's server calls "
                   "listen() again and the limit becomes 4.")};
    }
    return {};
}
