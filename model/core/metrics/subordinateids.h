#pragma once

#include <cstdint>
#include <ctime>
#include <string>
#include <vector>

// The subordinate uid ranges of /etc/subuid (subuid(5)): a user given one (useradd does it by
// default where newuidmap is installed, for rootless containers) can make sockets owned by any of
// its 65,536 uids from a user namespace, so the exporter counts a subordinate uid as its owner.
class SubordinateIds
{
public:
    // More is not read: a real file has a line per user.
    static constexpr std::size_t MaximumFileBytes = 1 << 20;

    // "owner:first:count" lines (owner a name or a uid; others ignored); replaces what was read.
    void parse(const std::string &text);
    // Reads `path` again if it changed since the last call (or it went: then no ranges).
    void refresh(const std::string &path = "/etc/subuid");
    // The owner of the range holding `uid`, or "" when none does.
    const std::string &ownerOf(std::uint32_t uid) const;

private:
    struct Range
    {
        std::uint64_t first = 0;
        std::uint64_t end = 0; // one past the last
        std::string owner;
    };
    std::vector<Range> m_ranges; // sorted by first
    // What the last refresh() saw, to read the file only when it changed.
    std::uint64_t m_device = 0, m_inode = 0;
    std::int64_t m_size = -1;
    timespec m_modified {};
};
