#pragma once

#include "core/collect/kerneldefaults.h"
#include "core/collect/namespaceidentity.h"

#include <string>
#include <vector>

// What the sysctl pane says about the kernel a source watches, delivered by the source: the
// kernel's defaults (detected off the GUI thread for this machine, from the agent's header for a
// remote host) and what tells the host's namespace, where sysctl.d applies. Plain data: reading
// it touches no kernel file, so nothing that draws forks, unshares or stats one.
struct KernelFacts
{
    KernelDefaults defaults; // Method::None: not known (yet, or at all)
    HostNamespaceEvidence host; // gathered false: not known from here (a remote host, a recording)

    PersistTarget persistTarget(const NamespaceIdentity &observed) const { return host.persistTarget(observed); }
    bool isHostNamespace(const NamespaceIdentity &observed) const
    {
        return persistTarget(observed) == PersistTarget::HostNamespace;
    }
    // This machine's, now: forks a child into a fresh namespace and stats namespace files, so
    // never on a thread that draws.
    static KernelFacts ofThisKernel(const std::vector<std::string> &defaultsNames,
                                    const std::string &initialNamespacePath = "/proc/1/ns/net");
};
