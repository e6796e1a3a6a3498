#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

// Socket cgroup ids (sock_diag's INET_DIAG_CGROUP_ID) to cgroup v2 paths, and paths to what an
// operator calls them. A cgroup v2 id is the inode number of the cgroup's directory (kernfs
// gives directories their node id as inode number, and cgroup_id() is that node id), so a walk
// of the cgroup2 mount reading d_ino finds it without a stat per directory. Walks are cached,
// bounded and at most one per `rewalkMs` when an id is not known.
class CgroupNames
{
public:
    explicit CgroupNames(std::int64_t rewalkMs = 5000);

    // "" when the id is not found (a cgroup removed since, or no cgroup2 mount visible).
    std::string pathOf(std::uint64_t id, std::int64_t nowMs);

    // "nginx.service", "session-3.scope", "docker:3f2a1b9c0d4e", "podman:…", "containerd:…";
    // the path's last part otherwise, "" for the root.
    static std::string unitOf(const std::string &path);
    // Where cgroup v2 is mounted (/sys/fs/cgroup, or /sys/fs/cgroup/unified on hybrid hosts), from mountinfo.
    static std::string mountPoint(const std::string &mountinfo);

private:
    void walk();

    std::int64_t m_rewalkMs;
    std::int64_t m_lastWalkMs = 0;
    bool m_walked = false;
    std::string m_mount;
    std::unordered_map<std::uint64_t, std::string> m_paths;
};
