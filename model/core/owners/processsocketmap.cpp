#include "core/owners/processsocketmap.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

constexpr std::size_t MaximumCommand = 64;
constexpr std::size_t MaximumCgroupPath = 4096;

bool parsePid(const char *name, std::uint32_t *pid)
{
    std::uint64_t value = 0;
    if (!*name)
        return false;
    for (const char *p = name; *p; ++p) {
        if (*p < '0' || *p > '9' || value > 0xffffffffull / 10)
            return false;
        value = value * 10 + std::uint64_t(*p - '0');
    }
    *pid = std::uint32_t(value);
    return value > 0 && value <= 0xffffffffull;
}

// "socket:[12345]" -> 12345
bool socketInode(const char *link, std::size_t length, std::uint32_t *inode)
{
    static constexpr char Prefix[] = "socket:[";
    constexpr std::size_t PrefixLength = sizeof(Prefix) - 1;
    if (length < PrefixLength + 2 || std::memcmp(link, Prefix, PrefixLength) != 0 || link[length - 1] != ']')
        return false;
    std::uint64_t value = 0;
    for (std::size_t i = PrefixLength; i + 1 < length; ++i) {
        if (link[i] < '0' || link[i] > '9' || value > 0xffffffffull)
            return false;
        value = value * 10 + std::uint64_t(link[i] - '0');
    }
    *inode = std::uint32_t(value);
    return value <= 0xffffffffull;
}

// A small file under a /proc/PID directory, at most `limit` bytes.
std::string readSmall(int directory, const char *name, std::size_t limit)
{
    const int fd = openat(directory, name, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::string();
    std::string text(limit, '\0');
    std::size_t used = 0;
    for (;;) {
        const ssize_t got = ::read(fd, &text[used], limit - used);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        used += std::size_t(got);
        if (used == limit)
            break;
    }
    ::close(fd);
    text.resize(used);
    return text;
}

// The cgroup v2 line of /proc/PID/cgroup: "0::/system.slice/nginx.service".
std::string cgroupV2Path(const std::string &contents)
{
    std::size_t start = 0;
    while (start < contents.size()) {
        std::size_t end = contents.find('\n', start);
        if (end == std::string::npos)
            end = contents.size();
        if (contents.compare(start, 3, "0::") == 0)
            return contents.substr(start + 3, end - start - 3);
        start = end + 1;
    }
    return std::string();
}

}

ProcessSocketMap::ProcessSocketMap()
    : ProcessSocketMap(Options())
{
}

ProcessSocketMap::ProcessSocketMap(Options options)
    : m_options(std::move(options))
{
}

const ProcessSocketMap::Process *ProcessSocketMap::process(std::uint32_t pid) const
{
    const auto it = m_processes.find(pid);
    return it == m_processes.end() ? nullptr : &it->second;
}

std::vector<std::uint32_t> ProcessSocketMap::holdersOf(std::uint32_t inode) const
{
    std::vector<std::uint32_t> pids;
    const std::uint32_t *lowest = m_inodes.find(inode);
    if (!lowest)
        return pids;
    pids.push_back(*lowest & ~SharedBit);
    if (!(*lowest & SharedBit))
        return pids;
    auto it = std::lower_bound(m_sharers.begin(), m_sharers.end(), std::make_pair(inode, std::uint32_t(0)));
    for (; it != m_sharers.end() && it->first == inode; ++it)
        pids.push_back(it->second);
    return pids;
}

void ProcessSocketMap::update(const std::vector<SocketRecord> &sockets, std::int64_t nowMs, bool unknownSeen)
{
    walk(nowMs, unknownSeen);
    finish(sockets, nowMs);
}

bool ProcessSocketMap::walkDue(std::int64_t nowMs, bool unknownSeen) const
{
    return m_passActive || m_passes == 0 || (nowMs - m_lastPassMs >= m_options.rescanMs && unknownSeen);
}

void ProcessSocketMap::walk(std::int64_t nowMs, bool unknownSeen)
{
    if (m_walkComplete || !walkDue(nowMs, unknownSeen))
        return;
    const bool first = m_passes == 0;
    if (!m_passActive)
        startPass();
    m_walkComplete = continuePass(first ? ~std::uint64_t(0) : m_options.descriptorBudget);
}

void ProcessSocketMap::finish(const std::vector<SocketRecord> &sockets, std::int64_t nowMs)
{
    if (!m_walkComplete)
        return;
    m_walkComplete = false;
    finishPass(sockets, nowMs);
}

