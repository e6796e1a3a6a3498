#pragma once

#include "kernelfigures.h"
#include "namespaceidentity.h"
#include "socketrecord.h"
#include "tcpstate.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <array>
#include <memory>
#include <optional>
#include <vector>

struct PortCount
{
    quint16 port = 0;
    quint32 count = 0;
};
Q_DECLARE_TYPEINFO(PortCount, Q_PRIMITIVE_TYPE);

// How many sockets share one (local address, remote address, remote port) with a local port in
// the ephemeral range. connect() needs a free local port per such tuple, so `inUse` against the
// size of ip_local_port_range is how close a client is to EADDRNOTAVAIL.
struct PortPressure
{
    quint8 family = 0;
    std::array<quint8, 16> localAddress {};
    std::array<quint8, 16> remoteAddress {};
    quint16 remotePort = 0;
    quint32 inUse = 0;
};

struct PortRange
{
    bool valid = false;
    quint16 low = 0;
    quint16 high = 0;
    int size() const { return valid ? int(high) - int(low) + 1 : 0; }
    // From ip_local_port_range as read ("32768 60999"); invalid when absent or malformed.
    static PortRange fromSysctl(const SysctlReading *reading);
    bool contains(quint16 port) const { return valid && port >= low && port <= high; }
};

// Everything one refresh learned about the TCP stack of one namespace. Built by
// SnapshotCollector in a worker thread and never changed afterwards: the GUI gets it as a
// shared_ptr<const Snapshot>.
struct Snapshot
{
    qint64 wallTimeMs = 0; // ms since the epoch, UTC
    qint64 monotonicNs = 0; // CLOCK_MONOTONIC, for rates
    qint64 collectNs = 0; // the whole refresh
    qint64 dumpNs = 0; // the netlink dump alone
    QString namespaceLabel;
    QString namespaceId; // "net:[4026531840]"
    NamespaceIdentity namespaceIdentity; // what a program compares (not recorded: replays never write)
    quint32 stateMask = AllTcpStatesMask;
    bool consistent = true;
    bool ipv6Available = true;
    QStringList warnings;

    std::vector<SocketRecord> sockets;
    TcpStateCounts stateCounts {};
    quint32 ipv4Sockets = 0;
    quint32 ipv6Sockets = 0;
    // TIME-WAIT rows by port, largest first.
    std::vector<PortCount> timeWaitByLocalPort;
    std::vector<PortCount> timeWaitByRemotePort;
    PortRange ephemeralRange;
    std::vector<PortPressure> portPressure; // busiest first, at most PortPressureLimit
    // Sockets of this namespace by the slab cache that holds them (TIME_WAIT entries, request
    // sockets, full sockets; per family): what a slab estimate multiplies.
    std::array<quint32, SlabCacheCount> socketsPerSlabCache {};

    SockstatFigures sockstat;
    bool countersValid = false;
    TcpCounters counters;
    SlabFigures slab;
    std::vector<SysctlReading> sysctls;
    std::optional<CounterRates> rates; // against the previous sample, when there was one

    static constexpr int PortPressureLimit = 100;

    quint32 count(TcpState state) const { return stateCounts[static_cast<int>(state)]; }
    quint32 totalSockets() const { return ipv4Sockets + ipv6Sockets; }
    const SysctlReading *sysctl(const QString &name) const;
    // tcp_max_tw_buckets as a number, or -1 when unknown.
    qint64 maxTimeWaitBuckets() const;
};

using SnapshotPtr = std::shared_ptr<const Snapshot>;
Q_DECLARE_METATYPE(SnapshotPtr)
