#include "wording/mixupcatalog.h"

const std::vector<MixUp> &MixUpCatalog::entries()
{
    static const std::vector<MixUp> mixUps = {
        {"timewait-length", QT_TRANSLATE_NOOP("MixUpCatalog", "TIME-WAIT lasts 60 seconds on Linux"),
         QT_TRANSLATE_NOOP(
             "MixUpCatalog",
             "Its length is TCP_TIMEWAIT_LEN, fixed at 60 s when the kernel is built; no sysctl changes it, "
             "tcp_fin_timeout included. The textbook rule is 2 × MSL with an MSL of 2 minutes, which makes 4 minutes; "
             "Linux does not follow it. An entry can last longer than 60 s: some segments for the old connection, "
             "such as a retransmitted FIN, restart its timer.")},
        {"fin-timeout", QT_TRANSLATE_NOOP("MixUpCatalog", "tcp_fin_timeout is not the TIME-WAIT timeout"),
         QT_TRANSLATE_NOOP("MixUpCatalog",
                           "It limits how long an orphaned connection waits in FIN-WAIT-2 for the peer's FIN: the value "
                           "itself up to 60 s; above 60 s, 2 × (value − 60) s, first as a full socket. As an entry in the "
                           "timewait table, ss shows it as FIN-WAIT-2 with a timewait timer, sockstat counts "
                           "it under tw and it counts against tcp_max_tw_buckets.")},
        {"counters", QT_TRANSLATE_NOOP("MixUpCatalog", "TcpExt TW counts more than TIME-WAIT"),
         QT_TRANSLATE_NOOP(
             "MixUpCatalog",
             "TW and TWKilled count entries of the timewait table once, as they are made, by their first "
             "timeout: TW when it is over 4 s, TWKilled when it is 4 s or less. An orphaned FIN-WAIT-2 entry that "
             "then gets the peer's FIN becomes a 60 s TIME-WAIT and is not counted again. A server that closes first "
             "usually goes through such a FIN-WAIT-2 entry, so with tcp_fin_timeout of 4 s or less (or 61 to 64 s) "
             "its TIME-WAIT lands in TWKilled, and with the default 60 s TW also counts FIN-WAIT-2 entries that never "
             "become TIME-WAIT. Neither counter is \"entered TIME-WAIT\". TWRecycled counts "
             "entries taken over by connect(): TIME-WAIT through tcp_tw_reuse, and after bind() to an explicit "
             "port orphaned FIN-WAIT-2 entries too. The counters belong to the network namespace: in a container "
             "they count since the namespace was created, not since boot.")},
        {"who-holds", QT_TRANSLATE_NOOP("MixUpCatalog", "The side that closes first holds TIME-WAIT"),
         QT_TRANSLATE_NOOP(
             "MixUpCatalog",
             "A server that closes first (HTTP without keep-alive) holds the entries on its own listening "
             "port: cheap and harmless up to tcp_max_tw_buckets. A client that closes first holds them on its local "
             "ports: each keeps that port busy towards its destination until it expires or connect() takes it "
             "over.")},
        {"tw-reuse",
         QT_TRANSLATE_NOOP("MixUpCatalog", "tcp_tw_reuse helps only outgoing connections, and its default is no longer 0"),
         QT_TRANSLATE_NOOP(
             "MixUpCatalog",
             "Only connect() consults it, when it picks a local port. Since 2018 the default is 2: loopback "
             "traffic only. Where it applies, connect() may take over an entry older than the reuse delay if the entry "
             "holds a record of a peer timestamp (received by the old connection, or inherited when it took over an "
             "earlier entry); nothing expires early. A program that sets SO_REUSEADDR, bind()s "
             "the port of an entry whose socket also had SO_REUSEADDR, then connect()s, takes the entry over "
             "whatever the setting and the delay say (if it holds such a record). A server gains nothing from it.")},
        {"reuseaddr", QT_TRANSLATE_NOOP("MixUpCatalog", "SO_REUSEADDR does not let two servers share a port"),
         QT_TRANSLATE_NOOP("MixUpCatalog",
                           "It lets bind() take a port whose old connections are still in TIME-WAIT, as when a server "
                           "restarts; the old sockets and the new one must both have it set. It never lets two sockets listen on "
                           "overlapping addresses: with it, 127.0.0.1 and 0.0.0.0 can both be bound to one port, but both cannot "
                           "listen: once one listens, the other's bind() or listen() fails.")},
        {"reuseport", QT_TRANSLATE_NOOP("MixUpCatalog", "SO_REUSEPORT and IP_BIND_ADDRESS_NO_PORT are different things"),
         QT_TRANSLATE_NOOP(
             "MixUpCatalog",
             "SO_REUSEPORT (Linux 3.9) lets several sockets with the same effective user bind one port, "
             "and the kernel spreads connections among them. IP_BIND_ADDRESS_NO_PORT (Linux 4.2) helps a program that "
             "bind()s a source address before connect(): the port is then chosen at connect() time, so one port can "
             "serve different destinations. It does not raise the limit towards one destination. IP_LOCAL_PORT_RANGE "
             "(Linux 6.3) narrows the range for one socket. None of them shortens TIME-WAIT.")},
        {"linger", QT_TRANSLATE_NOOP("MixUpCatalog", "SO_LINGER {1, 0} is not a TIME-WAIT fix"),
         QT_TRANSLATE_NOOP(
             "MixUpCatalog",
             "With l_onoff = 1 and l_linger = 0, close() sends an RST and the connection skips TIME-WAIT, "
             "but data not yet delivered is lost and the peer gets \"connection reset\". TIME-WAIT's protection goes "
             "with it.")},
        {"containers", QT_TRANSLATE_NOOP("MixUpCatalog", "A container does not get the host's TIME-WAIT sysctls"),
         QT_TRANSLATE_NOOP("MixUpCatalog",
                           "A new network namespace starts the settings sockscope lists at the kernel's built-in defaults, "
                           "not at the host's values: /etc/sysctl.d applies to the host's namespace only. Not every sysctl does: "
                           "tcp_rmem, tcp_wmem and tcp_congestion_control start as copies of the host's. The tcp_max_tw_buckets "
                           "and tcp_max_syn_backlog defaults follow the established hash the namespace uses: the host's, unless "
                           "tcp_child_ehash_entries was set where the namespace was created, which gives it a hash of its own. "
                           "Global settings such as tcp_max_orphans stay the host's.")},
        {"recycle", QT_TRANSLATE_NOOP("MixUpCatalog", "tcp_tw_recycle is gone"),
         QT_TRANSLATE_NOOP("MixUpCatalog",
                           "It was removed in Linux 4.12 after breaking clients behind NAT; advice to turn it on is out "
                           "of date. Its entry in the list says whether this kernel still has the file.")},
        {"memory", QT_TRANSLATE_NOOP("MixUpCatalog", "TIME-WAIT costs little memory"),
         QT_TRANSLATE_NOOP("MixUpCatalog",
                           "An entry is a small slab object (tw_sock_TCP in /proc/slabinfo), a few hundred bytes. What "
                           "runs out first is a client's local ports towards one destination, not memory.")},
    };
    return mixUps;
}

QString MixUpCatalog::text(const char *source)
{
    return source ? QCoreApplication::translate("MixUpCatalog", source) : QString();
}
