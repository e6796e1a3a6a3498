#pragma once

#include "core/collect/coremessage.h"
#include "core/snapshot/jsonstreamwriter.h"
#include "core/snapshot/samplesummary.h"
#include "core/snapshot/snapshot.h"
#include "core/snapshot/snapshotjsonwriter.h"

#include <cstdint>
#include <functional>
#include <string>

// Appends samples, socket tables and markers to a recording, or to a stream (the agent's
// stdout: the same bytes). Each frame is written whole with one write loop and nothing buffered,
// so a recording stopped at any moment (Ctrl+C, a crash) reads back up to its last frame.
class RecordingWriter
{
public:
    struct Header
    {
        std::string namespaceLabel;
        std::string namespaceId;
        int intervalMs = 1000;
        std::uint32_t stateMask = AllTcpStatesMask;
        // Where and when the samples were taken, when not here and now: a recording written
        // afterwards from samples kept in memory (an incident bundle of a remote host's stream).
        std::string host;
        std::string kernel;
        std::int64_t startedMs = 0;
        // More members of the header object (the agent's), written after the standard ones.
        std::function<void(JsonStreamWriter &)> extra;
    };

    RecordingWriter() = default;
    ~RecordingWriter();
    RecordingWriter(const RecordingWriter &) = delete;
    RecordingWriter &operator=(const RecordingWriter &) = delete;

    // Creates (or truncates) a regular file at `path` and writes the header.
    bool open(const std::string &path, const Header &header, CoreMessage *error);
    // Creates `path` with a header as received (a stream saved by keeping its bytes).
    bool openWithHeader(const std::string &path, const std::string &header, CoreMessage *error);
    // Writes the header to `fd` (left open by close(): stdout, say).
    bool openDescriptor(int fd, const Header &header, CoreMessage *error);
    bool isOpen() const { return m_fd >= 0; }
    // How tables' JSON words warnings and slab notes (default: codes and arguments).
    void setWording(SnapshotJsonWriter::Wording wording) { m_wording = std::move(wording); }

    // With its owners' names (`labels`, SampleSummarizer's), a SUMMARY OWNERS frame goes first
    // when the summary's owners are known.
    bool writeSummary(const SampleSummary &summary, const OwnerLabels &labels = {});
    bool writeSnapshot(const Snapshot &snapshot);
    bool writeMarker(std::int64_t timeMs, const std::string &label);
    bool writeError(std::int64_t timeMs, const CoreMessage &message);
    // A frame of any type, its payload as received, counted as writeSummary and writeSnapshot
    // count theirs.
    bool appendFrame(std::uint8_t type, const std::string &payload);
    // Writes the END frame, syncs and closes.
    bool close();

    const std::string &path() const { return m_path; }
    const CoreMessage &error() const { return m_error; }
    std::int64_t bytesWritten() const { return m_bytes; }
    int samples() const { return m_samples; }
    int snapshots() const { return m_snapshots; }
    std::int64_t snapshotBytes() const { return m_snapshotBytes; }

private:
    bool openFile(const std::string &path, CoreMessage *error);
    bool writeHeader(const Header &header, CoreMessage *error);
    bool writeHeaderBytes(const std::string &bytes, CoreMessage *error);
    bool writeFrame(std::uint8_t type, const std::string &payload);
    bool writeAll(const std::string &bytes);
    void reset();

    int m_fd = -1;
    bool m_ownsFd = false;
    std::string m_path;
    CoreMessage m_error;
    SnapshotJsonWriter::Wording m_wording;
    std::int64_t m_bytes = 0;
    std::int64_t m_snapshotBytes = 0;
    int m_samples = 0;
    int m_snapshots = 0;
};
