#pragma once

#include <QString>
#include <QtGlobal>

// A namespace as the kernel identifies it: the device and inode of its nsfs file. Two paths name
// the same namespace exactly when both numbers match; the inode alone ("net:[4026531840]") is
// what people read, the pair is what a program compares.
struct NamespaceIdentity
{
    quint64 device = 0;
    quint64 inode = 0;

    bool isValid() const { return inode != 0; }
    bool operator==(const NamespaceIdentity &other) const { return device == other.device && inode == other.inode; }
    bool operator!=(const NamespaceIdentity &other) const { return !(*this == other); }

    // stat() of a namespace file such as /proc/1/ns/net; invalid when it cannot be read (another
    // user's process needs ptrace access, so /proc/1/ns/net is root's only).
    static NamespaceIdentity ofPath(const QString &path);
    // The network namespace the calling thread is in.
    static NamespaceIdentity ofCallingThread();
};

// Whether /etc/sysctl.d reaches a network namespace: systemd-sysctl applies it at boot in the
// initial namespace (PID 1's), never in a child namespace made by a container or `ip netns`.
enum class PersistTarget {
    HostNamespace,  // the same namespace as PID 1
    ChildNamespace, // another one: sysctl.d does not apply there
    Unverified,     // PID 1's namespace is not readable by this user: the helper, as root, checks
    Unknown,        // the observed namespace itself is not known (nothing observed yet)
};

PersistTarget persistTarget(const NamespaceIdentity &observed, const NamespaceIdentity &initial);
