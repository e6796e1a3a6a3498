#pragma once

#include "core/collect/kernelfigures.h"
#include "core/owners/ownerlabel.h"
#include "core/snapshot/snapshot.h"
#include "core/collect/tcpstate.h"

#include <array>
#include <cstdint>
#include <vector>

// What the charts need of one sample, in a fixed-size record: an hour of samples at 0.25 s is a
// few megabytes, and a recording stores the same record for every sample.
struct SampleSummary
{
    static constexpr int TrackedPorts = 16;
    static constexpr int TrackedOwners = 8;

    // TIME-WAIT attributed to one owner (OwnerLabel: a command and its unit, pids merged).
    struct OwnerCount
    {
        std::uint64_t key = 0; // OwnerLabel::key()
        std::uint32_t count = 0;
    };

    std::int64_t timeMs = 0; // wall clock, ms since the epoch
    std::array<std::uint32_t, TcpStateCount> states {};
    std::uint32_t totalSockets = 0;
    std::int64_t maxTimeWaitBuckets = -1;
    // TIME-WAIT counts of the ports that were among the busiest recently (by local and by remote
    // port). A port is listed from the sample it became busy on, so its history has no holes.
    std::array<PortCount, TrackedPorts> localPorts {};
    std::array<PortCount, TrackedPorts> remotePorts {};
    std::uint8_t localPortCount = 0;
    std::uint8_t remotePortCount = 0;
    std::array<std::int64_t, SlabCacheCount> slabBytes {};
    std::uint8_t slabPresentMask = 0; // bit per SlabCache: a figure exists
    std::uint8_t slabExactMask = 0; // bit per SlabCache: it came from /proc/slabinfo
    // The counters a summary carries: those 0.2 knew, as its SUMMARY frame must hold exactly
    // them (a 0.2 reader refuses any other count). Counters appended since (PAWSTimewait,
    // PAWSOldAck) are in --once and the exporter, from the snapshot.
    static constexpr int RecordedCounters = static_cast<int>(TcpCounter::PawsTimewait);
    std::array<float, TcpCounterCount> rates {}; // per second, against the previous sample
    std::uint32_t ratesValidMask = 0; // bit per TcpCounter, below RecordedCounters
    float collectMs = 0;
    bool consistent = true;
    // How old the socket-derived figures (states, ports, total) are: 0 when this sample dumped
    // the sockets, else the time since the dump it repeats (the agent spaces dumps by their CPU
    // cost; the /proc counters, slab and sysctls are always read afresh).
    std::uint32_t socketAgeMs = 0;
    static constexpr std::uint32_t MaximumSocketAgeMs = 86400000;
    // Samples before this one were lost (a stream's connection dropped): the charts break here
    // however short the gap. Kept in memory only; a recording shows such a gap by its times.
    bool gapBefore = false;
    // The busiest tuple (local address, remote address and port: what connect() picks a local
    // port for) with its ports in use, and the size of ip_local_port_range (0: not known), from
    // the socket table this sample showed. In memory only, as gapBefore: a recording's or a
    // stream's SUMMARY frame does not carry it (a stream's source fills it from its table).
    PortPressure busiestTuple {};
    std::uint32_t ephemeralPorts = 0;
    // TIME-WAIT by owner, for the owners that were among the top recently (as for ports: an owner
    // is listed from the sample it entered the top on, so its history has no holes). Their names
    // travel beside the summary (OwnerLabels; a recording's SUMMARY OWNERS frame): a summary
    // stays a fixed-size record. Not known (ownersKnown false) when owners were not looked up.
    std::array<OwnerCount, TrackedOwners> owners {};
    std::uint8_t ownerCount = 0;
    bool ownersKnown = false;
    std::uint32_t timeWaitUnattributed = 0;

    std::uint32_t count(TcpState state) const { return states[static_cast<int>(state)]; }
    bool hasRate(TcpCounter c) const { return ratesValidMask & (1u << static_cast<int>(c)); }
    float rate(TcpCounter c) const { return rates[static_cast<int>(c)]; }
    bool hasSlab(SlabCache c) const { return slabPresentMask & (1u << static_cast<int>(c)); }
    bool slabExact(SlabCache c) const { return slabExactMask & (1u << static_cast<int>(c)); }
    // TIME-WAIT count of `port` in this sample; -1 when the port was not tracked then.
    std::int64_t timeWaitOnPort(bool remote, std::uint16_t port) const;
    // TIME-WAIT attributed to the owner of `key` in this sample; -1 when it was not tracked then.
    std::int64_t timeWaitOfOwner(std::uint64_t key) const;
};

// SampleSummary::busiestTuple and ephemeralPorts from the socket table of `snapshot`.
void setBusiestTuple(SampleSummary &summary, const Snapshot &snapshot);

// The names of a summary's tracked owners, index for index with SampleSummary::owners.
using OwnerLabels = std::vector<OwnerLabel>;

// Turns snapshots into summaries, remembering which ports have been busy so each summary carries
// a continuous history for them. One per sampler (it keeps state between samples).
class SampleSummarizer
{
public:
    static constexpr int TopPortsWatched = 8; // newly busy ports enter the tracked set from this top
    static constexpr int TopOwnersWatched = 5; // newly busy owners enter the tracked set from this top

    // `labels`, when given, receives the names of the summary's tracked owners.
    SampleSummary summarize(const Snapshot &snapshot, OwnerLabels *labels = nullptr);

private:
    struct Tracked
    {
        std::uint16_t port;
        std::int64_t lastTopMs;
    };
    static void track(std::vector<Tracked> &tracked, const std::vector<PortCount> &counts, std::int64_t nowMs);
    static void fill(const std::vector<Tracked> &tracked, const std::vector<PortCount> &counts,
                     std::array<PortCount, SampleSummary::TrackedPorts> &out, std::uint8_t &outCount);

    struct TrackedOwner
    {
        OwnerLabel label;
        std::uint64_t key;
        std::int64_t lastTopMs;
    };
    void trackOwners(const Snapshot &snapshot, SampleSummary &summary, OwnerLabels *labels);

    std::vector<Tracked> m_local;
    std::vector<Tracked> m_remote;
    std::vector<TrackedOwner> m_owners;
};
