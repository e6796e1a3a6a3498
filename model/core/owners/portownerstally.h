#pragma once

#include "core/owners/socketownership.h"

#include <cstdint>
#include <vector>

// Counts whom the TIME-WAIT on chosen ports is attributed to, one entry at a time, for
// SocketOwnership::localPortOwners and ::remotePortOwners. Fed by SocketOwnerTracker's own pass
// over a dump's TIME-WAIT entries (a second pass over 302k records costs ~4 ms), or by
// PortOwnersCounter over a table read back.
class PortOwnersTally
{
public:
    // The ports to count, busiest first, by local and by remote port.
    PortOwnersTally(const std::vector<std::uint16_t> &localPorts, const std::vector<std::uint16_t> &remotePorts);

    // One TIME-WAIT entry and whom it is attributed to (owner 0: nobody).
    void add(std::uint16_t localPort, std::uint16_t remotePort, const OwnerRef &ref)
    {
        if (const std::int16_t slot = m_localSlot[localPort]; slot != NotCounted)
            m_local[std::size_t(slot)].add(ref);
        if (const std::int16_t slot = m_remoteSlot[remotePort]; slot != NotCounted)
            m_remote[std::size_t(slot)].add(ref);
    }
    // Sets ownership.localPortOwners and .remotePortOwners, in the order the ports were given.
    void finish(SocketOwnership &ownership);

private:
    static constexpr std::int16_t NotCounted = -1;

    struct Port
    {
        std::uint16_t port = 0;
        // TIME-WAIT by owner reference: a table, not a map, so an entry is an index and an add
        // however many processes a busy host or a crafted recording names.
        std::vector<OwnerTimeWait> byOwner;
        std::uint32_t unattributed = 0;
        void add(const OwnerRef &ref);
    };
    static std::vector<PortOwners> finish(std::vector<Port> &ports);

    std::vector<std::int16_t> m_localSlot;
    std::vector<std::int16_t> m_remoteSlot;
    std::vector<Port> m_local;
    std::vector<Port> m_remote;
};
