#include "core/stream/framereader.h"

#include "core/stream/bytereader.h"
#include "core/stream/sockettablecodec.h"

#include <utility>

namespace {
std::string number(std::uint64_t value)
{
    return std::to_string(value);
}

bool decodeMarker(std::string_view payload, std::int64_t *timeMs, std::string_view *label)
{
    ByteReader in(payload);
    *timeMs = in.i64();
    *label = in.view(std::min<std::ptrdiff_t>(in.remaining(), std::ptrdiff_t(FrameReader::MaximumLabelBytes)));
    return !in.failed() && FrameReader::plausibleTime(*timeMs);
}

// Time, then the code's key and its arguments as length-prefixed UTF-8 strings (as received:
// the reader that shows them makes them plain text).
bool decodeError(std::string_view payload, std::int64_t *timeMs, CoreMessage *message)
{
    ByteReader in(payload);
    *timeMs = in.i64();
    std::string key;
    if (!in.text(&key, RecordingFormat::MaximumErrorText))
        return false;
    message->code = coreMessageCodeFromKey(key);
    const std::uint64_t count = in.varint();
    if (in.failed() || count > RecordingFormat::MaximumErrorArguments)
        return false;
    for (std::uint64_t i = 0; i < count; ++i) {
        std::string arg;
        if (!in.text(&arg, RecordingFormat::MaximumErrorText))
            return false;
        message->args.push_back(std::move(arg));
    }
    // A code this reader does not know (a newer agent's) keeps its key as the first argument.
    if (message->code == CoreMessageCode::None)
        *message = {CoreMessageCode::WordedText, {key}};
    return in.atEnd() && FrameReader::plausibleTime(*timeMs);
}
}

FrameReader::FrameReader(FrameLimits limits)
    : m_limits(limits)
{
    m_decoder.setMaximumFrame(m_limits.maximumFrame);
}

bool FrameReader::plausibleTime(std::int64_t ms)
{
    return ms >= 0 && ms <= RecordingFormat::MaximumTimeMs;
}

bool FrameReader::snapshotSizes(std::string_view payload, std::uint32_t *jsonBytes, std::uint32_t *rows)
{
    ByteReader in(payload);
    *jsonBytes = in.u32();
    in.view(*jsonBytes);
    return !in.failed() && SocketTableCodec::inspect(in.view(in.remaining()), rows);
}

FrameDamage FrameReader::undecodable(std::int64_t offset)
{
    return {FrameDecoder::Failure::None, {CoreMessageCode::FrameUndecodable, {number(std::uint64_t(offset))}}, offset, 0};
}

bool FrameReader::stop(FrameVisitor &visitor, FrameDamage damage)
{
    m_stopped = true;
    visitor.damage(damage);
    return false;
}

bool FrameReader::read(FrameVisitor &visitor)
{
    while (!m_stopped) {
        switch (m_decoder.next()) {
        case FrameDecoder::Status::NeedMore: return true;
        case FrameDecoder::Status::Header:
            m_goodBytes = m_decoder.goodBytes();
            visitor.header(m_decoder);
            break;
        case FrameDecoder::Status::Frame:
            if (!frame(visitor, m_decoder.frame()))
                return false;
            m_goodBytes = m_decoder.goodBytes();
            break;
        case FrameDecoder::Status::Failed: {
            FrameDamage damage {m_decoder.failure(), {}, m_decoder.goodBytes(), m_decoder.version()};
            const std::string at = number(std::uint64_t(damage.offset));
            switch (damage.failure) {
            case FrameDecoder::Failure::CutShort: damage.message = {CoreMessageCode::FrameCutShort, {at}}; break;
            case FrameDecoder::Failure::TooLarge:
                damage.message = {CoreMessageCode::FrameTooLarge,
                                  {at, number(m_decoder.declaredLength()), number(m_decoder.maximumFrame())}};
                break;
            case FrameDecoder::Failure::Checksum: damage.message = {CoreMessageCode::FrameChecksum, {at}}; break;
            default: break; // the header's: worded by whoever opened the input
            }
            return stop(visitor, std::move(damage));
        }
        }
    }
    return false;
}

bool FrameReader::frame(FrameVisitor &visitor, const FrameDecoder::Frame &frame)
{
    switch (frame.type) {
    case RecordingFormat::Summary: {
        SampleSummary summary;
        OwnerLabels labels;
        if (!m_summaries.summaryFrame(frame.payload, m_decoder.version(), &summary, &labels))
            return stop(visitor, undecodable(frame.offset));
        const std::string owners = std::exchange(m_summaryOwners, std::string());
        visitor.summary(summary, labels, frame, owners.empty() ? nullptr : &owners);
        return true;
    }
    case RecordingFormat::SummaryOwners:
        // For the SUMMARY that comes next (the agent writes them together); one that cannot be
        // decoded only loses that sample's owners, and a second one replaces the first.
        m_summaryOwners = m_summaries.ownersFrame(frame.payload) ? frame.payload : std::string();
        return true;
    case RecordingFormat::Snapshot: return tableFrame(visitor, frame);
    case RecordingFormat::Owners:
        // Checked when its table is decoded: a damaged one only loses the rows' owners.
        m_owners = frame.payload;
        m_ownersOffset = frame.offset;
        visitor.owners(frame);
        return true;
    case RecordingFormat::Marker: {
        MarkerFrame marker {frame, 0, {}};
        if (!decodeMarker(frame.payload, &marker.timeMs, &marker.label))
            return stop(visitor, undecodable(frame.offset));
        if (m_markers < MaximumMarkers)
            visitor.marker(marker);
        else if (m_markers == MaximumMarkers)
            visitor.notice({CoreMessageCode::MarkersDropped, {number(MaximumMarkers)}});
        ++m_markers;
        return true;
    }
    case RecordingFormat::Error: {
        ErrorFrame error {frame, 0, {}};
        if (!decodeError(frame.payload, &error.timeMs, &error.message))
            return stop(visitor, undecodable(frame.offset));
        if (m_errors < MaximumErrors) {
            ++m_errors;
            visitor.error(error);
        }
        return true;
    }
    case RecordingFormat::Lab: visitor.lab(frame); return true;
    case RecordingFormat::End: visitor.end(); return true;
    default: visitor.other(frame); return true; // a later version's frame
    }
}

bool FrameReader::tableFrame(FrameVisitor &visitor, const FrameDecoder::Frame &frame)
{
    std::uint32_t jsonBytes = 0, rows = 0;
    const bool fits = snapshotSizes(frame.payload, &jsonBytes, &rows);
    const std::string at = number(std::uint64_t(frame.offset));
    // The sizes first, whatever else is wrong: they say why a table is refused unread.
    if (jsonBytes > RecordingFormat::MaximumSnapshotJson && jsonBytes <= frame.payload.size())
        return stop(visitor,
                    {FrameDecoder::Failure::None,
                     {CoreMessageCode::TableDescriptionTooLarge,
                      {at, number(jsonBytes / 1024), number(RecordingFormat::MaximumSnapshotJson / 1024)}},
                     frame.offset,
                     0});
    if (rows > m_limits.maximumTableRows)
        return stop(visitor,
                    {FrameDecoder::Failure::None,
                     {CoreMessageCode::TableTooManyRows, {at, number(rows), number(m_limits.maximumTableRows)}},
                     frame.offset,
                     0});
    const std::string owners = std::exchange(m_owners, std::string());
    if (!fits || !visitor.table({frame, jsonBytes, rows, owners, m_ownersOffset}))
        return stop(visitor, undecodable(frame.offset));
    return true;
}
