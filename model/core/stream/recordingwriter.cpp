#include "core/stream/recordingwriter.h"

#include "core/stream/bytewriter.h"
#include "core/stream/crc32.h"
#include "core/stream/recordingformat.h"
#include "core/stream/ownertablecodec.h"
#include "core/stream/sockettablecodec.h"
#include "core/stream/summarycodec.h"
#include "core/stream/summaryownerscodec.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

RecordingWriter::~RecordingWriter()
{
    if (m_fd >= 0 && m_ownsFd)
        ::close(m_fd);
}

void RecordingWriter::reset()
{
    // One writer serves every recording of a window: each starts its counts from zero.
    m_bytes = 0;
    m_snapshotBytes = 0;
    m_samples = 0;
    m_snapshots = 0;
    m_error = CoreMessage();
    if (m_fd >= 0 && m_ownsFd)
        ::close(m_fd);
    m_fd = -1;
}

bool RecordingWriter::open(const std::string &path, const Header &header, CoreMessage *error)
{
    return openFile(path, error) && writeHeader(header, error);
}

bool RecordingWriter::openWithHeader(const std::string &path, const std::string &header, CoreMessage *error)
{
    return openFile(path, error) && writeHeaderBytes(header, error);
}

bool RecordingWriter::openFile(const std::string &path, CoreMessage *error)
{
    reset();
    m_path = path;
    // Only the caller may read it: a recording made by root carries every socket's owner (pid,
    // command, user, unit), which ss -p would not show an unprivileged reader. Whatever is at the
    // path is judged by what was opened, not by an earlier stat(): O_NOFOLLOW refuses a symlink
    // (ELOOP), O_NONBLOCK keeps a FIFO from blocking the open (ENXIO without a reader, or opened
    // and refused below), and O_TRUNC waits until the file is known to be a regular one.
    m_fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0600);
    if (m_fd < 0 && (errno == ELOOP || errno == ENXIO)) {
        *error = {CoreMessageCode::RecordingNotRegular, {path}};
        return false;
    }
    if (m_fd < 0) {
        *error = {CoreMessageCode::RecordingOpenFailed, {path, errnoText(errno)}};
        return false;
    }
    struct stat opened
    {
    };
    // A second hard link would give the recording a name where others may read it.
    const bool regular = ::fstat(m_fd, &opened) == 0 && S_ISREG(opened.st_mode) && opened.st_nlink <= 1;
    // A file someone else created stays theirs whatever its mode becomes, and a descriptor they
    // opened before would read the recording: refused, left as it is.
    if (regular && opened.st_uid != ::geteuid()) {
        ::close(m_fd);
        m_fd = -1;
        *error = {CoreMessageCode::RecordingNotOwned, {path}};
        return false;
    }
    const int flags = regular ? ::fcntl(m_fd, F_GETFL) : -1;
    // An existing file of ours loses every permission for others.
    if (!regular || flags < 0 || ::fcntl(m_fd, F_SETFL, flags & ~O_NONBLOCK) != 0
        || ((opened.st_mode & 077) && ::fchmod(m_fd, opened.st_mode & 0700) != 0) || ::ftruncate(m_fd, 0) != 0) {
        const int cause = errno;
        ::close(m_fd);
        m_fd = -1;
        if (regular)
            *error = {CoreMessageCode::RecordingOpenFailed, {path, errnoText(cause)}};
        else
            *error = {CoreMessageCode::RecordingNotRegular, {path}};
        return false;
    }
    m_ownsFd = true;
    return true;
}

bool RecordingWriter::openDescriptor(int fd, const Header &header, CoreMessage *error)
{
    reset();
    m_path = "-";
    m_fd = fd;
    m_ownsFd = false;
    return writeHeader(header, error);
}

bool RecordingWriter::writeHeader(const Header &header, CoreMessage *error)
{
    std::string text;
    {
        JsonStreamWriter json(JsonStreamWriter::toString(&text));
        json.beginObject(true);
        json.field("schema", "sockscope.recording/1");
        json.field("sockscope_version", SOCKSCOPE_VERSION);
        json.field("host", header.host.empty() ? SnapshotJsonWriter::hostName() : header.host);
        json.field("kernel", header.kernel.empty() ? SnapshotJsonWriter::kernelRelease() : header.kernel);
        json.key("netns");
        json.beginObject(true);
        json.field("label", header.namespaceLabel);
        json.field("id", header.namespaceId);
        json.endObject();
        json.field("interval_ms", header.intervalMs);
        const auto now =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
        json.field("started", SnapshotJsonWriter::isoTimeUtc(header.startedMs ? header.startedMs : now));
        json.key("state_filter");
        json.beginArray(true);
        for (const TcpState state : tcpStatesInDisplayOrder()) {
            if (header.stateMask & tcpStateBit(state))
                json.value(tcpStateKey(state));
        }
        json.endArray();
        if (header.extra)
            header.extra(json);
        json.endObject();
    }
    while (!text.empty() && text.back() == '\n')
        text.pop_back();
    ByteWriter out;
    out.bytes(std::string_view(RecordingFormat::Magic, RecordingFormat::MagicSize));
    out.u16(RecordingFormat::Version);
    out.u32(std::uint32_t(text.size()));
    out.bytes(text);
    return writeHeaderBytes(out.data(), error);
}

