#include "core/owners/clientendpoints.h"

#include <cstring>

std::size_t EndpointHash::operator()(const Endpoint &key) const
{
    std::uint64_t words[2];
    std::memcpy(words, key.address.data(), 16);
    std::uint64_t h = (std::uint64_t(key.port) << 8) | key.family;
    for (const std::uint64_t word : words)
        h = (h ^ word) * 0x9E3779B97F4A7C15ull;
    return std::size_t(h ^ (h >> 29));
}

// Two owners are one only with the same command, uid and cgroup: the unit's name alone is alike
// for nginx.service in two containers, user@1000 and user@1001's units, the root cgroup's processes.
bool ClientEndpoints::sameOwner(std::uint32_t a, std::uint32_t b) const
{
    const SocketOwner &first = m_pool[a];
    const SocketOwner &second = m_pool[b];
    return first.command == second.command && first.uid == second.uid && first.cgroup == second.cgroup;
}

void ClientEndpoints::add(const Endpoint &endpoint, std::uint32_t pool, OwnerEvidence evidence)
{
    Clients &clients = m_clients[endpoint];
    if (pool == None) {
        ++clients.unknown;
    } else if (evidence != OwnerEvidence::Descriptor) {
        ++clients.cgroupSockets;
        if (clients.cgroup == None)
            clients.cgroup = pool;
        else if (m_pool[clients.cgroup].cgroup != m_pool[pool].cgroup)
            clients.conflict = true;
    } else {
        ++clients.known;
        if (!clients.processes.empty() && !sameOwner(clients.processes.front(), pool))
            clients.conflict = true;
        else if (clients.processes.size() >= MaximumProcesses)
            clients.processesCapped = clients.processesCapped || clients.seen.count(pool) == 0;
        else if (clients.seen.insert(pool).second)
            clients.processes.push_back(pool);
    }
}

ClientEndpoints::Clients *ClientEndpoints::find(const Endpoint &endpoint)
{
    const auto it = m_clients.find(endpoint);
    return it == m_clients.end() ? nullptr : &it->second;
}

bool ClientEndpoints::unanimous(const Clients &clients) const
{
    if (clients.conflict)
        return false;
    if (clients.processes.empty())
        return clients.cgroup != None;
    if (unknownBeside(clients) > clients.known)
        return false;
    // A socket known only by its cgroup belongs to a unit: another unit is another owner.
    return clients.cgroup == None || m_pool[clients.cgroup].cgroup == m_pool[clients.processes.front()].cgroup;
}
