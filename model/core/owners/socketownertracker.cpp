#include "core/owners/socketownertracker.h"

#include "core/owners/clientendpoints.h"

#include "core/collect/largetable.h"
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace {

constexpr std::uint32_t Ambiguous = 0xffffffffu;
constexpr int CookieBitsLog2 = 21;

std::size_t cookieBit(std::uint64_t cookie)
{
    return std::size_t((cookie * 0xD6E8FEB86659FD93ull) >> (64 - CookieBitsLog2));
}
constexpr std::size_t MaximumPool = 65536;
// Remote endpoints whose likely owner is held from one attribution to the next.
constexpr std::size_t MaximumHeldClients = 65536;
// poolIndex()'s identity of the owner standing for a client's processes (no listener's inode).
constexpr std::uint32_t ClientsIdentity = 0xfffffffeu;
// A TIME-WAIT entry lasts 60 s (TCP_TIMEWAIT_LEN in include/net/tcp.h): an owner not confirmed by
// live processes for longer (and a sample's worth, the window's slowest refresh being 5 s) made
// none of the entries towards its endpoint now.
constexpr std::int64_t HoldMs = 60'000 + 5'000;
// A pass over /proc reads every process's descriptors (~100 ms of CPU at 40,000 of them). Client
// TIME-WAIT of no known owner asks for one to find a client started since the last pass, but on
// a busy host such entries grow at every sample: a pass for them at most every 30 s (the half
// of an entry's 60 s life: a client found then still explains most of its entries), and only
// when they grew by this many since their low point after the last pass, not by a connection or two.
constexpr std::int64_t GrowthPassIntervalMs = 30'000;
constexpr std::uint32_t GrowthForPass = 16;
// Set in a remembered cookie's value when the pool came from the socket's descriptor (not only
// from its cgroup): such a live socket, met again before the next pass over /proc, has that owner.
constexpr std::uint32_t HeldBit = 0x80000000u;

// The distinct values of `values` (empty ones left out) in their order, joined by ", ": the
// command, user or unit that the holders of a listener share, or each of theirs. At most three
// are named, then "…", so a listener shared by processes of many names stays one short text.
std::string joinDistinct(const std::vector<std::string> &values)
{
    constexpr std::size_t Named = 3;
    std::vector<const std::string *> distinct;
    bool more = false;
    for (const std::string &value : values) {
        if (value.empty() || std::any_of(distinct.begin(), distinct.end(), [&](const std::string *d) { return *d == value; }))
            continue;
        if (distinct.size() == Named) {
            more = true;
            break;
        }
        distinct.push_back(&value);
    }
    std::string joined;
    for (const std::string *value : distinct)
        joined += (joined.empty() ? "" : ", ") + *value;
    return more ? joined + ", …" : joined;
}

void merge(std::uint32_t &slot, std::uint32_t owner)
{
    if (slot == 0)
        slot = owner;
    else if (slot != owner)
        slot = Ambiguous;
}

OwnerTimeWait &countTimeWait(std::vector<OwnerTimeWait> &byOwner, const SocketOwnership &ownership, const OwnerRef &ref)
{
    if (byOwner.size() < ref.owner)
        byOwner.resize(ownership.owners.size());
    OwnerTimeWait &entry = byOwner[ref.owner - 1];
    entry.owner = ref.owner;
    entry.add(ref.evidence);
    return entry;
}


}

SocketOwnerTracker::SocketOwnerTracker()
    : SocketOwnerTracker(Options())
{
}

SocketOwnerTracker::SocketOwnerTracker(Options options)
    : m_options(std::move(options))
    , m_processes(m_options.processes)
{
}

std::string SocketOwnerTracker::userName(std::uint32_t uid)
{
    const auto it = m_userNames.find(uid);
    if (it != m_userNames.end())
        return it->second;
    std::string name = std::to_string(uid);
    passwd entry {};
    passwd *result = nullptr;
    char buffer[4096];
    if (getpwuid_r(uid, &entry, buffer, sizeof buffer, &result) == 0 && result && result->pw_name)
        name = result->pw_name;
    if (m_userNames.size() < 4096)
        m_userNames.emplace(uid, name);
    return name;
}

