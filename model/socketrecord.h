#pragma once

#include "tcpstate.h"

#include <QMetaType>
#include <QtGlobal>

#include <array>

// What idiag_timer says is pending on a socket (net/ipv4/inet_diag.c).
enum class SocketTimer : quint8 {
    None = 0,
    Retransmit = 1, // also the SYN-ACK timer of a request socket
    KeepAlive = 2,
    TimeWait = 3,   // expiry of a TIME_WAIT (or orphaned FIN-WAIT-2) entry
    ZeroWindowProbe = 4,
};

const char *socketTimerKey(SocketTimer timer);

// One socket as sock_diag reported it. Plain bytes only: 72 bytes, no heap, so a snapshot of a
// million sockets is one allocation. Addresses are formatted when something shows them.
struct SocketRecord
{
    quint8 family = 0; // AF_INET or AF_INET6
    TcpState state = TcpState::Unknown;
    SocketTimer timer = SocketTimer::None;
    quint8 retransmits = 0;
    quint16 localPort = 0; // host byte order
    quint16 remotePort = 0;
    quint32 expiresMs = 0; // time left on `timer`
    quint32 receiveQueue = 0;
    quint32 sendQueue = 0;
    quint32 uid = 0;
    quint32 inode = 0; // 0 for TIME_WAIT and request sockets: they have no file
    quint64 cookie = 0; // the kernel's socket cookie: identifies a socket across snapshots
    std::array<quint8, 16> localAddress {}; // network byte order; IPv4 uses the first 4 bytes
    std::array<quint8, 16> remoteAddress {};

    bool isIpv6() const;
};

Q_DECLARE_TYPEINFO(SocketRecord, Q_PRIMITIVE_TYPE);
static_assert(sizeof(SocketRecord) == 72, "SocketRecord is meant to stay compact");
