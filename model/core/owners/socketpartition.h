#pragma once

#include "core/collect/socketrecord.h"

#include <cstdint>
#include <vector>

// A dump's sockets split as the owner attribution needs them: the indices of live sockets (those
// with a descriptor somewhere) and, compactly, what a TIME-WAIT entry's attribution reads. Filled
// in the aggregator's pass over the records (SnapshotAggregator::aggregate), so attributing owners
// does not read every 72-byte record once more: at 302k records on a busy machine a pass costs
// more than everything the attribution does with them.
struct SocketPartition
{
    struct TimeWait
    {
        std::uint64_t cookie;
        std::uint32_t index;
        std::uint16_t localPort;
        std::uint16_t remotePort;
    };

    std::vector<std::uint32_t> live;
    std::vector<TimeWait> timeWait;

    // A socket that a process may hold a descriptor of: not a TIME-WAIT entry or a request (no
    // file), and with an inode.
    static bool isLive(const SocketRecord &record)
    {
        return record.state != TcpState::TimeWait && record.state != TcpState::NewSynRecv && record.inode != 0;
    }
    void clear()
    {
        live.clear();
        timeWait.clear();
    }
    void add(const SocketRecord &record, std::uint32_t index)
    {
        if (record.state == TcpState::TimeWait)
            timeWait.push_back({record.cookie, index, record.localPort, record.remotePort});
        else if (isLive(record))
            live.push_back(index);
    }
};