std::uint32_t SocketOwnerTracker::poolIndex(SocketOwner owner, std::uint32_t identity)
{
    std::string key = std::to_string(owner.pid) + '\0' + owner.command + '\0' + std::to_string(owner.uid) + '\0' + owner.unit
        + '\0' + owner.user + '\0' + std::to_string(owner.processes) + '\0' + std::to_string(identity) + '\0' + owner.cgroup;
    const auto it = m_poolIndex.find(key);
    if (it != m_poolIndex.end())
        return it->second;
    m_pool.push_back(std::move(owner));
    m_poolIndex.emplace(std::move(key), std::uint32_t(m_pool.size() - 1));
    return std::uint32_t(m_pool.size() - 1);
}

std::uint32_t SocketOwnerTracker::poolIndexOfProcess(std::uint32_t pid)
{
    if (const std::uint32_t *known = m_pidPool.find(pid))
        return *known;
    SocketOwner owner;
    owner.pid = pid;
    owner.processes = 1;
    if (const ProcessSocketMap::Process *process = m_processes.process(pid)) {
        owner.uid = process->uid;
        owner.command = process->command;
        owner.unit = CgroupNames::unitOf(process->cgroup);
        owner.cgroup = process->cgroup;
    }
    owner.user = userName(owner.uid);
    const std::uint32_t index = poolIndex(std::move(owner));
    m_pidPool.set(pid, index);
    return index;
}

std::uint32_t SocketOwnerTracker::poolIndexOfHolders(std::uint32_t inode)
{
    if (const std::uint32_t *known = m_holdersPool.find(inode))
        return *known;
    const std::vector<std::uint32_t> pids = m_processes.holdersOf(inode);
    if (pids.empty())
        return Ambiguous;
    std::vector<std::string> commands, users, units;
    SocketOwner owner;
    owner.processes = std::uint32_t(pids.size());
    for (const std::uint32_t pid : pids) {
        const ProcessSocketMap::Process *process = m_processes.process(pid);
        if (!process)
            continue;
        if (commands.empty())
            owner.uid = process->uid;
        commands.push_back(process->command);
        users.push_back(userName(process->uid));
        units.push_back(CgroupNames::unitOf(process->cgroup));
    }
    owner.command = joinDistinct(commands);
    owner.user = joinDistinct(users);
    owner.unit = joinDistinct(units);
    const std::uint32_t index = poolIndex(std::move(owner), pids.front());
    m_holdersPool.set(inode, index);
    return index;
}

std::uint32_t SocketOwnerTracker::poolIndexOfCgroup(std::uint64_t cgroupId, std::int64_t nowMs)
{
    const auto it = m_cgroupPool.find(cgroupId);
    if (it != m_cgroupPool.end())
        return it->second;
    const std::string path = m_cgroupNames.pathOf(cgroupId, nowMs);
    SocketOwner owner;
    owner.unit = CgroupNames::unitOf(path);
    owner.cgroup = path;
    if (owner.unit.empty())
        return Ambiguous; // not known (yet), or the root cgroup: no owner rather than a raw number
    const std::uint32_t index = poolIndex(std::move(owner));
    m_cgroupPool.emplace(cgroupId, index);
    return index;
}

void SocketOwnerTracker::remember(std::uint64_t cookie, std::uint32_t poolIndex, bool held)
{
    if (cookie == 0)
        return;
    if (m_cookies.size() >= m_options.rememberedCookies && !m_cookies.find(cookie))
        rotate();
    m_cookies.set(cookie, poolIndex | (held ? HeldBit : 0));
    if (m_cookieBits.empty())
        m_cookieBits.assign(std::size_t(1) << (CookieBitsLog2 - 6), 0);
    const std::size_t bit = cookieBit(cookie);
    m_cookieBits[bit >> 6] |= std::uint64_t(1) << (bit & 63);
}