bool RecordingWriter::writeHeaderBytes(const std::string &bytes, CoreMessage *error)
{
    if (!writeAll(bytes)) {
        *error = m_error;
        if (m_ownsFd)
            ::close(m_fd);
        m_fd = -1;
        return false;
    }
    m_bytes = std::int64_t(bytes.size());
    return true;
}

bool RecordingWriter::writeAll(const std::string &bytes)
{
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(m_fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            m_error = {CoreMessageCode::RecordingWriteFailed, {m_path, errnoText(n < 0 ? errno : EIO)}};
            return false;
        }
        done += std::size_t(n);
    }
    return true;
}

bool RecordingWriter::writeFrame(std::uint8_t type, const std::string &payload)
{
    if (m_fd < 0)
        return false;
    ByteWriter frame;
    frame.reserve(payload.size() + RecordingFormat::FrameHeaderSize);
    frame.u8(type);
    frame.u32(std::uint32_t(payload.size()));
    frame.u32(Crc32::of(payload));
    frame.bytes(payload);
    // One write loop per frame, nothing kept back: what is on disk (or in the pipe) always ends
    // at a frame boundary or inside the last frame, which a reader then drops.
    if (!writeAll(frame.data()))
        return false;
    m_bytes += std::int64_t(frame.data().size());
    return true;
}

bool RecordingWriter::writeSummary(const SampleSummary &summary, const OwnerLabels &labels)
{
    if (summary.ownersKnown && !appendFrame(RecordingFormat::SummaryOwners, SummaryOwnersCodec::encode(summary, labels)))
        return false;
    return appendFrame(RecordingFormat::Summary, SummaryCodec::encode(summary));
}

bool RecordingWriter::appendFrame(std::uint8_t type, const std::string &payload)
{
    const bool ok = writeFrame(type, payload);
    if (ok && type == RecordingFormat::Summary)
        ++m_samples;
    if (ok && type == RecordingFormat::Snapshot) {
        ++m_snapshots;
        m_snapshotBytes += std::int64_t(payload.size()) + RecordingFormat::FrameHeaderSize;
    }
    return ok;
}

bool RecordingWriter::writeSnapshot(const Snapshot &snapshot)
{
    std::string json;
    SnapshotJsonWriter::Options options;
    options.topPorts = 0; // derived again from the records when read
    // ...but not whom TIME-WAIT is attributed to: the table carries no owners (older readers
    // skip the key). A bounded top, as the by-process view shows it.
    options.topProcesses = RecordingFormat::RecordedTopProcesses;
    options.wording = m_wording;
    SnapshotJsonWriter::write(snapshot, options, JsonStreamWriter::toString(&json));
    ByteWriter payload;
    payload.u32(std::uint32_t(json.size()));
    payload.bytes(json);
    std::vector<std::uint32_t> order;
    payload.bytes(SocketTableCodec::encode(snapshot.sockets, &order));
    // The rows' owners first, so a reader holds them when the table arrives.
    if (snapshot.owners.perSocket.size() == snapshot.sockets.size() && !snapshot.sockets.empty()) {
        const std::string owners = OwnerTableCodec::encode(snapshot.owners, order);
        if (!owners.empty() && !appendFrame(RecordingFormat::Owners, owners))
            return false;
    }
    return appendFrame(RecordingFormat::Snapshot, payload.data());
}

bool RecordingWriter::writeMarker(std::int64_t timeMs, const std::string &label)
{
    ByteWriter payload;
    payload.i64(timeMs);
    payload.bytes(label);
    return writeFrame(RecordingFormat::Marker, payload.data());
}

bool RecordingWriter::writeError(std::int64_t timeMs, const CoreMessage &message)
{
    ByteWriter payload;
    payload.i64(timeMs);
    const auto text = [&](const std::string &s) {
        const std::size_t length = std::min<std::size_t>(s.size(), RecordingFormat::MaximumErrorText);
        payload.varint(length);
        payload.bytes(std::string_view(s).substr(0, length));
    };
    text(coreMessageKey(message.code));
    const std::size_t count = std::min<std::size_t>(message.args.size(), RecordingFormat::MaximumErrorArguments);
    payload.varint(count);
    for (std::size_t i = 0; i < count; ++i)
        text(message.args[i]);
    return writeFrame(RecordingFormat::Error, payload.data());
}

bool RecordingWriter::close()
{
    if (m_fd < 0)
        return true;
    ByteWriter payload;
    payload.u32(std::uint32_t(m_samples));
    const bool ok = writeFrame(RecordingFormat::End, payload.data());
    if (m_ownsFd) {
        ::fsync(m_fd);
        ::close(m_fd);
    }
    m_fd = -1;
    return ok;
}
