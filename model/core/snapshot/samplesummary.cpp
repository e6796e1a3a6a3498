#include "core/snapshot/samplesummary.h"

#include <algorithm>
#include <unordered_map>

std::int64_t SampleSummary::timeWaitOnPort(bool remote, std::uint16_t port) const
{
    const auto &ports = remote ? remotePorts : localPorts;
    const int count = remote ? remotePortCount : localPortCount;
    for (int i = 0; i < count; ++i) {
        if (ports[i].port == port)
            return ports[i].count;
    }
    return -1;
}

std::int64_t SampleSummary::timeWaitOfOwner(std::uint64_t key) const
{
    for (int i = 0; i < ownerCount; ++i) {
        if (owners[i].key == key)
            return owners[i].count;
    }
    return -1;
}

namespace {

// Marks the entry `matches` finds as in the top at `nowMs`, or adds `made` when there is none,
// making room by forgetting the entry out of the top the longest: a port or owner is charted
// from the sample it became busy on, so its history has no holes.
template <typename Tracked, typename Matches>
void markInTop(std::vector<Tracked> &tracked, std::size_t capacity, std::int64_t nowMs, Matches matches, Tracked made)
{
    auto it = std::find_if(tracked.begin(), tracked.end(), matches);
    if (it != tracked.end()) {
        it->lastTopMs = nowMs;
        return;
    }
    if (tracked.size() == capacity) {
        auto oldest = std::min_element(tracked.begin(), tracked.end(),
                                       [](const Tracked &a, const Tracked &b) { return a.lastTopMs < b.lastTopMs; });
        tracked.erase(oldest);
    }
    tracked.push_back(std::move(made));
}

}

void SampleSummarizer::track(std::vector<Tracked> &tracked, const std::vector<PortCount> &counts, std::int64_t nowMs)
{
    const std::size_t top = std::min<std::size_t>(counts.size(), TopPortsWatched);
    for (std::size_t i = 0; i < top; ++i) {
        const std::uint16_t port = counts[i].port;
        markInTop(
            tracked, SampleSummary::TrackedPorts, nowMs, [port](const Tracked &t) { return t.port == port; },
            Tracked {port, nowMs});
    }
}

void SampleSummarizer::fill(const std::vector<Tracked> &tracked, const std::vector<PortCount> &counts,
                            std::array<PortCount, SampleSummary::TrackedPorts> &out, std::uint8_t &outCount)
{
    outCount = 0;
    for (const Tracked &t : tracked)
        out[outCount++] = {t.port, 0};
    // counts holds every port with TIME-WAIT; a tracked port missing from it has none now.
    int found = 0;
    for (const PortCount &c : counts) {
        for (int i = 0; i < outCount; ++i) {
            if (out[i].port == c.port) {
                out[i].count = c.count;
                ++found;
                break;
            }
        }
        if (found == outCount)
            break;
    }
}

void SampleSummarizer::trackOwners(const Snapshot &snapshot, SampleSummary &summary, OwnerLabels *labels)
{
    const SocketOwnership &o = snapshot.owners;
    summary.ownersKnown = o.scope != OwnerScope::NotLookedUp;
    summary.timeWaitUnattributed = o.timeWaitUnattributed;
    if (labels)
        labels->clear();
    if (!summary.ownersKnown)
        return;
    // Owners merged by label (a service's workers are one), most TIME-WAIT first.
    struct Merged
    {
        std::uint64_t key;
        std::uint32_t count;
        const SocketOwner *owner;
    };
    // A busy host can have thousands of short-lived clients guessed as owners: no quadratic loops.
    std::vector<Merged> merged;
    std::unordered_map<std::uint64_t, std::size_t> index;
    for (const OwnerTimeWait &entry : o.timeWaitByOwner) {
        const SocketOwner *owner = o.owner(entry.owner);
        if (!owner)
            continue;
        const std::uint64_t key = OwnerLabel::keyOf(owner->command, owner->unit);
        const auto [it, added] = index.emplace(key, merged.size());
        if (added)
            merged.push_back({key, entry.count, owner});
        else
            merged[it->second].count += entry.count;
    }
    // The top few, most first (`index` keeps pointing into `merged`, which is not reordered).
    std::vector<const Merged *> byCount;
    for (const Merged &m : merged)
        byCount.push_back(&m);
    const std::size_t top = std::min<std::size_t>(byCount.size(), TopOwnersWatched);
    std::partial_sort(
        byCount.begin(), byCount.begin() + std::ptrdiff_t(top), byCount.end(),
        [](const Merged *a, const Merged *b) { return a->count > b->count || (a->count == b->count && a->key < b->key); });
    const std::int64_t now = snapshot.wallTimeMs;
    for (std::size_t i = 0; i < top; ++i) {
        const Merged &candidate = *byCount[i];
        markInTop(
            m_owners, SampleSummary::TrackedOwners, now, [&](const TrackedOwner &t) { return t.key == candidate.key; },
            TrackedOwner {OwnerLabel::of(*candidate.owner), candidate.key, now});
    }
    summary.ownerCount = 0;
    for (const TrackedOwner &t : m_owners) {
        const auto it = index.find(t.key);
        summary.owners[summary.ownerCount++] = {t.key, it != index.end() ? merged[it->second].count : 0};
        if (labels)
            labels->push_back(t.label);
    }
}

void setBusiestTuple(SampleSummary &summary, const Snapshot &snapshot)
{
    summary.busiestTuple = PortPressure {};
    for (const PortPressure &tuple : snapshot.portPressure)
        if (tuple.inUse > summary.busiestTuple.inUse)
            summary.busiestTuple = tuple;
    summary.ephemeralPorts = std::uint32_t(snapshot.ephemeralRange.size());
}

SampleSummary SampleSummarizer::summarize(const Snapshot &snapshot, OwnerLabels *labels)
{
    SampleSummary summary;
    summary.timeMs = snapshot.wallTimeMs;
    summary.states = snapshot.stateCounts;
    summary.totalSockets = snapshot.totalSockets();
    summary.maxTimeWaitBuckets = snapshot.maxTimeWaitBuckets();
    track(m_local, snapshot.timeWaitByLocalPort, snapshot.wallTimeMs);
    track(m_remote, snapshot.timeWaitByRemotePort, snapshot.wallTimeMs);
    fill(m_local, snapshot.timeWaitByLocalPort, summary.localPorts, summary.localPortCount);
    fill(m_remote, snapshot.timeWaitByRemotePort, summary.remotePorts, summary.remotePortCount);
    for (int c = 0; c < SlabCacheCount; ++c) {
        const SlabCacheFigure &figure = snapshot.slab.caches[c];
        if (figure.source == SlabCacheFigure::Source::None)
            continue;
        summary.slabBytes[c] = figure.bytes;
        summary.slabPresentMask |= std::uint8_t(1u << c);
        if (figure.exact())
            summary.slabExactMask |= std::uint8_t(1u << c);
    }
    if (snapshot.rates) {
        for (int c = 0; c < SampleSummary::RecordedCounters; ++c) {
            if (!snapshot.rates->valid[c])
                continue;
            summary.rates[c] = float(snapshot.rates->perSecond[c]);
            summary.ratesValidMask |= 1u << c;
        }
    }
    summary.collectMs = float(double(snapshot.collectNs) / 1e6);
    summary.consistent = snapshot.consistent;
    summary.socketAgeMs = std::uint32_t(std::clamp<std::int64_t>(snapshot.socketAgeMs(), 0, SampleSummary::MaximumSocketAgeMs));
    trackOwners(snapshot, summary, labels);
    setBusiestTuple(summary, snapshot);
    return summary;
}
