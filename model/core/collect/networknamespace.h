#pragma once

#include "core/collect/coremessage.h"
#include "core/collect/namespaceidentity.h"

#include <string>

// A network namespace to observe: a name under /var/run/netns (as `ip netns` makes them) or a
// path such as /proc/PID/ns/net. Opened where it is named, so a bad name fails early; entered
// with setns() by the collecting thread alone, so the rest of the program stays where it is.
class NetworkNamespace
{
public:
    NetworkNamespace() = default; // the caller's own namespace
    ~NetworkNamespace();
    NetworkNamespace(NetworkNamespace &&other) noexcept;
    NetworkNamespace &operator=(NetworkNamespace &&other) noexcept;
    NetworkNamespace(const NetworkNamespace &) = delete;
    NetworkNamespace &operator=(const NetworkNamespace &) = delete;

    // Opens `spec`; on failure returns false and a one-line reason.
    bool open(const std::string &spec, CoreMessage *error);

    // For the privileged helper: the namespace at `path` only if it is `expected` (see
    // NamespaceIdentity::openVerified); false, and no reason worth showing, otherwise.
    bool openVerified(const std::string &path, const NamespaceIdentity &expected);
    // Through pkexec: only the caller's own (NamespaceIdentity::openCallersVerified).
    bool openCallersVerified(const std::string &path, const NamespaceIdentity &expected, std::int64_t caller,
                             std::uint32_t callerUid);

    bool isCurrent() const { return m_fd < 0; }
    // Which namespace this is: the opened one, or the calling thread's for the current one.
    NamespaceIdentity identity() const;
    // An open descriptor on the same namespace, kept by whoever must name it later (the sysctl
    // applier passes /proc/<its pid>/fd/<descriptor> to the helper): a duplicate, or for the
    // current namespace the calling thread's, opened now.
    NetworkNamespace duplicate() const;
    int descriptor() const { return m_fd; }
    // What the user asked for; empty for the current namespace (the caller words it, "current").
    std::string label() const;
    // Moves the calling thread into the namespace. No-op for the current namespace.
    bool enterInCallingThread(CoreMessage *error) const;
    // Whether enterInCallingThread() would succeed, found without moving the caller: a trial on a
    // thread made for it, which ends at once (see the .cpp). The same reason on failure.
    bool mayEnter(CoreMessage *error) const;

    // The namespace the calling thread is in, as "net:[4026531840]".
    static std::string callingThreadNamespaceId();

private:
    bool adopt(int fd, const NamespaceIdentity &expected);

    int m_fd = -1;
    std::string m_spec;
};
