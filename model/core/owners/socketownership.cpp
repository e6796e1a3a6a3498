#include "core/owners/socketownership.h"

#include <algorithm>

const char *ownerEvidenceKey(OwnerEvidence evidence)
{
    switch (evidence) {
    case OwnerEvidence::Descriptor: return "fd";
    case OwnerEvidence::Cgroup: return "cgroup";
    case OwnerEvidence::Exact: return "exact";
    case OwnerEvidence::Listener: return "listener";
    case OwnerEvidence::Likely: return "likely";
    case OwnerEvidence::LikelyUnknown: return "likely-unknown";
    case OwnerEvidence::None: break;
    }
    return "none";
}

const char *ownerScopeKey(OwnerScope scope)
{
    switch (scope) {
    case OwnerScope::AllProcesses: return "all-processes";
    case OwnerScope::OwnProcesses: return "own-processes";
    case OwnerScope::NotLookedUp: break;
    }
    return "off";
}

void SocketOwnership::sortTimeWait()
{
    std::sort(timeWaitByOwner.begin(), timeWaitByOwner.end(), [this](const OwnerTimeWait &a, const OwnerTimeWait &b) {
        if (a.count != b.count)
            return a.count > b.count;
        const SocketOwner *x = owner(a.owner);
        const SocketOwner *y = owner(b.owner);
        if (x && y && x->pid != y->pid)
            return x->pid < y->pid;
        return a.owner < b.owner;
    });
}

std::string SocketOwnership::busiestOwnerOfPort(bool remote, std::uint16_t port) const
{
    const PortOwners *shares = ofPort(remote, port);
    const SocketOwner *first = shares && !shares->owners.empty() ? owner(shares->owners[0].owner) : nullptr;
    if (!first)
        return std::string();
    return first->name() + (shares->owners.size() > 1 || shares->otherOwners > 0 ? ", …" : "");
}
