#include "core/snapshot/portownerscounter.h"

#include <algorithm>

namespace {

std::vector<std::uint16_t> busiest(const std::vector<PortCount> &counts)
{
    std::vector<std::uint16_t> ports;
    for (std::size_t i = 0; i < std::min(counts.size(), PortOwnersCounter::PortsCounted); ++i)
        ports.push_back(counts[i].port);
    return ports;
}

}

namespace PortOwnersCounter {

PortOwnersTally tallyFor(const Snapshot &snapshot)
{
    return PortOwnersTally(busiest(snapshot.timeWaitByLocalPort), busiest(snapshot.timeWaitByRemotePort));
}

void count(Snapshot &s)
{
    SocketOwnership &o = s.owners;
    o.localPortOwners.clear();
    o.remotePortOwners.clear();
    if (o.scope == OwnerScope::NotLookedUp || o.perSocket.size() != s.sockets.size())
        return;
    PortOwnersTally tally = tallyFor(s);
    for (std::size_t i = 0; i < s.sockets.size(); ++i) {
        if (s.sockets[i].state == TcpState::TimeWait)
            tally.add(s.sockets[i].localPort, s.sockets[i].remotePort, o.perSocket[i]);
    }
    tally.finish(o);
}

}
