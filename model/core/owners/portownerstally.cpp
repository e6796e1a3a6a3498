#include "core/owners/portownerstally.h"

#include <algorithm>

namespace {

std::vector<std::int16_t> slotsOf(const std::vector<std::uint16_t> &ports, std::size_t *count)
{
    std::vector<std::int16_t> slot(65536, -1);
    // At most 32,767 ports fit an int16 slot; a few dozen are ever asked for.
    *count = std::min<std::size_t>(ports.size(), 32767);
    for (std::size_t i = 0; i < *count; ++i)
        slot[ports[i]] = std::int16_t(i);
    return slot;
}

}

PortOwnersTally::PortOwnersTally(const std::vector<std::uint16_t> &localPorts, const std::vector<std::uint16_t> &remotePorts)
{
    std::size_t localCount = 0, remoteCount = 0;
    m_localSlot = slotsOf(localPorts, &localCount);
    m_remoteSlot = slotsOf(remotePorts, &remoteCount);
    m_local.resize(localCount);
    for (std::size_t i = 0; i < localCount; ++i)
        m_local[i].port = localPorts[i];
    m_remote.resize(remoteCount);
    for (std::size_t i = 0; i < remoteCount; ++i)
        m_remote[i].port = remotePorts[i];
}

void PortOwnersTally::Port::add(const OwnerRef &ref)
{
    if (ref.owner == 0) {
        ++unattributed;
        return;
    }
    // Owner references grow as the tracker meets owners during its pass: grow by doubling.
    if (ref.owner >= byOwner.size())
        byOwner.resize(std::max<std::size_t>(std::size_t(ref.owner) + 1, 2 * byOwner.size()));
    OwnerTimeWait &entry = byOwner[ref.owner];
    entry.owner = ref.owner;
    entry.add(ref.evidence);
}

std::vector<PortOwners> PortOwnersTally::finish(std::vector<Port> &ports)
{
    std::vector<PortOwners> out(ports.size());
    for (std::size_t i = 0; i < ports.size(); ++i) {
        PortOwners &p = out[i];
        p.port = ports[i].port;
        p.unattributed = ports[i].unattributed;
        std::vector<OwnerTimeWait> &all = ports[i].byOwner;
        all.erase(std::remove_if(all.begin(), all.end(), [](const OwnerTimeWait &e) { return e.count == 0; }), all.end());
        const std::size_t listed = std::min(all.size(), PortOwners::OwnersListed);
        std::partial_sort(all.begin(), all.begin() + std::ptrdiff_t(listed), all.end(),
                          [](const OwnerTimeWait &a, const OwnerTimeWait &b) {
                              return a.count > b.count || (a.count == b.count && a.owner < b.owner);
                          });
        p.owners.assign(all.begin(), all.begin() + std::ptrdiff_t(listed));
        for (std::size_t j = listed; j < all.size(); ++j)
            p.otherOwners += all[j].count;
    }
    return out;
}

void PortOwnersTally::finish(SocketOwnership &ownership)
{
    ownership.localPortOwners = finish(m_local);
    ownership.remotePortOwners = finish(m_remote);
}
