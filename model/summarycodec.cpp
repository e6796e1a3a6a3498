#include "summarycodec.h"

#include "bytereader.h"
#include "bytewriter.h"

namespace {

void writePorts(ByteWriter &out, const std::array<PortCount, SampleSummary::TrackedPorts> &ports, quint8 count)
{
    out.u8(count);
    for (int i = 0; i < count; ++i) {
        out.u16(ports[i].port);
        out.varint(ports[i].count);
    }
}

bool readPorts(ByteReader &in, std::array<PortCount, SampleSummary::TrackedPorts> &ports, quint8 &count)
{
    count = in.u8();
    if (count > SampleSummary::TrackedPorts)
        return false;
    for (int i = 0; i < count; ++i) {
        ports[i].port = in.u16();
        ports[i].count = quint32(in.varint());
    }
    return true;
}

}

namespace SummaryCodec {

QByteArray encode(const SampleSummary &s)
{
    ByteWriter out;
    out.reserve(320);
    out.i64(s.timeMs);
    out.u8(TcpStateCount);
    for (const quint32 count : s.states)
        out.varint(count);
    out.varint(s.totalSockets);
    out.svarint(s.maxTimeWaitBuckets);
    writePorts(out, s.localPorts, s.localPortCount);
    writePorts(out, s.remotePorts, s.remotePortCount);
    out.u8(s.slabPresentMask);
    out.u8(s.slabExactMask);
    for (int c = 0; c < SlabCacheCount; ++c) {
        if (s.slabPresentMask & (1u << c))
            out.varint(quint64(qMax<qint64>(0, s.slabBytes[c])));
    }
    out.u8(TcpCounterCount);
    out.u32(s.ratesValidMask);
    for (int c = 0; c < TcpCounterCount; ++c) {
        if (s.ratesValidMask & (1u << c))
            out.f32(s.rates[c]);
    }
    out.f32(s.collectMs);
    out.u8(s.consistent ? 1 : 0);
    return out.take();
}

bool decode(const QByteArray &bytes, SampleSummary *summary)
{
    ByteReader in(bytes);
    SampleSummary s;
    s.timeMs = in.i64();
    // Counts of states and counters are stored so a reader can tell a file from a sockscope
    // that knows a different number of them.
    if (in.u8() != TcpStateCount)
        return false;
    for (quint32 &count : s.states)
        count = quint32(in.varint());
    s.totalSockets = quint32(in.varint());
    s.maxTimeWaitBuckets = in.svarint();
    if (!readPorts(in, s.localPorts, s.localPortCount) || !readPorts(in, s.remotePorts, s.remotePortCount))
        return false;
    s.slabPresentMask = in.u8();
    s.slabExactMask = in.u8();
    for (int c = 0; c < SlabCacheCount; ++c) {
        if (s.slabPresentMask & (1u << c))
            s.slabBytes[c] = qint64(in.varint());
    }
    if (in.u8() != TcpCounterCount)
        return false;
    s.ratesValidMask = in.u32();
    for (int c = 0; c < TcpCounterCount; ++c) {
        if (s.ratesValidMask & (1u << c))
            s.rates[c] = in.f32();
    }
    s.collectMs = in.f32();
    s.consistent = in.u8() != 0;
    if (in.failed() || !in.atEnd())
        return false;
    *summary = s;
    return true;
}

}
