#include "core/stream/ownertablecodec.h"

#include "core/stream/bytereader.h"
#include "core/stream/bytewriter.h"
#include "core/stream/recordingformat.h"

#include <algorithm>
#include <zlib.h>

namespace {

void writeText(ByteWriter &out, const std::string &text)
{
    out.text(text, OwnerTableCodec::MaximumText);
}

bool readText(ByteReader &in, std::string *text)
{
    return in.text(text, OwnerTableCodec::MaximumText);
}

// Per owner at most: pid, uid and processes varints (5 each) and three texts (2 + 256 each).
constexpr std::uint64_t MaximumOwnerBytes = 15 + 3 * (2 + OwnerTableCodec::MaximumText);

}

namespace OwnerTableCodec {

std::string encode(const SocketOwnership &ownership, const std::vector<std::uint32_t> &order)
{
    ByteWriter raw;
    raw.reserve(order.size() * 2 + 64);
    raw.u32(std::uint32_t(order.size()));
    raw.u8(std::uint8_t(ownership.scope));
    raw.varint(ownership.processesUnreadable);
    const std::size_t owners = std::min<std::size_t>(ownership.owners.size(), MaximumOwners);
    raw.varint(owners);
    for (std::size_t i = 0; i < owners; ++i) {
        const SocketOwner &owner = ownership.owners[i];
        raw.varint(owner.pid);
        raw.varint(owner.uid);
        writeText(raw, owner.command);
        writeText(raw, owner.user);
        writeText(raw, owner.unit);
    }
    const auto refOf = [&](std::uint32_t index) {
        const OwnerRef *ref = ownership.of(index);
        return ref && ref->owner <= owners ? *ref : OwnerRef();
    };
    for (const std::uint32_t index : order)
        raw.varint(refOf(index).owner);
    // "Likely, N unknown" is stored as likely: readers of 0.2 refuse a frame with an evidence they
    // do not know. Which entries it was, and N, travel in the SNAPSHOT frame's by_process counts
    // (likely_unknown, unknown_connections), which RecordingFrames::decodeSnapshot() keeps.
    for (const std::uint32_t index : order) {
        const OwnerEvidence evidence = refOf(index).evidence;
        raw.u8(std::uint8_t(evidence == OwnerEvidence::LikelyUnknown ? OwnerEvidence::Likely : evidence));
    }
    for (std::size_t i = 0; i < owners; ++i)
        raw.varint(ownership.owners[i].processes);

    const std::string &bytes = raw.data();
    uLongf compressedSize = compressBound(uLong(bytes.size()));
    std::string out(4 + compressedSize, '\0');
    if (compress2(reinterpret_cast<Bytef *>(&out[4]), &compressedSize, reinterpret_cast<const Bytef *>(bytes.data()),
                  uLong(bytes.size()), 4)
        != Z_OK)
        return std::string();
    out.resize(4 + compressedSize);
    for (int i = 0; i < 4; ++i)
        out[std::size_t(i)] = char(std::uint32_t(bytes.size()) >> (8 * i));
    return out;
}

bool decode(std::string_view bytes, std::uint32_t rows, SocketOwnership *out)
{
    if (bytes.size() < 4 || rows > RecordingFormat::MaximumTableRows)
        return false;
    ByteReader sizeReader(bytes);
    const std::uint32_t rawSize = sizeReader.u32();
    const std::uint64_t compressed = bytes.size() - 4;
    // Sizes a hostile frame cannot inflate: the rows' columns (11 bytes at most each) and the
    // dictionary, and what deflate can expand its bytes to.
    const std::uint64_t limit = std::uint64_t(rows) * 11 + std::uint64_t(MaximumOwners) * MaximumOwnerBytes + 32;
    if (rawSize < 10 || rawSize > limit || rawSize > compressed * RecordingFormat::MaximumInflation)
        return false;
    std::string raw(rawSize, '\0');
    uLongf inflated = rawSize;
    if (uncompress(reinterpret_cast<Bytef *>(&raw[0]), &inflated, reinterpret_cast<const Bytef *>(bytes.data() + 4),
                   uLong(compressed))
            != Z_OK
        || inflated != rawSize)
        return false;

    ByteReader in(raw);
    SocketOwnership result;
    if (in.u32() != rows)
        return false;
    const std::uint8_t scope = in.u8();
    if (scope > std::uint8_t(OwnerScope::OwnProcesses))
        return false;
    result.scope = OwnerScope(scope);
    result.processesUnreadable = std::uint32_t(std::min<std::uint64_t>(in.varint(), 0xffffffffu));
    const std::uint64_t owners = in.varint();
    if (in.failed() || owners > MaximumOwners || owners > std::uint64_t(in.remaining()))
        return false;
    result.owners.resize(std::size_t(owners));
    for (SocketOwner &owner : result.owners) {
        const std::uint64_t pid = in.varint(), uid = in.varint();
        if (pid > 0xffffffffu || uid > 0xffffffffu || !readText(in, &owner.command) || !readText(in, &owner.user)
            || !readText(in, &owner.unit))
            return false;
        owner.pid = std::uint32_t(pid);
        owner.uid = std::uint32_t(uid);
    }
    if (std::uint64_t(in.remaining()) < std::uint64_t(rows) * 2)
        return false;
    result.perSocket.resize(rows);
    for (OwnerRef &ref : result.perSocket) {
        const std::uint64_t owner = in.varint();
        if (owner > owners)
            return false;
        ref.owner = std::uint32_t(owner);
    }
    for (OwnerRef &ref : result.perSocket) {
        const std::uint8_t evidence = in.u8();
        if (evidence >= OwnerEvidenceCount || (evidence == 0) != (ref.owner == 0))
            return false;
        ref.evidence = OwnerEvidence(evidence);
    }
    // Tables written before the processes were recorded end here: an owner with a pid is one process.
    const bool withProcesses = !in.atEnd();
    for (SocketOwner &owner : result.owners) {
        const std::uint64_t processes = withProcesses ? in.varint() : owner.pid != 0;
        if (processes > 0xffffffffu)
            return false;
        owner.processes = std::uint32_t(processes);
    }
    if (in.failed() || !in.atEnd())
        return false;
    *out = std::move(result);
    return true;
}

}