void ProcessSocketMap::startPass()
{
    m_passActive = true;
    m_pids.clear();
    m_cursor = 0;
    m_found.clear();
    m_foundSharers.clear();
    m_foundProcesses.clear();
    m_foundUnreadable = 0;
    DIR *proc = opendir(m_options.procRoot.c_str());
    if (!proc)
        return;
    while (const dirent *entry = readdir(proc)) {
        std::uint32_t pid = 0;
        if (parsePid(entry->d_name, &pid))
            m_pids.push_back(pid);
    }
    closedir(proc);
    std::sort(m_pids.begin(), m_pids.end());
}

bool ProcessSocketMap::continuePass(std::uint64_t budget)
{
    std::uint64_t spent = 0;
    while (m_cursor < m_pids.size() && spent < budget)
        spent += scanProcess(m_pids[m_cursor++]) + 1;
    return m_cursor >= m_pids.size();
}

std::uint64_t ProcessSocketMap::scanProcess(std::uint32_t pid)
{
    const std::string base = m_options.procRoot + '/' + std::to_string(pid);
    const int processDir = open(base.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (processDir < 0)
        return 0; // gone since the listing
    const int fdDir = openat(processDir, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fdDir < 0) {
        if (errno == EACCES || errno == EPERM)
            ++m_foundUnreadable;
        ::close(processDir);
        return 0;
    }
    DIR *fds = fdopendir(fdDir);
    if (!fds) {
        ::close(fdDir);
        ::close(processDir);
        return 0;
    }
    std::uint64_t links = 0;
    bool holdsSockets = false;
    char link[64];
    while (const dirent *entry = readdir(fds)) {
        if (entry->d_name[0] == '.')
            continue;
        ++links;
        const ssize_t length = readlinkat(fdDir, entry->d_name, link, sizeof link);
        std::uint32_t inode = 0;
        if (length <= 0 || std::size_t(length) >= sizeof link || !socketInode(link, std::size_t(length), &inode))
            continue;
        holdsSockets = true;
        // Processes are read in pid order: the first holder found is the lowest; the others are
        // listed beside it (a process holding the inode twice, through dup(), is listed once).
        const std::uint32_t *holder = m_found.find(inode);
        if (!holder) {
            m_found.set(inode, pid);
        } else if ((*holder & ~SharedBit) != pid
                   && (m_foundSharers.empty() || m_foundSharers.back() != std::make_pair(inode, pid))) {
            m_found.set(inode, *holder | SharedBit);
            m_foundSharers.emplace_back(inode, pid);
        }
    }
    closedir(fds); // closes fdDir
    if (holdsSockets) {
        Process &process = m_foundProcesses[pid];
        struct stat status
        {
        };
        if (fstat(processDir, &status) == 0)
            process.uid = status.st_uid;
        process.command = readSmall(processDir, "comm", MaximumCommand);
        if (!process.command.empty() && process.command.back() == '\n')
            process.command.pop_back();
        process.cgroup = cgroupV2Path(readSmall(processDir, "cgroup", MaximumCgroupPath));
    }
    ::close(processDir);
    return links;
}

void ProcessSocketMap::finishPass(const std::vector<SocketRecord> &sockets, std::int64_t nowMs)
{
    m_passActive = false;
    m_inodes.swap(m_found);
    m_processes.swap(m_foundProcesses);
    std::sort(m_foundSharers.begin(), m_foundSharers.end());
    m_foundSharers.erase(std::unique(m_foundSharers.begin(), m_foundSharers.end()), m_foundSharers.end());
    m_sharers.swap(m_foundSharers);
    m_foundSharers.clear();
    m_found.clear();
    m_foundProcesses.clear();
    m_unreadable = m_foundUnreadable;
    // Judged by what happened, not by the euid: a user namespace's root cannot read the host's processes either.
    m_scope = m_unreadable == 0 ? OwnerScope::AllProcesses : OwnerScope::OwnProcesses;
    m_unowned.clear();
    for (const SocketRecord &record : sockets) {
        if (record.inode != 0 && !m_inodes.find(record.inode))
            m_unowned.set(record.inode, 1);
    }
    m_listed.swap(m_pids); // sorted by startPass()
    m_pids.clear();
    m_pids.shrink_to_fit();
    m_lastPassMs = nowMs;
    ++m_passes;
}
