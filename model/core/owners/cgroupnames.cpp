#include "core/owners/cgroupnames.h"

#include "core/collect/procfile.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <vector>

namespace {

constexpr std::size_t MaximumDirectories = 100000; // a walk stops there (a host has a few hundred)
constexpr int MaximumDepth = 32;

bool isHex(const std::string &text)
{
    if (text.empty())
        return false;
    for (const char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

bool endsWith(const std::string &text, const char *suffix)
{
    const std::string s(suffix);
    return text.size() >= s.size() && text.compare(text.size() - s.size(), s.size(), s) == 0;
}

// "docker-<64 hex>.scope" -> "docker:<12 hex>"; empty when `name` is no container scope.
std::string containerName(const std::string &name)
{
    static const struct
    {
        const char *prefix;
        const char *label;
    } Runtimes[] = {
        {"docker-", "docker:"},
        {"libpod-", "podman:"},
        {"cri-containerd-", "containerd:"},
        {"crio-", "cri-o:"},
    };
    if (!endsWith(name, ".scope"))
        return std::string();
    for (const auto &runtime : Runtimes) {
        const std::string prefix(runtime.prefix);
        if (name.compare(0, prefix.size(), prefix) != 0)
            continue;
        const std::string id = name.substr(prefix.size(), name.size() - prefix.size() - 6);
        if (id.size() >= 12 && isHex(id))
            return runtime.label + id.substr(0, 12);
    }
    return std::string();
}

}

CgroupNames::CgroupNames(std::int64_t rewalkMs)
    : m_rewalkMs(rewalkMs)
{
}

std::string CgroupNames::mountPoint(const std::string &mountinfo)
{
    // "36 25 0:31 / /sys/fs/cgroup rw,... shared:9 - cgroup2 cgroup2 rw": the mount point is
    // field 5, the type follows " - ".
    std::size_t start = 0;
    while (start < mountinfo.size()) {
        std::size_t end = mountinfo.find('\n', start);
        if (end == std::string::npos)
            end = mountinfo.size();
        const std::string line = mountinfo.substr(start, end - start);
        start = end + 1;
        const std::size_t dash = line.find(" - ");
        if (dash == std::string::npos || line.compare(dash + 3, 8, "cgroup2 ") != 0)
            continue;
        std::size_t field = 0, position = 0;
        for (int i = 0; i < 4 && position != std::string::npos; ++i)
            position = line.find(' ', position + (i ? 1 : 0));
        if (position == std::string::npos)
            continue;
        field = position + 1;
        const std::size_t fieldEnd = line.find(' ', field);
        std::string path = line.substr(field, fieldEnd - field);
        if (path.find('\\') != std::string::npos)
            continue; // octal escapes: not a mount point we can open by that text
        return path;
    }
    return std::string();
}

std::string CgroupNames::pathOf(std::uint64_t id, std::int64_t nowMs)
{
    auto it = m_paths.find(id);
    if (it != m_paths.end())
        return it->second;
    if (m_walked && nowMs - m_lastWalkMs < m_rewalkMs)
        return std::string();
    m_walked = true;
    m_lastWalkMs = nowMs;
    walk();
    it = m_paths.find(id);
    return it == m_paths.end() ? std::string() : it->second;
}

void CgroupNames::walk()
{
    if (m_mount.empty())
        m_mount = mountPoint(ProcFile::read("/proc/self/mountinfo").contents);
    if (m_mount.empty())
        return;
    m_paths.clear();
    struct Pending
    {
        std::string relative;
        int depth;
    };
    std::vector<Pending> pending {{std::string(), 0}};
    std::size_t seen = 0;
    const int root = open(m_mount.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (root < 0)
        return;
    while (!pending.empty() && seen < MaximumDirectories) {
        const Pending current = std::move(pending.back());
        pending.pop_back();
        const int fd =
            current.relative.empty() ? dup(root) : openat(root, current.relative.c_str() + 1, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0)
            continue;
        DIR *directory = fdopendir(fd);
        if (!directory) {
            ::close(fd);
            continue;
        }
        while (const dirent *entry = readdir(directory)) {
            const std::string name = entry->d_name;
            if (entry->d_type != DT_DIR)
                continue;
            if (name == "..")
                continue;
            if (name == ".") {
                m_paths[entry->d_ino] = current.relative.empty() ? std::string("/") : current.relative;
                continue;
            }
            ++seen;
            if (current.depth < MaximumDepth)
                pending.push_back({current.relative + '/' + name, current.depth + 1});
        }
        closedir(directory);
    }
    ::close(root);
}

std::string CgroupNames::unitOf(const std::string &path)
{
    // The root cgroup says nothing about whose a socket is.
    if (path.empty() || path == "/")
        return std::string();
    // The deepest part that is a service, scope or container says most ("user@1000.service/app.slice/foo.service" is foo).
    std::string best, last;
    std::size_t start = 1;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string::npos)
            end = path.size();
        const std::string part = path.substr(start, end - start);
        start = end + 1;
        if (part.empty())
            continue;
        last = part;
        const std::string container = containerName(part);
        if (!container.empty())
            best = container;
        else if (endsWith(part, ".service") || endsWith(part, ".scope"))
            best = part;
    }
    return best.empty() ? last : best;
}
