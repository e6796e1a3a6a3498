#pragma once

#include <QtGlobal>

#include <array>

class QString;

// Values are the kernel's (include/net/tcp_states.h) so a record can hold what sock_diag sends.
enum class TcpState : quint8 {
    Unknown = 0,
    Established = 1,
    SynSent,
    SynRecv,
    FinWait1,
    FinWait2,
    TimeWait,
    Close,
    CloseWait,
    LastAck,
    Listen,
    Closing,
    // Request sockets (half-open connections). sock_diag reports them as SYN_RECV; the collector
    // tells them apart because only full sockets carry INET_DIAG_SHUTDOWN.
    NewSynRecv,
    COUNT
};

constexpr int TcpStateCount = static_cast<int>(TcpState::COUNT);

using TcpStateCounts = std::array<quint32, TcpStateCount>;

// The states a user can see, in the order of a connection's life.
const std::array<TcpState, TcpStateCount - 1> &tcpStatesInDisplayOrder();

// Stable identifiers for files and JSON ("TIME-WAIT"); never translated.
const char *tcpStateKey(TcpState state);
// Short names as `ss` prints them ("ESTAB"), for comparing with ss and for compact text.
const char *tcpStateSsName(TcpState state);
// Name for people, through tr().
QString tcpStateDisplayName(TcpState state);
// Parses a key or an ss name, case-insensitively; Unknown when nothing matches.
TcpState tcpStateFromName(const QString &name);

constexpr quint32 tcpStateBit(TcpState state)
{
    return 1u << static_cast<unsigned>(state);
}

// Every state sock_diag can dump (the kernel's TCPF_ALL).
constexpr quint32 AllTcpStatesMask = 0xfff | tcpStateBit(TcpState::NewSynRecv);
