#include "core/collect/namespaceidentity.h"

#include "core/collect/textscan.h"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <linux/magic.h>
#include <linux/nsfs.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/vfs.h>
#include <unistd.h>

namespace {

NamespaceIdentity ofStat(const struct stat &status)
{
    return {std::uint64_t(status.st_dev), std::uint64_t(status.st_ino)};
}

NamespaceIdentity statPath(const char *path)
{
    struct stat status
    {
    };
    return ::stat(path, &status) == 0 ? ofStat(status) : NamespaceIdentity {};
}

bool kernelNumbersInitialNetwork()
{
    struct utsname name
    {
    };
    int major = 0, minor = 0;
    return ::uname(&name) == 0 && std::sscanf(name.release, "%d.%d", &major, &minor) == 2
        && (major > 6 || (major == 6 && minor >= 18));
}

bool isNsfs(int fd)
{
    struct statfs fs
    {
    };
    return ::fstatfs(fd, &fs) == 0 && fs.f_type == NSFS_MAGIC;
}

}

namespace {
bool digitsOnly(const std::string &text, std::size_t maximum)
{
    if (text.empty() || text.size() > maximum)
        return false;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}
}

std::string NamespaceIdentity::toString() const
{
    return std::to_string(device) + ':' + std::to_string(inode);
}

NamespaceIdentity NamespaceIdentity::parse(const std::string &text)
{
    // ^([0-9]{1,20}):([0-9]{1,20})$
    const std::size_t colon = text.find(':');
    if (colon == std::string::npos)
        return {};
    const std::string device = text.substr(0, colon), inode = text.substr(colon + 1);
    NamespaceIdentity identity;
    if (!digitsOnly(device, 20) || !digitsOnly(inode, 20) || !TextScan::toUInt64(device, &identity.device)
        || !TextScan::toUInt64(inode, &identity.inode))
        return {};
    return identity;
}

NamespaceIdentity NamespaceIdentity::ofDescriptor(int fd)
{
    struct stat status
    {
    };
    return fd >= 0 && ::fstat(fd, &status) == 0 ? ofStat(status) : NamespaceIdentity {};
}

NamespaceIdentity NamespaceIdentity::ofPath(const std::string &path)
{
    return statPath(path.c_str());
}

NamespaceIdentity NamespaceIdentity::ofCallingThread()
{
    return statPath("/proc/thread-self/ns/net");
}

NamespaceIdentity NamespaceIdentity::ofHost()
{
    return statPath("/proc/1/ns/net");
}

bool NamespaceIdentity::isHost(const NamespaceIdentity &identity, bool *known)
{
    return HostNamespaceEvidence::gather().isHost(identity, known);
}

HostNamespaceEvidence HostNamespaceEvidence::gatherWith(const NamespaceIdentity &initial)
{
    HostNamespaceEvidence e;
    e.gathered = true;
    e.initial = initial;
    e.pid1 = NamespaceIdentity::ofHost();
    e.gatheringThread = NamespaceIdentity::ofCallingThread();
    e.numbersInitialFixed = e.gatheringThread.inode == NamespaceIdentity::InitialNetworkInode || kernelNumbersInitialNetwork();
    e.hostSysctlsVisible = ::access("/proc/sys/net/ipv4/tcp_max_orphans", F_OK) == 0;
    return e;
}

HostNamespaceEvidence HostNamespaceEvidence::gather(const std::string &initialPath)
{
    HostNamespaceEvidence e = gatherWith(NamespaceIdentity::ofPath(initialPath));
    e.initialPath = initialPath;
    return e;
}

bool HostNamespaceEvidence::isHost(const NamespaceIdentity &identity, bool *known) const
{
    *known = true;
    // pid 1's link needs ptrace access to pid 1: denied to users, and to root inside a container
    // whose pid 1 belongs to an outer user namespace.
    if (pid1.isValid())
        return identity == pid1;
    if (identity.inode == NamespaceIdentity::InitialNetworkInode)
        return true;
    // Not the fixed inode: not the host's, if this kernel numbers it fixed — seen here when this
    // thread is in it, or known from the release (net_ns_net_init sets it since 6.18). Before
    // that, nothing unprivileged tells the host's namespace apart.
    *known = numbersInitialFixed;
    return false;
}

