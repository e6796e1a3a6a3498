#pragma once

#include "core/collect/coremessage.h"
#include "core/stream/framedecoder.h"
#include "core/snapshot/samplesummary.h"
#include "core/stream/summaryframereader.h"

#include <cstdint>
#include <string>
#include <string_view>

// What a reader may take in, for the two kinds of input. A file on disk was written by a
// sockscope; a stream comes live from a host that may be compromised, and the window buffers a
// frame whole before its checksum and inflates its table, so a stream is held to less.
struct FrameLimits
{
    std::uint32_t maximumFrame = RecordingFormat::MaximumFrame;
    std::uint32_t maximumTableRows = RecordingFormat::MaximumTableRows;

    // The most rows a streamed table may hold: a host with 4 Mi TCP sockets gives the kernel
    // gigabytes for them (each takes a few KB of slab) and it is 16 times the 262,144 TIME-WAIT a
    // large host keeps at most (tcp_max_tw_buckets is half the established hash's buckets). Each
    // row costs the window ~100 bytes once decoded (a 16 Mi-row table took 1.65 GB), so a table
    // refused here is refused before it is inflated.
    static constexpr std::uint32_t StreamTableRows = 4u * 1024 * 1024;
    // The largest frame a stream may declare: that table at 8 compressed bytes a row (4.5
    // measured) with the most snapshot JSON read. A server that declared a file's 1 GiB would
    // have the window buffer it, and copy it, before the checksum.
    static constexpr std::uint32_t StreamFrame = StreamTableRows * 8 + RecordingFormat::MaximumSnapshotJson;

    // A recording file: the format's own limits (1 GiB frames, 16 Mi rows).
    static constexpr FrameLimits file() { return {RecordingFormat::MaximumFrame, RecordingFormat::MaximumTableRows}; }
    // A live stream (the agent's, the lab's).
    static constexpr FrameLimits stream() { return {StreamFrame, StreamTableRows}; }
};

// A SNAPSHOT frame, its sizes checked (nothing of it parsed or inflated), with the OWNERS frame
// that came before it (its rows' owners), if any.
struct TableFrame
{
    const FrameDecoder::Frame &frame;
    std::uint32_t jsonBytes = 0;
    std::uint32_t rows = 0;
    const std::string &owners; // empty when none came
    std::int64_t ownersOffset = 0; // of the OWNERS frame's header
};

// A MARKER frame: its label as received (at most MaximumLabelBytes, not yet made plain text).
struct MarkerFrame
{
    const FrameDecoder::Frame &frame;
    std::int64_t timeMs = 0;
    std::string_view label;
};

// An ERROR frame: what a collection that failed said, as a code and arguments as received.
struct ErrorFrame
{
    const FrameDecoder::Frame &frame;
    std::int64_t timeMs = 0;
    CoreMessage message;
};

// Why reading stopped. `failure` is the framing's (None for a frame whose content was refused);
// `message` words frame damage once for every reader (CoreMessageText); the header's failures
// (NotRecording to DamagedHeader) leave it empty: opening a file and connecting to a host say
// those in their own words.
struct FrameDamage
{
    FrameDecoder::Failure failure = FrameDecoder::Failure::None;
    CoreMessage message;
    std::int64_t offset = 0; // where the damage starts: what came before it is whole
    std::uint16_t version = 0; // the version a WrongVersion input declared
};

// What a reader of the format does with each frame: file replay (Recording), the remote stream
// (StreamSource) and the lab (LabSource) implement it; FrameReader calls it in the order of the
// input. Frames are valid only during the call.
class FrameVisitor
{
public:
    virtual ~FrameVisitor() = default;