std::uint32_t SocketOwnerTracker::remembered(std::uint64_t cookie) const
{
    const std::size_t bit = cookieBit(cookie);
    if (m_cookieBits.empty() || !(m_cookieBits[bit >> 6] & (std::uint64_t(1) << (bit & 63))))
        return Ambiguous;
    const std::uint32_t *pool = m_cookies.find(cookie);
    if (!pool)
        pool = m_olderCookies.find(cookie);
    return pool ? *pool : Ambiguous;
}

void SocketOwnerTracker::rotate()
{
    m_olderCookies.clear();
    m_olderCookies.swap(m_cookies);
    // The bits of the generation just dropped go; the older one's stay.
    std::fill(m_cookieBits.begin(), m_cookieBits.end(), 0);
    m_olderCookies.forEach([this](std::uint64_t cookie, std::uint32_t) {
        const std::size_t bit = cookieBit(cookie);
        m_cookieBits[bit >> 6] |= std::uint64_t(1) << (bit & 63);
    });
}

// One attribution's working state: the owners handed out so far and what the pass over the live
// sockets found, for the TIME-WAIT entries and the cookies to remember after it.
struct SocketOwnerTracker::Pass
{
    Pass(const std::vector<SocketOwner> &ownerPool, SocketOwnership &result)
        : pool(ownerPool)
        , ownership(result)
        , refOfPool(ownerPool.size(), 0)
    {
    }

    // This snapshot's owner reference (index + 1) for a pool index, the owner added on first use.
    std::uint32_t refOf(std::uint32_t poolIndex)
    {
        if (poolIndex >= refOfPool.size())
            refOfPool.resize(pool.size(), 0);
        std::uint32_t &ref = refOfPool[poolIndex];
        if (ref == 0) {
            ownership.owners.push_back(pool[poolIndex]);
            ref = std::uint32_t(ownership.owners.size());
        }
        return ref;
    }

    const std::vector<SocketOwner> &pool;
    SocketOwnership &ownership;
    std::vector<std::uint32_t> refOfPool; // pool index -> owner reference, 0 until used
    std::vector<std::uint32_t> livePools; // per live socket: its pool index, Ambiguous for none
    std::vector<bool> liveNew; // per live socket: to be remembered (not found held in the last attribution)
    // Per local port: the pool index + 1 of its listeners' holders, Ambiguous when they differ.
    std::vector<std::uint32_t> listenerOwner = std::vector<std::uint32_t>(65536, 0);
};

SocketOwnership SocketOwnerTracker::attribute(const std::vector<SocketRecord> &sockets, const SocketPartition &partition,
                                              const CgroupIdTable &cgroups, std::int64_t nowMs, PortOwnersTally *ports)
{
    SocketOwnership ownership;
    m_nowMs = nowMs;
    refreshProcesses(sockets, nowMs, ownership);
    Pass pass(m_pool, ownership);
    attributeLive(sockets, partition, cgroups, nowMs, pass);
    attributeTimeWait(sockets, partition, pass, ports);
    rememberLive(sockets, partition, pass);
    return ownership;
}

void SocketOwnerTracker::refreshProcesses(const std::vector<SocketRecord> &sockets, std::int64_t nowMs,
                                          SocketOwnership &ownership)
{
    if (!m_walkedAhead)
        m_processes.walk(nowMs, passWanted());
    m_walkedAhead = false;
    m_processes.finish(sockets, nowMs);
    ownership.scope = m_processes.scope();
    ownership.processesUnreadable = m_processes.processesUnreadable();
    m_passCompleted = m_pidPoolPass != m_processes.passes();
    if (m_passCompleted) {
        m_pidPool.clear(); // the pass may have seen processes change their command or cgroup
        m_holdersPool.clear();
        m_pidPoolPass = m_processes.passes();
        m_growthPassPending = false;
        dropExitedHolds();
    }
    if (m_pool.size() > MaximumPool) {
        // Forget everything but what is live now: the cookie memory points into the pool.
        m_pool.clear();
        m_poolIndex.clear();
        m_pidPool.clear();
        m_holdersPool.clear();
        m_cgroupPool.clear();
        m_cookies.clear();
        m_olderCookies.clear();
        m_cookieBits.clear();
        m_heldClients.clear();
    }
}

