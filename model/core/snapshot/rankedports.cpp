#include "core/snapshot/rankedports.h"

#include "core/snapshot/portbudget.h"

#include <algorithm>

bool PortFold::folds(std::uint16_t port) const
{
    return range.contains(port) && !std::binary_search(keptApart.begin(), keptApart.end(), port);
}

namespace RankedPorts {

std::vector<RankedPort> rank(const std::vector<PortCount> &counts, const PortFold &portFold, bool fold)
{
    std::vector<RankedPort> ranked;
    ranked.reserve(counts.size() + 1);
    RankedPort ephemeral;
    ephemeral.ephemeral = true;
    for (const PortCount &count : counts) {
        if (fold && portFold.folds(count.port))
            ephemeral.count += count.count;
        else
            ranked.push_back({count.port, count.count, false});
    }
    if (ephemeral.count > 0) {
        // Where its sum ranks it; before a port of the same count (it stands for many).
        const auto at =
            std::find_if(ranked.begin(), ranked.end(), [&](const RankedPort &p) { return p.count <= ephemeral.count; });
        ranked.insert(at, ephemeral);
    }
    return ranked;
}

PortRange localRange(const Snapshot &snapshot)
{
    return snapshot.ephemeralRange;
}

PortFold foldOf(const Snapshot &snapshot, bool local)
{
    PortFold portFold;
    portFold.range = snapshot.ephemeralRange;
    if (!portFold.range.valid)
        return portFold;
    if (const SysctlReading *reserved = snapshot.sysctl("net.ipv4.ip_local_reserved_ports");
        reserved && reserved->state == SysctlReading::State::Present) {
        const std::vector<bool> ports = PortBudgetSettings::reservedPorts(reserved->value);
        for (std::size_t p = 0; p < ports.size(); ++p)
            if (ports[p] && portFold.range.contains(std::uint16_t(p)))
                portFold.keptApart.push_back(std::uint16_t(p));
    }
    if (local) {
        for (const SocketRecord &socket : snapshot.sockets)
            if (socket.state == TcpState::Listen && portFold.range.contains(socket.localPort))
                portFold.keptApart.push_back(socket.localPort);
    }
    std::sort(portFold.keptApart.begin(), portFold.keptApart.end());
    portFold.keptApart.erase(std::unique(portFold.keptApart.begin(), portFold.keptApart.end()), portFold.keptApart.end());
    return portFold;
}

}
