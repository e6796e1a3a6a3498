#include "portownerscounter.h"

#include <algorithm>
#include <cstdint>

namespace {

constexpr std::int16_t NotCounted = -1;

// Per counted port: TIME-WAIT by owner reference (index 0: none), with how each was found.
struct PortTally
{
    std::vector<OwnerTimeWait> byOwner; // sized to owners + 1 on its first attributed entry
    std::uint32_t unattributed = 0;
};

std::vector<std::int16_t> slots(const std::vector<PortCount> &busiest, std::size_t count)
{
    std::vector<std::int16_t> slot(65536, NotCounted);
    for (std::size_t i = 0; i < std::min(busiest.size(), count); ++i)
        slot[busiest[i].port] = std::int16_t(i);
    return slot;
}

void tally(PortTally &t, const OwnerRef &ref, std::size_t owners)
{
    if (ref.owner == 0 || ref.owner > owners) {
        ++t.unattributed;
        return;
    }
    // A table sized to the owners, not a map: a count per socket stays an index and an add,
    // however many processes a crafted recording or a busy host names.
    if (t.byOwner.empty())
        t.byOwner.resize(owners + 1);
    OwnerTimeWait &entry = t.byOwner[ref.owner];
    entry.owner = ref.owner;
    ++entry.count;
    if (ref.evidence == OwnerEvidence::Exact)
        ++entry.exact;
    else if (ref.evidence == OwnerEvidence::Listener)
        ++entry.listener;
    else if (ref.evidence == OwnerEvidence::Likely)
        ++entry.likely;
}

std::vector<PortOwners> finish(const std::vector<PortCount> &busiest, std::vector<PortTally> &tallies)
{
    std::vector<PortOwners> out(tallies.size());
    for (std::size_t i = 0; i < tallies.size(); ++i) {
        PortOwners &p = out[i];
        p.port = busiest[i].port;
        p.unattributed = tallies[i].unattributed;
        std::vector<OwnerTimeWait> &all = tallies[i].byOwner;
        all.erase(std::remove_if(all.begin(), all.end(), [](const OwnerTimeWait &e) { return e.count == 0; }), all.end());
        const std::size_t listed = std::min(all.size(), PortOwners::OwnersListed);
        std::partial_sort(all.begin(), all.begin() + std::ptrdiff_t(listed), all.end(), [](const OwnerTimeWait &a, const OwnerTimeWait &b) {
            return a.count > b.count || (a.count == b.count && a.owner < b.owner);
        });
        p.owners.assign(all.begin(), all.begin() + std::ptrdiff_t(listed));
        for (std::size_t j = listed; j < all.size(); ++j)
            p.otherOwners += all[j].count;
    }
    return out;
}

}

namespace PortOwnersCounter {

void count(Snapshot &s)
{
    SocketOwnership &o = s.owners;
    o.localPortOwners.clear();
    o.remotePortOwners.clear();
    if (o.scope == OwnerScope::NotLookedUp || o.perSocket.size() != s.sockets.size())
        return;
    const std::vector<std::int16_t> localSlot = slots(s.timeWaitByLocalPort, PortsCounted);
    const std::vector<std::int16_t> remoteSlot = slots(s.timeWaitByRemotePort, PortsCounted);
    std::vector<PortTally> local(std::min(s.timeWaitByLocalPort.size(), PortsCounted));
    std::vector<PortTally> remote(std::min(s.timeWaitByRemotePort.size(), PortsCounted));
    const std::size_t owners = o.owners.size();
    for (std::size_t i = 0; i < s.sockets.size(); ++i) {
        const SocketRecord &r = s.sockets[i];
        if (r.state != TcpState::TimeWait)
            continue;
        if (const std::int16_t slot = localSlot[r.localPort]; slot != NotCounted)
            tally(local[std::size_t(slot)], o.perSocket[i], owners);
        if (const std::int16_t slot = remoteSlot[r.remotePort]; slot != NotCounted)
            tally(remote[std::size_t(slot)], o.perSocket[i], owners);
    }
    o.localPortOwners = finish(s.timeWaitByLocalPort, local);
    o.remotePortOwners = finish(s.timeWaitByRemotePort, remote);
}

}