// The live sockets only (the partition was made in the aggregator's pass over the records).
// A socket held by a process in the last attribution, with no pass over /proc since, is held
// by it still (the inode map changes only with a pass): its remembered cookie gives its owner
// in one probe, where the inode map, the pid's owner and remembering it again took three.
void SocketOwnerTracker::attributeLive(const std::vector<SocketRecord> &sockets, const SocketPartition &partition,
                                       const CgroupIdTable &cgroups, std::int64_t nowMs, Pass &pass)
{
    SocketOwnership &ownership = pass.ownership;
    ownership.perSocket.reserve(sockets.size());
    LargeTable::prefault(ownership.perSocket.data(), ownership.perSocket.capacity() * sizeof(OwnerRef));
    ownership.perSocket.assign(sockets.size(), OwnerRef());
    const bool sameProcesses = m_processes.passes() == m_attributedPass;
    m_attributedPass = m_processes.passes();
    pass.livePools.reserve(partition.live.size());
    pass.liveNew.reserve(partition.live.size());
    std::uint32_t lastPid = 0, lastPool = Ambiguous;
    bool unknownInodes = false;
    for (const std::uint32_t i : partition.live) {
        const SocketRecord &record = sockets[i];
        std::uint32_t pool = Ambiguous;
        OwnerEvidence evidence = OwnerEvidence::None;
        const std::uint32_t *held = sameProcesses ? m_cookies.find(record.cookie) : nullptr;
        pass.liveNew.push_back(!(held && (*held & HeldBit)));
        if (!pass.liveNew.back()) {
            pool = *held & ~HeldBit;
            evidence = OwnerEvidence::Descriptor;
        } else if (const std::uint32_t pid = m_processes.holderOf(record.inode)) {
            // Runs of one process's sockets are common (a server's connections): one lookup for them.
            if (pid != lastPid) {
                lastPid = pid;
                lastPool = poolIndexOfProcess(pid);
            }
            pool = lastPool;
            evidence = OwnerEvidence::Descriptor;
        } else {
            // New since the last pass over /proc, unless that pass found it in no process.
            unknownInodes = unknownInodes || !m_processes.knownUnowned(record.inode);
            if (record.cgroupSlot != 0) {
                pool = poolIndexOfCgroup(cgroups.idOf(record.cgroupSlot), nowMs);
                evidence = OwnerEvidence::Cgroup;
            }
        }
        if (pool != Ambiguous)
            ownership.perSocket[i] = {pass.refOf(pool), evidence};
        pass.livePools.push_back(pool);
        // A listener nobody is known to own makes its port ambiguous: it may be the real server.
        // One held by processes is owned by all of them together; one known only by its cgroup, by the unit.
        if (record.state == TcpState::Listen) {
            const std::uint32_t holders = evidence == OwnerEvidence::Descriptor ? poolIndexOfHolders(record.inode) : pool;
            merge(pass.listenerOwner[record.localPort], holders == Ambiguous ? Ambiguous : holders + 1);
        }
    }
    // The next update() starts a pass over /proc on this (after its rescan interval) instead of
    // reading every record again to find out.
    m_unknownInodes = unknownInodes;
}

void SocketOwnerTracker::dropExitedHolds()
{
    for (auto it = m_heldClients.begin(); it != m_heldClients.end();) {
        const std::array<std::uint32_t, 4> &pids = it->second.pids;
        const bool known = pids[0] != 0; // not only a cgroup
        const bool running =
            std::any_of(pids.begin(), pids.end(), [this](std::uint32_t pid) { return pid && m_processes.listed(pid); });
        it = known && !running ? m_heldClients.erase(it) : std::next(it);
    }
}

// Who connects where, from ports nobody listens on (outgoing connections).
ClientEndpoints SocketOwnerTracker::outgoingClients(const std::vector<SocketRecord> &sockets, const SocketPartition &partition,
                                                    const Pass &pass) const
{
    ClientEndpoints clients(m_pool);
    clients.reserve(partition.live.size());
    for (std::size_t k = 0; k < partition.live.size(); ++k) {
        const SocketRecord &record = sockets[partition.live[k]];
        if (record.state == TcpState::Listen || pass.listenerOwner[record.localPort] != 0)
            continue;
        clients.add(Endpoint {record.remoteAddress, record.remotePort, record.family}, pass.livePools[k],
                    pass.ownership.perSocket[partition.live[k]].evidence);
    }
    return clients;
}

