#include "table/sockettablerows.h"

#include <algorithm>
#include <tuple>

namespace {

// Sort position of a state: the order of a connection's life, as the window lists states.
int stateRank(TcpState state)
{
    const auto &order = tcpStatesInDisplayOrder();
    return int(std::find(order.begin(), order.end(), state) - order.begin());
}

auto endpointKey(const SocketRecord &r, bool local)
{
    return std::make_tuple(r.family, local ? r.localAddress : r.remoteAddress, local ? r.localPort : r.remotePort);
}

}

std::shared_ptr<const SocketTableRows> SocketTableRows::build(const SnapshotPtr &snapshot, const SocketTableQuery &query)
{
    auto result = std::make_shared<SocketTableRows>();
    result->snapshot = snapshot;
    result->generation = query.generation;
    if (!snapshot)
        return result; // nothing sampled from the watched place yet: no rows
    const std::vector<SocketRecord> &sockets = snapshot->sockets;
    std::vector<quint32> &rows = result->rows;
    rows.reserve(sockets.size());
    const bool filtered = !query.filter.isEmpty();
    const SocketOwnership &owners = snapshot->owners;
    const auto ownerOf = [&](quint32 i) {
        const OwnerRef *ref = owners.of(i);
        return ref ? owners.owner(ref->owner) : nullptr;
    };
    for (quint32 i = 0; i < sockets.size(); ++i) {
        if (!filtered || query.filter.matches(sockets[i], ownerOf(i)))
            rows.push_back(i);
    }

    if (rows.empty() && filtered && query.filter.isValid())
        result->wordsMatchingNothing = query.filter.wordsMatchingNothing(sockets, &owners);

    const auto sortBy = [&](auto key) {
        const auto less = [&](quint32 a, quint32 b) {
            return query.descending ? key(sockets[b]) < key(sockets[a]) : key(sockets[a]) < key(sockets[b]);
        };
        std::stable_sort(rows.begin(), rows.end(), less);
    };
    switch (query.sortColumn) {
    case SocketColumn::State:
        sortBy([](const SocketRecord &r) { return std::make_tuple(stateRank(r.state), r.localPort, r.remotePort); });
        break;
    case SocketColumn::Local: sortBy([](const SocketRecord &r) { return endpointKey(r, true); }); break;
    case SocketColumn::Remote: sortBy([](const SocketRecord &r) { return endpointKey(r, false); }); break;
    case SocketColumn::Timer: sortBy([](const SocketRecord &r) { return std::make_tuple(quint8(r.timer), r.expiresMs); }); break;
    case SocketColumn::TimeLeft:
        sortBy([](const SocketRecord &r) { return std::make_tuple(r.timer == SocketTimer::None, r.expiresMs); });
        break;
    case SocketColumn::ReceiveQueue: sortBy([](const SocketRecord &r) { return r.receiveQueue; }); break;
    case SocketColumn::SendQueue: sortBy([](const SocketRecord &r) { return r.sendQueue; }); break;
    case SocketColumn::Uid: sortBy([](const SocketRecord &r) { return r.uid; }); break;
    case SocketColumn::Inode: sortBy([](const SocketRecord &r) { return r.inode; }); break;
    case SocketColumn::Process:
    case SocketColumn::Pid:
    case SocketColumn::Unit:
    case SocketColumn::Attribution: {
        // Sockets without an owner last, whichever the direction.
        const auto ownerKey = [&](quint32 i) {
            const SocketOwner *o = ownerOf(i);
            const OwnerRef *ref = owners.of(i);
            const int evidence = ref ? int(ref->evidence) : 0;
            switch (query.sortColumn) {
            case SocketColumn::Process: return std::make_tuple(o ? o->command : std::string(), o ? o->pid : 0u, evidence);
            case SocketColumn::Pid: return std::make_tuple(std::string(), o ? o->pid : 0u, evidence);
            case SocketColumn::Unit: return std::make_tuple(o ? o->unit : std::string(), o ? o->pid : 0u, evidence);
            default: return std::make_tuple(std::string(), 0u, evidence);
            }
        };
        std::stable_sort(rows.begin(), rows.end(), [&](quint32 a, quint32 b) {
            const bool hasA = ownerOf(a) != nullptr, hasB = ownerOf(b) != nullptr;
            if (hasA != hasB)
                return hasA;
            return query.descending ? ownerKey(b) < ownerKey(a) : ownerKey(a) < ownerKey(b);
        });
        break;
    }
    case SocketColumn::COUNT: break;
    }
    result->cookies.reserve(rows.size());
    for (const quint32 index : rows)
        result->cookies.push_back(sockets[index].cookie);
    return result;
}

int SocketTableRows::rowOfCookie(quint64 cookie) const
{
    const auto it = std::find(cookies.begin(), cookies.end(), cookie);
    return it == cookies.end() ? -1 : int(it - cookies.begin());
}
