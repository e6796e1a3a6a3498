#pragma once

#include "core/collect/tcpstate.h"

#include <array>
#include <cstdint>

// What idiag_timer says is pending on a socket (net/ipv4/inet_diag.c).
enum class SocketTimer : std::uint8_t {
    None = 0,
    Retransmit = 1, // also the SYN-ACK timer of a request socket
    KeepAlive = 2,
    TimeWait = 3, // expiry of a TIME_WAIT (or orphaned FIN-WAIT-2) entry
    ZeroWindowProbe = 4,
};

const char *socketTimerKey(SocketTimer timer);

// One socket as sock_diag reported it. Plain bytes only: 72 bytes, no heap, so a snapshot of a
// million sockets is one allocation. Addresses are formatted when something shows them.
struct SocketRecord
{
    std::uint8_t family = 0; // AF_INET or AF_INET6
    TcpState state = TcpState::Unknown;
    SocketTimer timer = SocketTimer::None;
    std::uint8_t retransmits = 0;
    std::uint16_t localPort = 0; // host byte order
    std::uint16_t remotePort = 0;
    std::uint32_t expiresMs = 0; // time left on `timer`
    std::uint32_t receiveQueue = 0;
    std::uint32_t sendQueue = 0;
    std::uint32_t uid = 0;
    std::uint32_t inode = 0; // 0 for TIME_WAIT and request sockets: they have no file
    // The socket's cgroup as index + 1 into its dump's CgroupIdTable (0: none, or not asked for).
    // Full sockets only; kept in what was padding, and not stored in recordings.
    std::uint32_t cgroupSlot = 0;
    std::uint64_t cookie = 0; // the kernel's socket cookie: identifies a socket across snapshots
    std::array<std::uint8_t, 16> localAddress {}; // network byte order; IPv4 uses the first 4 bytes
    std::array<std::uint8_t, 16> remoteAddress {};

    bool isIpv6() const;
};

static_assert(sizeof(SocketRecord) == 72, "SocketRecord is meant to stay compact");
