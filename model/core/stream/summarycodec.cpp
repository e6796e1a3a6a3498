#include "core/stream/summarycodec.h"

#include "core/stream/bytereader.h"
#include "core/stream/bytewriter.h"
#include "core/stream/recordingformat.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

void writePorts(ByteWriter &out, const std::array<PortCount, SampleSummary::TrackedPorts> &ports, std::uint8_t count)
{
    out.u8(count);
    for (int i = 0; i < count; ++i) {
        out.u16(ports[i].port);
        out.varint(ports[i].count);
    }
}

// A count the writer stored from a std::uint32_t; anything wider is a damaged or crafted frame.
bool readCount(ByteReader &in, std::uint32_t *count)
{
    const std::uint64_t value = in.varint();
    *count = std::uint32_t(value);
    return value <= std::numeric_limits<std::uint32_t>::max();
}

bool readPorts(ByteReader &in, std::array<PortCount, SampleSummary::TrackedPorts> &ports, std::uint8_t &count)
{
    count = in.u8();
    if (count > SampleSummary::TrackedPorts)
        return false;
    for (int i = 0; i < count; ++i) {
        ports[i].port = in.u16();
        if (!readCount(in, &ports[i].count))
            return false;
    }
    return true;
}

// Rates and collection times are charted, summed and converted to integers: only finite
// values within the given bounds are taken.
bool plausible(float value, float low, float high)
{
    return std::isfinite(value) && value >= low && value <= high;
}

}

namespace SummaryCodec {

std::string encode(const SampleSummary &s)
{
    ByteWriter out;
    out.reserve(320);
    out.i64(s.timeMs);
    out.u8(TcpStateCount);
    for (const std::uint32_t count : s.states)
        out.varint(count);
    out.varint(s.totalSockets);
    out.svarint(s.maxTimeWaitBuckets);
    writePorts(out, s.localPorts, s.localPortCount);
    writePorts(out, s.remotePorts, s.remotePortCount);
    out.u8(s.slabPresentMask);
    out.u8(s.slabExactMask);
    for (int c = 0; c < SlabCacheCount; ++c) {
        if (s.slabPresentMask & (1u << c))
            out.varint(std::uint64_t(std::max<std::int64_t>(0, s.slabBytes[c])));
    }
    // A 0.2 reader refuses a SUMMARY whose counter count is not its 19 (SampleSummary::RecordedCounters).
    constexpr int RecordedCounters = SampleSummary::RecordedCounters;
    static_assert(RecordedCounters == 19, "the counters of 0.2's SUMMARY frame");
    out.u8(RecordedCounters);
    out.u32(s.ratesValidMask & ((1u << RecordedCounters) - 1));
    for (int c = 0; c < RecordedCounters; ++c) {
        if (s.ratesValidMask & (1u << c))
            out.f32(s.rates[c]);
    }
    out.f32(s.collectMs);
    out.u8(s.consistent ? 1 : 0);
    out.varint(s.socketAgeMs);
    return out.take();
}

bool decode(std::string_view bytes, SampleSummary *summary, std::uint16_t version)
{
    ByteReader in(bytes);
    SampleSummary s;
    s.timeMs = in.i64();
    if (s.timeMs < 0 || s.timeMs > RecordingFormat::MaximumTimeMs)
        return false;
    // Counts of states and counters are stored so a reader can tell a file from a sockscope
    // that knows a different number of them.
    if (in.u8() != TcpStateCount)
        return false;
    for (std::uint32_t &count : s.states) {
        if (!readCount(in, &count))
            return false;
    }
    if (!readCount(in, &s.totalSockets))
        return false;
    // -1: tcp_max_tw_buckets unknown; the kernel keeps it in an int.
    s.maxTimeWaitBuckets = in.svarint();
    if (s.maxTimeWaitBuckets < -1 || s.maxTimeWaitBuckets > std::numeric_limits<int>::max())
        return false;
    if (!readPorts(in, s.localPorts, s.localPortCount) || !readPorts(in, s.remotePorts, s.remotePortCount))
        return false;
    s.slabPresentMask = in.u8();
    s.slabExactMask = in.u8();
    if ((s.slabPresentMask | s.slabExactMask) >> SlabCacheCount)
        return false;
    for (int c = 0; c < SlabCacheCount; ++c) {
        if (!(s.slabPresentMask & (1u << c)))
            continue;
        const std::uint64_t slabBytes = in.varint();
        if (slabBytes > std::uint64_t(RecordingFormat::MaximumFigure))
            return false;
        s.slabBytes[c] = std::int64_t(slabBytes);
    }
    // Counters are only ever appended (PAWSTimewait and PAWSOldAck came after the first 19): a file
    // from a sockscope that knew fewer is read with the others absent.
    const int storedCounters = in.u8();
    if (storedCounters > TcpCounterCount)
        return false;
    s.ratesValidMask = in.u32();
    if (storedCounters < 32 && s.ratesValidMask >> storedCounters)
        return false;
    constexpr float MaximumRate = float(RecordingFormat::MaximumFigure);
    for (int c = 0; c < TcpCounterCount; ++c) {
        if (!(s.ratesValidMask & (1u << c)))
            continue;
        s.rates[c] = in.f32();
        if (!plausible(s.rates[c], -MaximumRate, MaximumRate))
            return false;
    }
    s.collectMs = in.f32();
    // A collection takes milliseconds to seconds; a day is a generous bound.
    if (!plausible(s.collectMs, 0, 86400000.0f))
        return false;
    s.consistent = in.u8() != 0;
    if (version >= 2) {
        // A dump is reused for seconds, not days (DumpPacer spaces them by their cost).
        const std::uint64_t age = in.varint();
        if (age > SampleSummary::MaximumSocketAgeMs)
            return false;
        s.socketAgeMs = std::uint32_t(age);
    }
    if (in.failed() || !in.atEnd())
        return false;
    *summary = s;
    return true;
}

}
