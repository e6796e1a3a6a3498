#pragma once

#include "kernelfigures.h"
#include "snapshot.h"
#include "tcpstate.h"

#include <QtGlobal>

#include <array>

// What the charts need of one sample, in a fixed-size record: an hour of samples at 0.25 s is a
// few megabytes, and a recording stores the same record for every sample.
struct SampleSummary
{
    static constexpr int TrackedPorts = 16;

    qint64 timeMs = 0; // wall clock, ms since the epoch
    std::array<quint32, TcpStateCount> states {};
    quint32 totalSockets = 0;
    qint64 maxTimeWaitBuckets = -1;
    // TIME-WAIT counts of the ports that were among the busiest recently (by local and by remote
    // port). A port is listed from the sample it became busy on, so its history has no holes.
    std::array<PortCount, TrackedPorts> localPorts {};
    std::array<PortCount, TrackedPorts> remotePorts {};
    quint8 localPortCount = 0;
    quint8 remotePortCount = 0;
    std::array<qint64, SlabCacheCount> slabBytes {};
    quint8 slabPresentMask = 0; // bit per SlabCache: a figure exists
    quint8 slabExactMask = 0; // bit per SlabCache: it came from /proc/slabinfo
    std::array<float, TcpCounterCount> rates {}; // per second, against the previous sample
    quint32 ratesValidMask = 0; // bit per TcpCounter
    float collectMs = 0;
    bool consistent = true;
    // Samples before this one were lost (a stream's connection dropped): the charts break here
    // however short the gap. Kept in memory only; a recording shows such a gap by its times.
    bool gapBefore = false;

    quint32 count(TcpState state) const { return states[static_cast<int>(state)]; }
    bool hasRate(TcpCounter c) const { return ratesValidMask & (1u << static_cast<int>(c)); }
    float rate(TcpCounter c) const { return rates[static_cast<int>(c)]; }
    bool hasSlab(SlabCache c) const { return slabPresentMask & (1u << static_cast<int>(c)); }
    bool slabExact(SlabCache c) const { return slabExactMask & (1u << static_cast<int>(c)); }
    // TIME-WAIT count of `port` in this sample; -1 when the port was not tracked then.
    qint64 timeWaitOnPort(bool remote, quint16 port) const;
};

// Turns snapshots into summaries, remembering which ports have been busy so each summary carries
// a continuous history for them. One per sampler (it keeps state between samples).
class SampleSummarizer
{
public:
    static constexpr int TopPortsWatched = 8; // newly busy ports enter the tracked set from this top

    SampleSummary summarize(const Snapshot &snapshot);

private:
    struct Tracked
    {
        quint16 port;
        qint64 lastTopMs;
    };
    static void track(std::vector<Tracked> &tracked, const std::vector<PortCount> &counts, qint64 nowMs);
    static void fill(const std::vector<Tracked> &tracked, const std::vector<PortCount> &counts,
                     std::array<PortCount, SampleSummary::TrackedPorts> &out, quint8 &outCount);

    std::vector<Tracked> m_local;
    std::vector<Tracked> m_remote;
};
