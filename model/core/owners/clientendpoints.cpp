#include "core/owners/clientendpoints.h"

#include <algorithm>
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

void ClientEndpoints::add(const Endpoint &endpoint, std::uint32_t pool, OwnerEvidence evidence)
{
    Clients &clients = m_clients[endpoint];
    if (pool == None) {
        ++clients.unknown;
    } else if (evidence != OwnerEvidence::Descriptor) {
        ++clients.cgroupSockets;
        if (clients.cgroup == None)
            clients.cgroup = pool;
        else if (m_pool[clients.cgroup].unit != m_pool[pool].unit)
            clients.conflict = true;
    } else if (clients.processes.empty()) {
        clients.processes.push_back(pool);
    } else {
        const SocketOwner &first = m_pool[clients.processes.front()];
        const SocketOwner &owner = m_pool[pool];
        if (first.command != owner.command || first.unit != owner.unit)
            clients.conflict = true;
        else if (clients.processes.size() < MaximumProcesses
                 && std::find(clients.processes.begin(), clients.processes.end(), pool) == clients.processes.end())
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
    // A socket known only by its cgroup belongs to a unit: another unit is another owner.
    return clients.cgroup == None || m_pool[clients.cgroup].unit == m_pool[clients.processes.front()].unit;
}
