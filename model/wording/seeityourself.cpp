#include "wording/seeityourself.h"

#include <map>

// Every command was run on 6.18 in a private namespace. nstat -az prints absolute values,
// zeros included, and ignores nstat's history file; slabtop reads /proc/slabinfo, which needs root.
namespace {

using Table = std::map<QString, std::vector<SeeItCommand>>;

const char *const TimeWaitRows = "ss -tano state time-wait";
const char *const Sockstat = "cat /proc/net/sockstat";
const char *const TimeWaitCounters = "nstat -az TcpExtTW TcpExtTWKilled TcpExtTWRecycled TcpExtTCPTimeWaitOverflow";
const char *const SlabTop = "slabtop -o | grep tw_sock";

Table build()
{
    const auto c = [](const char *caption, const char *command) { return SeeItCommand {caption, command}; };
    return {
        {QStringLiteral("net.ipv4.tcp_tw_reuse"),
         {c(QT_TRANSLATE_NOOP("SeeItYourself", "The setting and its delay in this namespace"),
            "sysctl net.ipv4.tcp_tw_reuse net.ipv4.tcp_tw_reuse_delay"),
          c(QT_TRANSLATE_NOOP("SeeItYourself", "TIME-WAIT entries with their time left"), TimeWaitRows),
          c(QT_TRANSLATE_NOOP("SeeItYourself", "Entries taken over so far: TIME-WAIT, and after bind() also orphaned FIN-WAIT-2"),
            "nstat -az TcpExtTWRecycled")}},
        {QStringLiteral("net.ipv4.tcp_tw_reuse_delay"),
         {c(QT_TRANSLATE_NOOP("SeeItYourself", "Whether this kernel has it, and its value"),
            "sysctl net.ipv4.tcp_tw_reuse_delay")}},
        {QStringLiteral("net.ipv4.tcp_fin_timeout"),
         {c(QT_TRANSLATE_NOOP("SeeItYourself", "The setting"), "sysctl net.ipv4.tcp_fin_timeout"),
          c(QT_TRANSLATE_NOOP("SeeItYourself",
                              "Orphaned FIN-WAIT-2 connections: a timewait timer (a keepalive "
                              "timer first when tcp_fin_timeout is above 60)"),
            "ss -tano state fin-wait-2"),
          c(QT_TRANSLATE_NOOP("SeeItYourself", "Entries put into the timewait table (TW: over 4 s, TWKilled: 4 s or less)"),
            "nstat -az TcpExtTW TcpExtTWKilled")}},
        {QStringLiteral("net.ipv4.tcp_max_tw_buckets"),
         {c(QT_TRANSLATE_NOOP("SeeItYourself", "The limit"), "sysctl net.ipv4.tcp_max_tw_buckets"),
          c(QT_TRANSLATE_NOOP("SeeItYourself", "What it is compared with: tw, the timewait table's entries now"), Sockstat),
          c(QT_TRANSLATE_NOOP("SeeItYourself", "Closes that found the table full"), "nstat -az TcpExtTCPTimeWaitOverflow"),
          c(QT_TRANSLATE_NOOP("SeeItYourself", "Memory per entry and in all (as root)"), SlabTop)}},
        {QStringLiteral("net.ipv4.tcp_timestamps"),
         {c(QT_TRANSLATE_NOOP("SeeItYourself", "The setting"), "sysctl net.ipv4.tcp_timestamps"),
          c(QT_TRANSLATE_NOOP("SeeItYourself", "Connections that use timestamps show \"ts\" among their options"), "ss -tnio"),
          c(QT_TRANSLATE_NOOP("SeeItYourself", "Segments rejected by PAWS"),
            "nstat -az TcpExtPAWSEstab TcpExtPAWSActive TcpExtPAWSTimewait TcpExtPAWSOldAck")}},
        {QStringLiteral("net.ipv4.tcp_rfc1337"),
         {c(QT_TRANSLATE_NOOP("SeeItYourself", "The setting"), "sysctl net.ipv4.tcp_rfc1337")}},
        {QStringLiteral("net.ipv4.tcp_tw_recycle"),
         {c(QT_TRANSLATE_NOOP("SeeItYourself", "Whether this kernel still has the file"),
            "ls -l /proc/sys/net/ipv4/tcp_tw_recycle")}},
        {QStringLiteral("net.ipv4.ip_local_port_range"),
         {c(QT_TRANSLATE_NOOP("SeeItYourself", "The range and the reserved ports"),
            "sysctl net.ipv4.ip_local_port_range net.ipv4.ip_local_reserved_ports"),
          c(QT_TRANSLATE_NOOP("SeeItYourself", "Connections per remote address and port, busiest first"),
            "ss -tanH state connected | awk '{print $5}' | sort | uniq -c | sort -rn | head")}},
        {QStringLiteral("net.ipv4.ip_local_reserved_ports"),
         {c(QT_TRANSLATE_NOOP("SeeItYourself", "The setting"), "sysctl net.ipv4.ip_local_reserved_ports")}},
        {QStringLiteral("net.ipv4.tcp_max_orphans"),
         {c(QT_TRANSLATE_NOOP("SeeItYourself", "The limit (the host's namespace only)"),
            "cat /proc/sys/net/ipv4/tcp_max_orphans"),
          c(QT_TRANSLATE_NOOP("SeeItYourself", "Orphans now"), Sockstat),
          c(QT_TRANSLATE_NOOP("SeeItYourself", "Whether the limit was hit (as root)"), "dmesg | grep -i 'orphaned sockets'")}},
        {QStringLiteral("net.ipv4.tcp_orphan_retries"),
         {c(QT_TRANSLATE_NOOP("SeeItYourself", "The setting"), "sysctl net.ipv4.tcp_orphan_retries"),
          c(QT_TRANSLATE_NOOP("SeeItYourself", "Closing connections and their retransmission timers"),
            "ss -tano state fin-wait-1 state closing state last-ack")}},
        {QStringLiteral("net.ipv4.tcp_syncookies"),
         {c(QT_TRANSLATE_NOOP("SeeItYourself", "The setting"), "sysctl net.ipv4.tcp_syncookies"),
          c(QT_TRANSLATE_NOOP("SeeItYourself", "Cookies sent, and SYNs dropped with a full half-open queue"),
            "nstat -az TcpExtSyncookiesSent TcpExtTCPReqQFullDoCookies TcpExtTCPReqQFullDrop")}},
        {QStringLiteral("net.ipv4.tcp_max_syn_backlog"),
         {c(QT_TRANSLATE_NOOP("SeeItYourself", "It matters only with tcp_syncookies=0"),
            "sysctl net.ipv4.tcp_max_syn_backlog net.ipv4.tcp_syncookies"),
          c(QT_TRANSLATE_NOOP("SeeItYourself", "Half-open connections now"), "ss -tan state syn-recv")}},
        {QStringLiteral("net.core.somaxconn"),
         {c(QT_TRANSLATE_NOOP("SeeItYourself", "The setting"), "sysctl net.core.somaxconn"),
          c(QT_TRANSLATE_NOOP("SeeItYourself", "Listeners: Send-Q is the backlog in force, Recv-Q the accept queue now"),
            "ss -ltn"),
          c(QT_TRANSLATE_NOOP("SeeItYourself", "Connections a full accept queue turned away"),
            "nstat -az TcpExtListenOverflows TcpExtListenDrops")}},

        {QStringLiteral("timewait-length"),
         {c(QT_TRANSLATE_NOOP("SeeItYourself", "Time left on each entry: never above 60 s"), TimeWaitRows)}},
        {QStringLiteral("fin-timeout"),
         {c(QT_TRANSLATE_NOOP("SeeItYourself",
                              "Orphaned FIN-WAIT-2 connections: a timewait timer (a keepalive "
                              "timer first when tcp_fin_timeout is above 60)"),
            "ss -tano state fin-wait-2"),
          c(QT_TRANSLATE_NOOP("SeeItYourself", "They count in tw"), Sockstat)}},
        {QStringLiteral("who-holds"),
         {c(QT_TRANSLATE_NOOP("SeeItYourself", "TIME-WAIT entries by local address and port"),
            "ss -tanH state time-wait | awk '{print $3}' | sort | uniq -c | sort -rn | head"),
          c(QT_TRANSLATE_NOOP("SeeItYourself", "TIME-WAIT entries by remote address and port"),
            "ss -tanH state time-wait | awk '{print $4}' | sort | uniq -c | sort -rn | head")}},
        {QStringLiteral("tw-reuse"),
         {c(QT_TRANSLATE_NOOP("SeeItYourself", "The setting and its delay"),
            "sysctl net.ipv4.tcp_tw_reuse net.ipv4.tcp_tw_reuse_delay"),
          c(QT_TRANSLATE_NOOP("SeeItYourself", "Entries taken over so far: TIME-WAIT, and after bind() also orphaned FIN-WAIT-2"),
            "nstat -az TcpExtTWRecycled")}},
        {QStringLiteral("reuseaddr"),
         {c(QT_TRANSLATE_NOOP("SeeItYourself", "Listeners and the addresses they hold"), "ss -ltn")}},
        {QStringLiteral("reuseport"),
         {c(QT_TRANSLATE_NOOP("SeeItYourself", "With SO_REUSEPORT, one port shows several LISTEN rows, one per socket"),
            "ss -ltnp")}},
        {QStringLiteral("linger"),
         {c(QT_TRANSLATE_NOOP("SeeItYourself",
                              "Each such close sends an RST (TcpOutRsts) and counts as an abort: "
                              "TCPAbortOnData when nothing received was left unread, "
                              "TCPAbortOnClose when unread data was thrown away"),
            "nstat -az TcpExtTCPAbortOnData TcpExtTCPAbortOnClose TcpOutRsts")}},
        {QStringLiteral("containers"),
         {c(QT_TRANSLATE_NOOP("SeeItYourself", "A fresh namespace's values (as root)"),
            "unshare -n sysctl net.ipv4.tcp_tw_reuse net.ipv4.tcp_fin_timeout net.ipv4.tcp_max_tw_buckets"),
          c(QT_TRANSLATE_NOOP("SeeItYourself", "The hash size new namespaces get (0: share the host's)"),
            "sysctl net.ipv4.tcp_child_ehash_entries")}},
        {QStringLiteral("recycle"),
         {c(QT_TRANSLATE_NOOP("SeeItYourself", "Whether this kernel still has the file"),
            "ls -l /proc/sys/net/ipv4/tcp_tw_recycle")}},
        {QStringLiteral("memory"), {c(QT_TRANSLATE_NOOP("SeeItYourself", "Memory per entry and in all (as root)"), SlabTop)}},
        {QStringLiteral("counters"), {c(QT_TRANSLATE_NOOP("SeeItYourself", "The counters of this namespace"), TimeWaitCounters)}},
    };
}

const Table &table()
{
    static const Table commands = build();
    return commands;
}

}

const std::vector<SeeItCommand> &SeeItYourself::forKey(const QString &key)
{
    static const std::vector<SeeItCommand> none;
    const auto found = table().find(key);
    return found == table().end() ? none : found->second;
}

QString SeeItYourself::caption(const SeeItCommand &command)
{
    return QCoreApplication::translate("SeeItYourself", command.caption);
}

std::vector<QString> SeeItYourself::keys()
{
    std::vector<QString> all;
    for (const auto &entry : table())
        all.push_back(entry.first);
    return all;
}
