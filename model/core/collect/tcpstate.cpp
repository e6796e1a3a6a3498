#include "core/collect/tcpstate.h"

#include <string>

namespace {
struct StateNames
{
    TcpState state;
    const char *key;
    const char *ss;
};

constexpr StateNames Names[] = {
    {TcpState::Unknown, "UNKNOWN", "UNKNOWN"},
    {TcpState::Established, "ESTABLISHED", "ESTAB"},
    {TcpState::SynSent, "SYN-SENT", "SYN-SENT"},
    {TcpState::SynRecv, "SYN-RECV", "SYN-RECV"},
    {TcpState::FinWait1, "FIN-WAIT-1", "FIN-WAIT-1"},
    {TcpState::FinWait2, "FIN-WAIT-2", "FIN-WAIT-2"},
    {TcpState::TimeWait, "TIME-WAIT", "TIME-WAIT"},
    {TcpState::Close, "CLOSE", "UNCONN"},
    {TcpState::CloseWait, "CLOSE-WAIT", "CLOSE-WAIT"},
    {TcpState::LastAck, "LAST-ACK", "LAST-ACK"},
    {TcpState::Listen, "LISTEN", "LISTEN"},
    {TcpState::Closing, "CLOSING", "CLOSING"},
    // ss folds request sockets into SYN-RECV; keep our own key distinct.
    {TcpState::NewSynRecv, "NEW-SYN-RECV", "SYN-RECV"},
};
static_assert(sizeof(Names) / sizeof(Names[0]) == TcpStateCount);
}

const std::array<TcpState, TcpStateCount - 1> &tcpStatesInDisplayOrder()
{
    static const std::array<TcpState, TcpStateCount - 1> order = {
        TcpState::Listen,      TcpState::SynSent,   TcpState::NewSynRecv, TcpState::SynRecv,
        TcpState::Established, TcpState::FinWait1,  TcpState::FinWait2,   TcpState::Closing,
        TcpState::TimeWait,    TcpState::CloseWait, TcpState::LastAck,    TcpState::Close,
    };
    return order;
}

const char *tcpStateKey(TcpState state)
{
    const int index = static_cast<int>(state);
    return index < TcpStateCount ? Names[index].key : Names[0].key;
}

const char *tcpStateSsName(TcpState state)
{
    const int index = static_cast<int>(state);
    return index < TcpStateCount ? Names[index].ss : Names[0].ss;
}

std::uint32_t tcpStateMaskFromList(std::string_view list, std::string *unknown)
{
    std::uint32_t mask = 0;
    for (;;) {
        const std::size_t comma = list.find(',');
        const std::string_view name = list.substr(0, comma);
        const TcpState state = tcpStateFromName(name);
        if (state == TcpState::Unknown) {
            *unknown = std::string(name);
            return 0;
        }
        mask |= tcpStateBit(state);
        if (state == TcpState::SynRecv || state == TcpState::NewSynRecv)
            mask |= tcpStateBit(TcpState::SynRecv) | tcpStateBit(TcpState::NewSynRecv);
        if (comma == std::string_view::npos)
            return mask;
        list.remove_prefix(comma + 1);
    }
}

std::string tcpStateListFromMask(std::uint32_t mask)
{
    std::string list;
    for (const TcpState state : tcpStatesInDisplayOrder()) {
        if (!(mask & tcpStateBit(state)))
            continue;
        if (!list.empty())
            list += ',';
        list += tcpStateKey(state);
    }
    return list;
}

TcpState tcpStateFromName(std::string_view name)
{
    while (!name.empty() && (name.front() == ' ' || name.front() == '\t'))
        name.remove_prefix(1);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t'))
        name.remove_suffix(1);
    std::string wanted(name);
    for (char &c : wanted) {
        if (c >= 'a' && c <= 'z')
            c = char(c - 'a' + 'A');
        else if (c == '_')
            c = '-';
    }
    for (const auto &entry : Names) {
        if (wanted == entry.key)
            return entry.state;
    }
    for (const auto &entry : Names) {
        if (wanted == entry.ss)
            return entry.state;
    }
    return TcpState::Unknown;
}
