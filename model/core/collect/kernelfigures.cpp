#include "core/collect/kernelfigures.h"

const std::array<TcpCounterInfo, TcpCounterCount> &tcpCounterInfo()
{
    static const std::array<TcpCounterInfo, TcpCounterCount> info = {{
        {TcpCounter::TimeWaitEntered, "TcpExt", "TW", false},
        {TcpCounter::TimeWaitRecycled, "TcpExt", "TWRecycled", false},
        {TcpCounter::TimeWaitKilled, "TcpExt", "TWKilled", false},
        {TcpCounter::TimeWaitOverflow, "TcpExt", "TCPTimeWaitOverflow", false},
        {TcpCounter::PawsActive, "TcpExt", "PAWSActive", false},
        {TcpCounter::PawsEstab, "TcpExt", "PAWSEstab", false},
        {TcpCounter::ListenOverflows, "TcpExt", "ListenOverflows", false},
        {TcpCounter::ListenDrops, "TcpExt", "ListenDrops", false},
        {TcpCounter::AbortOnMemory, "TcpExt", "TCPAbortOnMemory", false},
        {TcpCounter::ActiveOpens, "Tcp", "ActiveOpens", false},
        {TcpCounter::PassiveOpens, "Tcp", "PassiveOpens", false},
        {TcpCounter::AttemptFails, "Tcp", "AttemptFails", false},
        {TcpCounter::EstabResets, "Tcp", "EstabResets", false},
        {TcpCounter::CurrEstab, "Tcp", "CurrEstab", true},
        {TcpCounter::InSegs, "Tcp", "InSegs", false},
        {TcpCounter::OutSegs, "Tcp", "OutSegs", false},
        {TcpCounter::RetransSegs, "Tcp", "RetransSegs", false},
        {TcpCounter::InErrs, "Tcp", "InErrs", false},
        {TcpCounter::OutRsts, "Tcp", "OutRsts", false},
        {TcpCounter::PawsTimewait, "TcpExt", "PAWSTimewait", false, true},
        {TcpCounter::PawsOldAck, "TcpExt", "PAWSOldAck", false, true},
    }};
    return info;
}

const char *slabCacheName(SlabCache cache)
{
    switch (cache) {
    case SlabCache::TimeWaitV4: return "tw_sock_TCP";
    case SlabCache::TimeWaitV6: return "tw_sock_TCPv6";
    case SlabCache::TcpV4: return "TCP";
    case SlabCache::TcpV6: return "TCPv6";
    case SlabCache::RequestV4: return "request_sock_TCP";
    case SlabCache::RequestV6: return "request_sock_TCPv6";
    case SlabCache::COUNT: break;
    }
    return "";
}
