#pragma once

#include "core/owners/socketownership.h"

#include <array>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <vector>

// (family, remote address, remote port): where a client's connections go.
struct Endpoint
{
    std::array<std::uint8_t, 16> address;
    std::uint16_t port;
    std::uint8_t family;
    bool operator==(const Endpoint &other) const
    {
        return port == other.port && family == other.family && address == other.address;
    }
};

struct EndpointHash
{
    std::size_t operator()(const Endpoint &key) const;
};

// Who holds live outgoing connections (from ports nobody listens on) to each remote endpoint, for
// the "likely" owner of the TIME-WAIT entries towards it. Owners are told apart by command, uid
// and cgroup (not only the unit's name, alike in two containers): the forked workers of one client
// are one candidate, not one per pid. A connection whose owner is not known (opened after the
// last pass over /proc, passed to another process and closed, or held where /proc/PID/fd cannot
// be read) does not cancel a known owner: it is counted, and the guess says how many there were.
class ClientEndpoints
{
public:
    static constexpr std::uint32_t None = 0xffffffffu;
    // Distinct processes kept per endpoint: enough to count a pre-fork pool.
    static constexpr std::size_t MaximumProcesses = 4096;

    struct Clients
    {
        std::vector<std::uint32_t> processes; // distinct pool indices of process owners, one owner
        std::unordered_set<std::uint32_t> seen; // the same, to find one in constant time
        std::uint32_t cgroup = None; // pool index of an owner known only by its cgroup (a unit)
        std::uint32_t cgroupSockets = 0;
        std::uint32_t known = 0; // connections whose process is known (a descriptor found)
        std::uint32_t unknown = 0; // connections of no known owner
        bool conflict = false; // two commands or units: no guess
        // More distinct processes went there than MaximumProcesses: `processes` is a floor.
        bool processesCapped = false;
        bool unknownCounted = false; // unknown added to an owner's OwnerTimeWait::unknownLive
    };

    explicit ClientEndpoints(const std::vector<SocketOwner> &pool)
        : m_pool(pool)
    {
    }
    void reserve(std::size_t sockets) { m_clients.reserve(sockets); }
    // One live connection to `endpoint`, held by `pool` (None: nobody known) as `evidence` found it
    // (Descriptor: a process; Cgroup: only the socket's cgroup).
    void add(const Endpoint &endpoint, std::uint32_t pool, OwnerEvidence evidence);
    bool empty() const { return m_clients.empty(); }
    Clients *find(const Endpoint &endpoint);

    // The connections beside the owner's that name no process of it: with processes known, the
    // cgroup-only ones of their unit count too (the same service, but no process to name).
    static std::uint32_t unknownBeside(const Clients &clients)
    {
        return clients.unknown + (clients.processes.empty() ? 0 : clients.cgroupSockets);
    }
    // Whether `clients` name one owner: its processes, or (with none) its unit; false when two
    // owners would fit, nobody is known, or more connections there have no known process than
    // have one (1 known beside 1,000 unknown says nothing of who made the TIME-WAIT).
    bool unanimous(const Clients &clients) const;

private:
    bool sameOwner(std::uint32_t a, std::uint32_t b) const;

    const std::vector<SocketOwner> &m_pool;
    std::unordered_map<Endpoint, Clients, EndpointHash> m_clients;
};
