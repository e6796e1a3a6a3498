#include "core/snapshot/rankedports.h"

#include <algorithm>

namespace RankedPorts {

std::vector<RankedPort> rank(const std::vector<PortCount> &counts, const PortRange &range, bool fold)
{
    std::vector<RankedPort> ranked;
    ranked.reserve(counts.size() + 1);
    RankedPort ephemeral;
    ephemeral.ephemeral = true;
    for (const PortCount &count : counts) {
        if (fold && range.contains(count.port))
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

}
