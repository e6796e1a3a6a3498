#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

// Values are the kernel's (include/net/tcp_states.h) so a record can hold what sock_diag sends.
enum class TcpState : std::uint8_t {
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

using TcpStateCounts = std::array<std::uint32_t, TcpStateCount>;

// The states a user can see, in the order of a connection's life.
const std::array<TcpState, TcpStateCount - 1> &tcpStatesInDisplayOrder();

// Stable identifiers for files and JSON ("TIME-WAIT"); never translated.
const char *tcpStateKey(TcpState state);
// Short names as `ss` prints them ("ESTAB"), for comparing with ss and for compact text.
const char *tcpStateSsName(TcpState state);
// Parses a key or an ss name, case-insensitively; Unknown when nothing matches.
TcpState tcpStateFromName(std::string_view name);
// The mask of a comma-separated list of names (--states). SYN-RECV and NEW-SYN-RECV go together:
// ss and the kernel call request sockets SYN-RECV, so asking for one asks for both. 0, with the
// name not understood in `unknown`, when one is no state.
std::uint32_t tcpStateMaskFromList(std::string_view list, std::string *unknown);
// The list tcpStateMaskFromList() reads back as `mask` ("ESTABLISHED,TIME-WAIT"), in display
// order; what --states passes on to a remote agent, so the user's text never reaches a shell.
std::string tcpStateListFromMask(std::uint32_t mask);

constexpr std::uint32_t tcpStateBit(TcpState state)
{
    return 1u << static_cast<unsigned>(state);
}

// Every state sock_diag can dump (the kernel's TCPF_ALL).
constexpr std::uint32_t AllTcpStatesMask = 0xfff | tcpStateBit(TcpState::NewSynRecv);
