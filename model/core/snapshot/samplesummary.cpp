#include "samplesummary.h"

#include <algorithm>

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

void SampleSummarizer::track(std::vector<Tracked> &tracked, const std::vector<PortCount> &counts, std::int64_t nowMs)
{
    const std::size_t top = std::min<std::size_t>(counts.size(), TopPortsWatched);
    for (std::size_t i = 0; i < top; ++i) {
        const std::uint16_t port = counts[i].port;
        auto it = std::find_if(tracked.begin(), tracked.end(), [port](const Tracked &t) { return t.port == port; });
        if (it != tracked.end()) {
            it->lastTopMs = nowMs;
            continue;
        }
        if (int(tracked.size()) == SampleSummary::TrackedPorts) {
            // Make room by forgetting the port that has been out of the top the longest.
            auto oldest = std::min_element(tracked.begin(), tracked.end(),
                                           [](const Tracked &a, const Tracked &b) { return a.lastTopMs < b.lastTopMs; });
            tracked.erase(oldest);
        }
        tracked.push_back({port, nowMs});
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

SampleSummary SampleSummarizer::summarize(const Snapshot &snapshot)
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
        for (int c = 0; c < TcpCounterCount; ++c) {
            if (!snapshot.rates->valid[c])
                continue;
            summary.rates[c] = float(snapshot.rates->perSecond[c]);
            summary.ratesValidMask |= 1u << c;
        }
    }
    summary.collectMs = float(double(snapshot.collectNs) / 1e6);
    summary.consistent = snapshot.consistent;
    summary.socketAgeMs = std::uint32_t(std::clamp<std::int64_t>(snapshot.socketAgeMs(), 0, SampleSummary::MaximumSocketAgeMs));
    return summary;
}
