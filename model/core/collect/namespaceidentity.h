#pragma once

#include <cstdint>
#include <string>

// Which network namespace a file names: nsfs's device and inode, as stat() reports them. Unlike a
// path or a PID, it cannot come to mean another namespace while one is held open, so the window
// passes the identity it observed and the privileged helper writes only where it matches.
struct NamespaceIdentity
{
    // The host's (initial) network namespace has this fixed inode since Linux 6.18
    // (include/uapi/linux/nsfs.h, NET_NS_INIT_INO); earlier kernels number every namespace from
    // 0xF0000000 up (proc_alloc_inum), so this number can never mean another one.
    static constexpr std::uint64_t InitialNetworkInode = 0xEFFFFFF9u;

    std::uint64_t device = 0;
    std::uint64_t inode = 0;

    bool isValid() const { return inode != 0; }
    bool operator==(const NamespaceIdentity &other) const { return device == other.device && inode == other.inode; }
    bool operator!=(const NamespaceIdentity &other) const { return !(*this == other); }

    // "DEVICE:INODE" in decimal, the helper's --netns-id argument.
    std::string toString() const;
    // Strictly digits:digits, no sign, no overflow; invalid otherwise.
    static NamespaceIdentity parse(const std::string &text);

    static NamespaceIdentity ofDescriptor(int fd);
    // stat() of a namespace file such as /proc/PID/ns/net (stat, not lstat: the magic link leads
    // to the nsfs inode); invalid when it cannot be read.
    static NamespaceIdentity ofPath(const std::string &path);
    // The calling thread's network namespace (/proc/thread-self/ns/net).
    static NamespaceIdentity ofCallingThread();
    // pid 1's network namespace, the one sysctl.d applies to at boot. Readable only with
    // ptrace access to pid 1 (root); invalid otherwise.
    static NamespaceIdentity ofHost();
    // Whether `identity` is the host's network namespace: compared with pid 1's where that is
    // readable, else by the fixed inode. `known` false: neither can tell (an older kernel, not root).
    static bool isHost(const NamespaceIdentity &identity, bool *known);

    // For the privileged helper: opens `path` only if it is absolute and names the network
    // namespace `expected`; returns the descriptor (O_RDONLY|O_CLOEXEC) or -1. Never blocks
    // (a FIFO) and never opens a device: the path is first opened O_PATH and checked. The
    // caller says only "not the namespace shown": no errno, nothing about files root may read.
    static int openVerified(const std::string &path, const NamespaceIdentity &expected);
    // The same for a request through pkexec: only what the caller (pkexec's parent, of uid
    // `callerUid`) holds itself, named exactly /proc/<caller>/fd/<n>, /proc/<caller>/ns/net or
    // /proc/<caller>/task/<tid>/ns/net, and only while /proc/<caller> belongs to that uid. The
    // helper then checks its parent is still `caller` (it was alive, so the PID was not reused).
    static int openCallersVerified(const std::string &path, const NamespaceIdentity &expected, std::int64_t caller,
                                   std::uint32_t callerUid);
};

// Whether /etc/sysctl.d reaches a network namespace: systemd-sysctl applies it at boot in the
// initial namespace (PID 1's), never in a child namespace made by a container or `ip netns`.
enum class PersistTarget {
    HostNamespace, // the initial namespace
    ChildNamespace, // another one: sysctl.d does not apply there
    Unverified, // neither PID 1's namespace nor the kernel's fixed inode tells: the helper, as root, checks
    Unknown, // the observed namespace itself is not known (nothing observed yet)
};

// What tells the host's namespace apart, gathered once (stat and access calls, in a worker: the
// window's sources deliver it with their kernel facts) and then applied to any namespace
// observed without touching the kernel again.
struct HostNamespaceEvidence
{
    bool gathered = false; // false: nothing known here (a remote host, a recording)
    std::string initialPath = "/proc/1/ns/net";
    NamespaceIdentity initial; // of initialPath, where it could be read
    NamespaceIdentity pid1; // /proc/1/ns/net
    NamespaceIdentity gatheringThread; // the namespace of the thread that gathered it
    bool numbersInitialFixed = false; // the gathering thread sits in the fixed inode, or the release numbers it so
    bool hostSysctlsVisible = false; // /proc/sys/net/ipv4/tcp_max_orphans exists for the gathering thread

    // `initialPath` is where PID 1's namespace is looked for (tests point it elsewhere).
    static HostNamespaceEvidence gather(const std::string &initialPath = "/proc/1/ns/net");
    static HostNamespaceEvidence gatherWith(const NamespaceIdentity &initial);
    bool isHost(const NamespaceIdentity &identity, bool *known) const;
    PersistTarget persistTarget(const NamespaceIdentity &observed) const;
};

// `initial` is PID 1's namespace where the caller could read it; when it could not, the kernel's
// fixed inode for the initial namespace decides where it can (NamespaceIdentity::isHost).
PersistTarget persistTarget(const NamespaceIdentity &observed, const NamespaceIdentity &initial);
