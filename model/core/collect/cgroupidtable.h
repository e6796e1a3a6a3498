#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

// The distinct cgroup ids of one dump's sockets (INET_DIAG_CGROUP_ID): a SocketRecord keeps a
// 32-bit slot into this list in what was its padding, so the record stays 72 bytes.
struct CgroupIdTable
{
    std::vector<std::uint64_t> ids;

    // Slot (index + 1) of `id`, added when new.
    std::uint32_t slotOf(std::uint64_t id)
    {
        if (m_lastSlot && ids[m_lastSlot - 1] == id)
            return m_lastSlot;
        const auto it = m_index.find(id);
        if (it != m_index.end())
            return m_lastSlot = it->second;
        ids.push_back(id);
        m_index.emplace(id, std::uint32_t(ids.size()));
        return m_lastSlot = std::uint32_t(ids.size());
    }
    std::uint64_t idOf(std::uint32_t slot) const { return slot > 0 && slot <= ids.size() ? ids[slot - 1] : 0; }
    void clear()
    {
        ids.clear();
        m_index.clear();
        m_lastSlot = 0;
    }

private:
    std::unordered_map<std::uint64_t, std::uint32_t> m_index;
    std::uint32_t m_lastSlot = 0;
};