// The pool index of the processes of one command and unit that hold connections somewhere:
// the process itself when it is one; else an owner standing for all of them (pid 0), for which
// of the workers of a pre-fork client opened and closed a given connection is not known.
// The owner is keyed by what stays while workers come and go (command, uid, cgroup: what
// ClientEndpoints merges by), its count set in place: keyed by the count too, every change of
// the pool's size would add an owner to the pool, which is flushed whole when full.
std::uint32_t SocketOwnerTracker::poolIndexOfClients(const ClientEndpoints::Clients &clients)
{
    const std::vector<std::uint32_t> &processes = clients.processes;
    if (processes.size() == 1 && !clients.processesCapped)
        return processes.front();
    const SocketOwner &first = m_pool[processes.front()];
    SocketOwner owner;
    owner.uid = first.uid;
    owner.command = first.command;
    owner.unit = first.unit;
    owner.cgroup = first.cgroup;
    owner.user = first.user; // one uid: one user
    const std::uint32_t index = poolIndex(std::move(owner), ClientsIdentity);
    m_pool[index].processes = std::uint32_t(processes.size());
    m_pool[index].processesAtLeast = clients.processesCapped;
    return index;
}

// The likely owner of TIME-WAIT entries towards `endpoint`, as a pool index (Ambiguous: none),
// and how many live connections there have no known owner. An endpoint's owner holds while its
// live connections name nobody else: a sample in which the pool's connections were all opened
// after the last pass over /proc, or all closed, keeps the owner found before (no flicker to 0).
SocketOwnerTracker::ClientGuess SocketOwnerTracker::guessClient(ClientEndpoints &clients, const Endpoint &endpoint)
{
    ClientEndpoints::Clients *live = clients.find(endpoint);
    ClientGuess guess;
    guess.clients = live;
    const auto held = m_heldClients.find(endpoint);
    const bool holds = held != m_heldClients.end() && m_nowMs - held->second.confirmedMs <= HoldMs;
    const std::uint32_t heldPool = holds ? held->second.pool : Ambiguous;
    HeldClient next {Ambiguous, m_nowMs, {}};
    if (live && (live->conflict || !live->processes.empty())) {
        if (clients.unanimous(*live)) {
            guess.pool = poolIndexOfClients(*live);
            guess.unknown = ClientEndpoints::unknownBeside(*live);
            for (std::size_t i = 0; i < next.pids.size() && i < live->processes.size(); ++i)
                next.pids[i] = m_pool[live->processes[i]].pid;
        }
    } else if (heldPool != Ambiguous
               && (!live || live->cgroup == Ambiguous || m_pool[live->cgroup].cgroup == m_pool[heldPool].cgroup)) {
        // No process holds a connection there now, and no other unit does: the owner found before.
        guess.pool = heldPool;
        guess.unknown = live ? live->unknown + live->cgroupSockets : 0;
        guess.fromHold = true;
        next = held->second;
    } else if (live && live->cgroup != Ambiguous) {
        guess.pool = live->cgroup; // only a unit known
        guess.unknown = live->unknown;
    }
    next.pool = guess.pool;
    if (guess.pool != Ambiguous && m_nextHeldClients.size() < MaximumHeldClients)
        m_nextHeldClients.emplace(endpoint, next);
    return guess;
}