    virtual void header(const FrameDecoder &decoder) = 0;
    // A SUMMARY decoded, with the owners its SUMMARY OWNERS frame carried (`ownersPayload`, null
    // when none came or it could not be decoded: only that sample's owners are lost).
    virtual void summary(const SampleSummary &summary, const OwnerLabels &labels, const FrameDecoder::Frame &frame,
                         const std::string *ownersPayload) = 0;
    // False when the table cannot be decoded: reading stops there (FrameUndecodable).
    virtual bool table(const TableFrame &table) = 0;
    // An OWNERS frame as it comes (it is also handed to table() with the SNAPSHOT after it).
    virtual void owners(const FrameDecoder::Frame &) { }
    // At most FrameReader::MaximumMarkers of them; the rest are dropped with one notice().
    virtual void marker(const MarkerFrame &marker) = 0;
    // At most FrameReader::MaximumErrors of them.
    virtual void error(const ErrorFrame &) { }
    // A LAB frame (the training lab's load figures, model/core/lab/labframe.h).
    virtual void lab(const FrameDecoder::Frame &) { }
    // A frame type of a later version: skipped by readers that do not know it.
    virtual void other(const FrameDecoder::Frame &) { }
    virtual void end() = 0;
    // Something was left out, and reading goes on (markers past MaximumMarkers).
    virtual void notice(const CoreMessage &message) = 0;
    // Reading stopped; everything before `damage.offset` was delivered.
    virtual void damage(const FrameDamage &damage) = 0;
};

// The one reader of recordings and streams: bytes in (in pieces of any size), frames decoded
// and checked against one set of limits, the visitor called for each. Summaries are decoded
// here (with their SUMMARY OWNERS); socket tables only checked for size (their JSON and rows are
// decoded where they are shown, in a thread of their own for a stream).
class FrameReader
{
public:
    // Markers are added by hand (Ctrl+M); more than this is a crafted input, and each one is
    // drawn on every chart at every repaint. ERROR frames are kept to the same number.
    static constexpr std::size_t MaximumMarkers = 1000;
    static constexpr std::size_t MaximumErrors = MaximumMarkers;
    // A marker's label: 4 bytes for each of the 256 characters a label is shown with.
    static constexpr std::size_t MaximumLabelBytes = 4 * 256;
    explicit FrameReader(FrameLimits limits = FrameLimits::file());

    void feed(std::string_view bytes) { m_decoder.feed(bytes); }
    // The input has ended: a frame still buffered is cut short.
    void finish() { m_decoder.finish(); }
    // Calls `visitor` for everything whole in what was fed; false once reading has stopped
    // (damage() was called, or already had been).
    bool read(FrameVisitor &visitor);

    const FrameLimits &limits() const { return m_limits; }
    bool hasHeader() const { return m_decoder.hasHeader(); }
    std::uint16_t version() const { return m_decoder.version(); }
    bool stopped() const { return m_stopped; }
    // The input's bytes up to the end of the last frame delivered.
    std::int64_t goodBytes() const { return m_goodBytes; }
    std::int64_t bufferedBytes() const { return m_decoder.bufferedBytes(); }

    // The damage of a table found only when it is decoded (where it is shown).
    static FrameDamage undecodable(std::int64_t offset);
    // The sizes a SNAPSHOT payload declares, read without parsing its JSON or inflating its
    // table (but for a few bytes); false when they do not fit its bytes (a table too large for
    // them, a decompression bomb). `rows` is set whenever the table's count could be read.
    static bool snapshotSizes(std::string_view payload, std::uint32_t *jsonBytes, std::uint32_t *rows);
    static bool plausibleTime(std::int64_t ms);

private:
    bool frame(FrameVisitor &visitor, const FrameDecoder::Frame &frame);
    bool tableFrame(FrameVisitor &visitor, const FrameDecoder::Frame &frame);
    bool stop(FrameVisitor &visitor, FrameDamage damage);

    FrameLimits m_limits;
    FrameDecoder m_decoder;
    SummaryFrameReader m_summaries;
    std::string m_summaryOwners; // the last SUMMARY OWNERS frame, if it decoded
    std::string m_owners; // the last OWNERS frame, for the SNAPSHOT after it
    std::int64_t m_ownersOffset = 0;
    std::size_t m_markers = 0;
    std::size_t m_errors = 0;
    std::int64_t m_goodBytes = 0;
    bool m_stopped = false;
};