PersistTarget HostNamespaceEvidence::persistTarget(const NamespaceIdentity &observed) const
{
    if (!gathered || !observed.isValid())
        return PersistTarget::Unknown;
    if (initial.isValid())
        return observed == initial ? PersistTarget::HostNamespace : PersistTarget::ChildNamespace;
    bool known = false;
    bool host = isHost(observed, &known);
    if (!known && hostSysctlsVisible) {
        // tcp_max_orphans is registered for the initial namespace only (sysctl_ipv4_init), and
        // /proc/sys/net shows the calling thread's: that thread is in the host's, so the namespace
        // observed is the host's exactly when it is that one.
        host = observed == gatheringThread;
        known = true;
    }
    if (!known)
        return PersistTarget::Unverified;
    return host ? PersistTarget::HostNamespace : PersistTarget::ChildNamespace;
}

namespace {

// Checks the O_PATH descriptor `pathFd` (closed here) names the network namespace `expected` and
// returns a real descriptor on that very file, or -1.
int reopenVerified(int pathFd, const NamespaceIdentity &expected)
{
    if (pathFd < 0)
        return -1;
    if (!isNsfs(pathFd) || NamespaceIdentity::ofDescriptor(pathFd) != expected) {
        ::close(pathFd);
        return -1;
    }
    // setns() needs a real descriptor: reopen the very file just checked, never the path again.
    const std::string reopen = "/proc/self/fd/" + std::to_string(pathFd);
    const int fd = ::open(reopen.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    ::close(pathFd);
    if (fd < 0)
        return -1;
    // NS_GET_NSTYPE (4.11) tells a network namespace from every other kind.
    if (!isNsfs(fd) || NamespaceIdentity::ofDescriptor(fd) != expected || ::ioctl(fd, NS_GET_NSTYPE) != CLONE_NEWNET) {
        ::close(fd);
        return -1;
    }
    return fd;
}

}

int NamespaceIdentity::openVerified(const std::string &path, const NamespaceIdentity &expected)
{
    // Relative paths would resolve against pkexec's working directory, not the window's.
    if (!expected.isValid() || path.empty() || path.front() != '/' || path.find('\0') != std::string::npos)
        return -1;
    // O_PATH opens nothing: no FIFO waits for a writer, no device driver's open() runs.
    return reopenVerified(::open(path.c_str(), O_PATH | O_CLOEXEC), expected);
}

namespace {
bool positive(const std::string &text, std::size_t maximum)
{
    return digitsOnly(text, maximum) && text.front() != '0';
}

// ^/proc/([1-9][0-9]{0,9})/(fd/[0-9]{1,10}|ns/net|task/[1-9][0-9]{0,9}/ns/net)$ : the pid and the rest.
bool callersForm(const std::string &path, std::string *pid, std::string *rest)
{
    if (path.compare(0, 6, "/proc/") != 0)
        return false;
    const std::size_t slash = path.find('/', 6);
    if (slash == std::string::npos)
        return false;
    *pid = path.substr(6, slash - 6);
    *rest = path.substr(slash + 1);
    if (!positive(*pid, 10))
        return false;
    if (*rest == "ns/net")
        return true;
    if (rest->compare(0, 3, "fd/") == 0)
        return digitsOnly(rest->substr(3), 10);
    if (rest->compare(0, 5, "task/") == 0 && rest->size() > 12 && rest->compare(rest->size() - 7, 7, "/ns/net") == 0)
        return positive(rest->substr(5, rest->size() - 12), 10);
    return false;
}
}

int NamespaceIdentity::openCallersVerified(const std::string &path, const NamespaceIdentity &expected, std::int64_t caller,
                                           std::uint32_t callerUid)
{
    // Exactly these forms, nothing a prefix test would let through: /proc/<caller>/root/…,
    // /proc/<caller>/cwd/… and /proc/<caller>/../<pid>/… all lead, as root, to any namespace.
    std::string pid, rest;
    std::int64_t pidNumber = 0;
    if (!expected.isValid() || !callersForm(path, &pid, &rest) || !TextScan::toInt64(pid, &pidNumber) || pidNumber != caller
        || caller <= 1)
        return -1;
    // /proc/<pid> of the caller's uid: the directory stands for that process while held (a
    // reused PID gets a new one), and a parent that went away leaves the helper to pid 1 or a
    // subreaper, whose entry another uid owns. /proc/<pid> belongs to the process's euid.
    const std::string directory = "/proc/" + std::to_string(caller);
    const int dirFd = ::open(directory.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (dirFd < 0)
        return -1;
    struct stat status
    {
    };
    if (::fstat(dirFd, &status) != 0 || status.st_uid != callerUid) {
        ::close(dirFd);
        return -1;
    }
    const int pathFd = ::openat(dirFd, rest.c_str(), O_PATH | O_CLOEXEC);
    ::close(dirFd);
    return reopenVerified(pathFd, expected);
}

PersistTarget persistTarget(const NamespaceIdentity &observed, const NamespaceIdentity &initial)
{
    return HostNamespaceEvidence::gatherWith(initial).persistTarget(observed);
}
