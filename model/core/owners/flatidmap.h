#pragma once

#include <cstdint>
#include <vector>

// A map from non-zero 64-bit ids (socket cookies, inodes, pids) to 32-bit values: open
// addressing, linear probing, keys in their own array so a miss reads one or two cache lines.
// Looked up once per TIME-WAIT entry per dump (262,144 at the design load), where
// std::unordered_map's node chasing cost more than the rest of the attribution together.
class FlatIdMap
{
public:
    std::size_t size() const { return m_count; }
    bool empty() const { return m_count == 0; }

    const std::uint32_t *find(std::uint64_t key) const
    {
        if (m_count == 0 || key == 0)
            return nullptr;
        for (std::size_t i = slot(key);; i = (i + 1) & m_mask) {
            if (m_keys[i] == key)
                return &m_values[i];
            if (m_keys[i] == 0)
                return nullptr;
        }
    }

    // Sets `key` (non-zero) to `value`.
    void set(std::uint64_t key, std::uint32_t value)
    {
        if (key == 0)
            return;
        if ((m_count + 1) * 2 > m_keys.size())
            grow();
        for (std::size_t i = slot(key);; i = (i + 1) & m_mask) {
            if (m_keys[i] == key) {
                m_values[i] = value;
                return;
            }
            if (m_keys[i] == 0) {
                m_keys[i] = key;
                m_values[i] = value;
                ++m_count;
                return;
            }
        }
    }

    void clear()
    {
        m_keys.clear();
        m_values.clear();
        m_count = 0;
        m_mask = 0;
        m_shift = 64;
    }

    void swap(FlatIdMap &other)
    {
        m_keys.swap(other.m_keys);
        m_values.swap(other.m_values);
        std::swap(m_count, other.m_count);
        std::swap(m_mask, other.m_mask);
        std::swap(m_shift, other.m_shift);
    }

    template <typename F> void forEach(F f) const
    {
        for (std::size_t i = 0; i < m_keys.size(); ++i) {
            if (m_keys[i] != 0)
                f(m_keys[i], m_values[i]);
        }
    }

private:
    std::size_t slot(std::uint64_t key) const { return std::size_t((key * 0x9E3779B97F4A7C15ull) >> m_shift); }

    void grow()
    {
        std::vector<std::uint64_t> keys;
        std::vector<std::uint32_t> values;
        keys.swap(m_keys);
        values.swap(m_values);
        const std::size_t capacity = keys.empty() ? 1024 : keys.size() * 2;
        m_keys.assign(capacity, 0);
        m_values.assign(capacity, 0);
        m_mask = capacity - 1;
        m_shift = 64;
        for (std::size_t c = capacity; c > 1; c >>= 1)
            --m_shift;
        m_count = 0;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (keys[i] != 0)
                set(keys[i], values[i]);
        }
    }

    std::vector<std::uint64_t> m_keys;
    std::vector<std::uint32_t> m_values;
    std::size_t m_count = 0;
    std::size_t m_mask = 0;
    int m_shift = 64;
};