void SocketOwnerTracker::attributeTimeWait(const std::vector<SocketRecord> &sockets, const SocketPartition &partition, Pass &pass,
                                           PortOwnersTally *ports)
{
    SocketOwnership &ownership = pass.ownership;
    ClientEndpoints clients = outgoingClients(sockets, partition, pass);
    m_nextHeldClients.clear();
    const bool memory = !m_cookies.empty() || !m_olderCookies.empty();
    // A client's TIME-WAIT entries to one server come one after the other in the dump: the last
    // endpoint's answer is tried before the map.
    Endpoint lastEndpoint {};
    ClientGuess last;
    bool lastKnown = false;
    std::uint32_t clientUnattributed = 0;
    std::vector<OwnerTimeWait> byOwner;
    for (const SocketPartition::TimeWait &entry : partition.timeWait) {
        OwnerRef &ref = ownership.perSocket[entry.index];
        const std::uint32_t pool = memory ? remembered(entry.cookie) : Ambiguous;
        const std::uint32_t listener = pass.listenerOwner[entry.localPort];
        bool guessed = false;
        if (pool != Ambiguous && (pool & HeldBit)) {
            ref = {pass.refOf(pool & ~HeldBit), OwnerEvidence::Exact};
        } else if (listener != 0 && listener != Ambiguous) {
            ref = {pass.refOf(listener - 1), OwnerEvidence::Listener};
        } else if (pool != Ambiguous) {
            // Seen, but only its cgroup known: a unit, weaker than a process that held it.
            ref = {pass.refOf(pool), OwnerEvidence::Cgroup};
        } else if (listener != 0) {
            // A server port with an unknown or second listener: no guess.
        } else {
            const SocketRecord &record = sockets[entry.index];
            const Endpoint endpoint {record.remoteAddress, record.remotePort, record.family};
            if (!lastKnown || !(endpoint == lastEndpoint)) {
                last = guessClient(clients, endpoint);
                lastEndpoint = endpoint;
                lastKnown = true;
            }
            if (last.pool != Ambiguous)
                ref = {pass.refOf(last.pool), last.unknown ? OwnerEvidence::LikelyUnknown : OwnerEvidence::Likely};
            guessed = true;
        }
        if (ref.owner) {
            OwnerTimeWait &counts = countTimeWait(byOwner, ownership, ref);
            // The unknown connections of an endpoint count once, for the owner its entries went to.
            if (guessed && last.clients && last.unknown && !last.clients->unknownCounted) {
                counts.unknownLive += last.unknown;
                last.clients->unknownCounted = true;
            }
        } else {
            ++ownership.timeWaitUnattributed;
        }
        // An owner only held from before may not be the one making entries there now: for the
        // pass that would find a newer client, such entries count as attributed to nobody.
        clientUnattributed += guessed && (!ref.owner || last.fromHold);
        if (ports)
            ports->add(entry.localPort, entry.remotePort, ref);
    }
    m_heldClients.swap(m_nextHeldClients);
    passForGrowth(clientUnattributed);
    if (ports)
        ports->finish(ownership);
    for (const OwnerTimeWait &entry : byOwner) {
        if (entry.count > 0)
            ownership.timeWaitByOwner.push_back(entry);
    }
    ownership.sortTimeWait();
}

// More client TIME-WAIT with no owner than since the last pass over /proc: the client may be a
// process that pass did not see (started since); the next sample starts a pass (GrowthForPass).
void SocketOwnerTracker::passForGrowth(std::uint32_t clientUnattributed)
{
    if (m_passCompleted || clientUnattributed < m_clientUnattributedLow)
        m_clientUnattributedLow = clientUnattributed;
    const bool grew = std::uint64_t(clientUnattributed) >= std::uint64_t(m_clientUnattributedLow) + GrowthForPass;
    const bool allowed = !m_growthPassAsked || m_nowMs - m_growthPassMs >= GrowthPassIntervalMs;
    if (grew && allowed && !m_growthPassPending) {
        m_growthPassPending = true;
        m_growthPassAsked = true;
        m_growthPassMs = m_nowMs;
    }
}

void SocketOwnerTracker::rememberLive(const std::vector<SocketRecord> &sockets, const SocketPartition &partition,
                                      const Pass &pass)
{
    for (std::size_t k = 0; m_rememberCookies && k < partition.live.size(); ++k) {
        if (pass.livePools[k] != Ambiguous && pass.liveNew[k]) {
            const std::uint32_t i = partition.live[k];
            remember(sockets[i].cookie, pass.livePools[k], pass.ownership.perSocket[i].evidence == OwnerEvidence::Descriptor);
        }
    }
}
