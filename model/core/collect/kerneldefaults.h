#pragma once

#include "core/collect/coremessage.h"

#include <cstdint>
#include <map>
#include <string>
#include <thread>
#include <vector>

// The running kernel's own defaults, detected rather than inferred from its version: a forked
// child moves into a throwaway network namespace (unshare(CLONE_NEWNET) as root, or
// CLONE_NEWUSER|CLONE_NEWNET unprivileged), reads the per-namespace sysctls there and sends them
// back over a pipe. A fresh namespace starts at the kernel's built-in values, not at the host's
// (sysctl.d applies to the host only). Two of them scale with the TCP established hash the new
// namespace gets, which depends on the creator's tcp_child_ehash_entries (tcp_set_hashinfo in
// net/ipv4/tcp_ipv4.c), so the hash size is recorded with them. Global sysctls such as
// tcp_max_orphans are absent from a child namespace and cannot be detected this way.
struct KernelDefaults
{
    enum class Method { None, NetworkNamespace, UserAndNetworkNamespace };
    // What tcp_timestamps=1 does with the random offset on this kernel, measured on loopback:
    // the history differs between releases and stable backports, so it is measured.
    enum class TimestampOffsets { Unknown, PerConnection, PerAddressPair, NoOffset };

    Method method = Method::None;
    CoreMessage error; // why detection failed (Method::None)
    std::map<std::string, std::string> values; // sysctl name → the file's text in the fresh namespace; absent files are missing
    std::vector<std::string> absent; // names whose file the fresh namespace does not have
    std::int64_t establishedHash = 0; // |tcp_ehash_entries| of the fresh namespace, 0 when unknown
    TimestampOffsets timestampOffsets = TimestampOffsets::Unknown;

    bool ok() const { return method != Method::None; }
    bool has(const std::string &name) const { return values.count(name) != 0; }
    // The detected text of `name`; empty when it was not detected.
    std::string value(const std::string &name) const;

    // Runs the detection now for `names` (dotted sysctl names); no caching. It forks, and the
    // child unshares: never on a thread that draws (the window's sources run it in a worker).
    static KernelDefaults detect(const std::vector<std::string> &names);
    // How many detections (forks) the thread `id` has run in this process: the window's tests
    // check its GUI thread runs none.
    static int detectionsOnThread(std::thread::id id);
};
