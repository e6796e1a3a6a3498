#include "sockettablecodec.h"

#include "bytereader.h"
#include "bytewriter.h"
#include "recordingformat.h"

#include <algorithm>
#include <unordered_map>
#include <cstring>
#include <limits>
#include <tuple>
#include <zlib.h>

namespace {

struct AddressKey
{
    std::uint8_t family;
    std::array<std::uint8_t, 16> bytes;
    bool operator==(const AddressKey &other) const { return family == other.family && bytes == other.bytes; }
};

struct AddressKeyHash
{
    std::size_t operator()(const AddressKey &key) const
    {
        // FNV-1a over family and bytes: addresses are few, any spread will do.
        std::uint64_t hash = 1469598103934665603ull ^ key.family;
        for (const std::uint8_t byte : key.bytes)
            hash = (hash ^ byte) * 1099511628211ull;
        return std::size_t(hash);
    }
};


// A ByteWriter whose bytes go through deflate (zlib format, level 6) as they pile up; the table
// is the u32 size of everything written, little-endian, then the zlib stream.
class ColumnDeflater
{
public:
    ColumnDeflater()
        : m_ok(deflateInit(&m_stream, 6) == Z_OK)
    {
        m_table.assign(4, '\0');
    }
    ~ColumnDeflater() { deflateEnd(&m_stream); }
    ColumnDeflater(const ColumnDeflater &) = delete;
    ColumnDeflater &operator=(const ColumnDeflater &) = delete;

    bool ok() const { return m_ok; }
    void u8(std::uint8_t value) {
        m_chunk.u8(value);
        drainIfFull();
    }
    void u32(std::uint32_t value) {
        m_chunk.u32(value);
        drainIfFull();
    }
    void varint(std::uint64_t value) {
        m_chunk.varint(value);
        drainIfFull();
    }
    void svarint(std::int64_t value) {
        m_chunk.svarint(value);
        drainIfFull();
    }
    void bytes(std::string_view data) {
        m_chunk.bytes(data);
        drainIfFull();
    }

    // The whole table; empty when zlib failed.
    std::string finish()
    {
        drain(Z_FINISH);
        if (!m_ok)
            return std::string();
        for (int i = 0; i < 4; ++i)
            m_table[std::size_t(i)] = char(std::uint32_t(m_raw) >> (8 * i));
        return std::move(m_table);
    }

private:
    static constexpr std::size_t Chunk = 64 * 1024;

    void drainIfFull()
    {
        if (m_chunk.data().size() >= Chunk)
            drain(Z_NO_FLUSH);
    }

    void drain(int flush)
    {
        const std::string &in = m_chunk.data();
        m_raw += in.size();
        m_stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data()));
        m_stream.avail_in = uInt(in.size());
        int result = Z_OK;
        do {
            const std::size_t used = m_table.size();
            m_table.resize(used + Chunk);
            m_stream.next_out = reinterpret_cast<Bytef *>(&m_table[used]);
            m_stream.avail_out = uInt(Chunk);
            result = deflate(&m_stream, flush);
            m_table.resize(used + Chunk - m_stream.avail_out);
            if (result == Z_STREAM_ERROR)
                m_ok = false;
        } while (m_ok && (m_stream.avail_in > 0 || (flush == Z_FINISH && result != Z_STREAM_END)));
        m_chunk.clear();
    }

    z_stream m_stream {};
    bool m_ok;
    ByteWriter m_chunk;
    std::string m_table;
    std::uint64_t m_raw = 0;
};

}

namespace SocketTableCodec {

std::string encode(const std::vector<SocketRecord> &input)
{
    std::vector<const SocketRecord *> rows;
    rows.reserve(input.size());
    for (const SocketRecord &r : input)
        rows.push_back(&r);
    // Neighbouring rows share addresses and nearly share ports: that is what compresses.
    std::sort(rows.begin(), rows.end(), [](const SocketRecord *a, const SocketRecord *b) {
        return std::tie(a->family, a->localAddress, a->localPort, a->remoteAddress, a->remotePort)
            < std::tie(b->family, b->localAddress, b->localPort, b->remoteAddress, b->remotePort);
    });

    std::unordered_map<AddressKey, std::uint32_t, AddressKeyHash> dictionary;
    std::vector<AddressKey> addresses;
    const auto indexOf = [&](std::uint8_t family, const std::array<std::uint8_t, 16> &bytes) {
        const AddressKey key {family, bytes};
        const auto it = dictionary.find(key);
        if (it != dictionary.end())
            return it->second;
        dictionary.emplace(key, std::uint32_t(addresses.size()));
        addresses.push_back(key);
        return std::uint32_t(addresses.size() - 1);
    };
    std::vector<std::uint32_t> localIndex(rows.size()), remoteIndex(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        localIndex[i] = indexOf(rows[i]->family, rows[i]->localAddress);
        remoteIndex[i] = indexOf(rows[i]->family, rows[i]->remoteAddress);
    }

    // The columns go through deflate as they are written, 64 KiB at a time: the table never
    // exists uncompressed (at 262,144 rows that would be ~5 MB beside the compressed ~1.2 MB).
    ColumnDeflater out;
    if (!out.ok())
        return std::string();
    out.u32(std::uint32_t(rows.size()));
    out.varint(addresses.size());
    for (const AddressKey &address : addresses) {
        out.u8(address.family);
        out.bytes(std::string_view(reinterpret_cast<const char *>(address.bytes.data()), 16));
    }
    for (const SocketRecord *r : rows)
        out.u8(std::uint8_t(r->state));
    for (const SocketRecord *r : rows)
        out.u8(std::uint8_t(r->timer));
    for (const SocketRecord *r : rows)
        out.u8(r->retransmits);
    for (const std::uint32_t index : localIndex)
        out.varint(index);
    for (const std::uint32_t index : remoteIndex)
        out.varint(index);
    int previous = 0;
    for (const SocketRecord *r : rows) {
        out.svarint(int(r->localPort) - previous);
        previous = r->localPort;
    }
    previous = 0;
    for (const SocketRecord *r : rows) {
        out.svarint(int(r->remotePort) - previous);
        previous = r->remotePort;
    }
    for (const SocketRecord *r : rows)
        out.varint(r->expiresMs);
    for (const SocketRecord *r : rows)
        out.varint(r->receiveQueue);
    for (const SocketRecord *r : rows)
        out.varint(r->sendQueue);
    for (const SocketRecord *r : rows)
        out.varint(r->uid);
    for (const SocketRecord *r : rows)
        out.varint(r->inode);
    for (const SocketRecord *r : rows)
        out.varint(r->cookie);
    return out.finish();
}

}

namespace {

// The table's inflated size, checked against what its compressed bytes can expand to and what
// 16 Mi rows can take; 0 when it is not plausible.
std::uint32_t declaredSize(std::string_view bytes)
{
    if (bytes.size() < 4)
        return 0;
    ByteReader sizeReader(bytes);
    const std::uint32_t rawSize = sizeReader.u32();
    const std::uint64_t compressed = std::uint64_t(bytes.size() - 4);
    const std::uint64_t limit = std::uint64_t(RecordingFormat::MaximumTableRows) * RecordingFormat::MaximumRowBytes + 32;
    if (rawSize < 5 || rawSize > limit || rawSize > compressed * RecordingFormat::MaximumInflation)
        return 0;
    return rawSize;
}

// Inflates at most `wanted` bytes of the table's zlib stream (never more: a stream that would
// grow beyond them is refused, not followed). `whole`: the stream must end exactly there.
bool inflate(std::string_view bytes, std::uint32_t wanted, bool whole, std::string *out)
{
    out->resize(wanted);
    z_stream stream {};
    if (bytes.size() - 4 > std::size_t(std::numeric_limits<uInt>::max()) || inflateInit(&stream) != Z_OK)
        return false;
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes.data() + 4));
    stream.avail_in = uInt(bytes.size() - 4);
    stream.next_out = reinterpret_cast<Bytef *>(&(*out)[0]);
    stream.avail_out = uInt(wanted);
    const int result = ::inflate(&stream, Z_FINISH);
    const bool ok = stream.avail_out == 0
        && (whole ? result == Z_STREAM_END && stream.avail_in == 0 : result == Z_STREAM_END || result == Z_BUF_ERROR || result == Z_OK);
    inflateEnd(&stream);
    if (!ok)
        out->clear();
    return ok;
}

// The row and address counts at the start of an inflated table, checked against the bytes
// that follow them both ways: too few for the rows, or more than the rows can take (so a
// table of one row cannot declare a gigabyte to be inflated).
bool plausibleCounts(ByteReader &in, std::ptrdiff_t tableSize, std::uint32_t *count, std::uint64_t *addressCount)
{
    *count = in.u32();
    *addressCount = in.varint();
    const std::uint64_t left = std::uint64_t(tableSize - in.position());
    return !in.failed() && *count <= RecordingFormat::MaximumTableRows
        && std::uint64_t(*count) * RecordingFormat::MinimumRowBytes <= left
        && left <= std::uint64_t(*count) * RecordingFormat::MaximumRowBytes && *addressCount <= left / 17;
}

}

namespace SocketTableCodec {

bool inspect(std::string_view bytes, std::uint32_t *rows)
{
    const std::uint32_t rawSize = declaredSize(bytes);
    std::string start;
    // u32 rows, then the address count: a varint of at most 10 bytes.
    if (rawSize == 0 || !inflate(bytes, std::min<std::uint32_t>(rawSize, 14), rawSize <= 14, &start))
        return false;
    ByteReader in(start);
    std::uint32_t count = 0;
    std::uint64_t addressCount = 0;
    if (!plausibleCounts(in, std::ptrdiff_t(rawSize), &count, &addressCount)
        || std::uint64_t(count) * RecordingFormat::MinimumCompressedRowBytes > std::uint64_t(bytes.size() - 4))
        return false;
    if (rows)
        *rows = count;
    return true;
}

bool decode(std::string_view bytes, std::vector<SocketRecord> *records)
{
    records->clear();
    // The counts first, from a few inflated bytes: a table declaring more than its bytes can
    // hold is refused before anything of its size is allocated.
    const std::uint32_t rawSize = declaredSize(bytes);
    std::string raw;
    if (!inspect(bytes) || !inflate(bytes, rawSize, true, &raw))
        return false;

    ByteReader in(raw);
    std::uint32_t count = 0;
    std::uint64_t addressCount = 0;
    // Each row takes at least 13 bytes; more rows or addresses than bytes left is corruption.
    if (!plausibleCounts(in, raw.size(), &count, &addressCount))
        return false;
    std::vector<AddressKey> addresses(addressCount);
    for (AddressKey &address : addresses) {
        address.family = in.u8();
        const std::string_view raw16 = in.view(16);
        if (raw16.size() == 16)
            std::memcpy(address.bytes.data(), raw16.data(), 16);
    }
    std::vector<SocketRecord> rows(count);
    for (SocketRecord &r : rows)
        r.state = TcpState(std::min<std::uint8_t>(in.u8(), TcpStateCount - 1));
    for (SocketRecord &r : rows)
        r.timer = SocketTimer(std::min<std::uint8_t>(in.u8(), 4));
    for (SocketRecord &r : rows)
        r.retransmits = in.u8();
    for (SocketRecord &r : rows) {
        const std::uint64_t index = in.varint();
        if (index >= addresses.size())
            return false;
        r.family = addresses[index].family;
        r.localAddress = addresses[index].bytes;
    }
    for (SocketRecord &r : rows) {
        const std::uint64_t index = in.varint();
        if (index >= addresses.size())
            return false;
        r.remoteAddress = addresses[index].bytes;
    }
    // Ports are stored as differences from the previous row: each must land in 0..65535, which
    // also keeps the running sum far from overflowing.
    const auto readPorts = [&](std::uint16_t SocketRecord::*field) {
        std::int64_t port = 0;
        for (SocketRecord &r : rows) {
            port += std::clamp(in.svarint(), std::int64_t(-65536), std::int64_t(65536));
            if (port < 0 || port > 65535)
                return false;
            r.*field = std::uint16_t(port);
        }
        return true;
    };
    if (!readPorts(&SocketRecord::localPort) || !readPorts(&SocketRecord::remotePort))
        return false;
    for (SocketRecord &r : rows)
        r.expiresMs = std::uint32_t(in.varint());
    for (SocketRecord &r : rows)
        r.receiveQueue = std::uint32_t(in.varint());
    for (SocketRecord &r : rows)
        r.sendQueue = std::uint32_t(in.varint());
    for (SocketRecord &r : rows)
        r.uid = std::uint32_t(in.varint());
    for (SocketRecord &r : rows)
        r.inode = std::uint32_t(in.varint());
    for (SocketRecord &r : rows)
        r.cookie = in.varint();
    if (in.failed() || !in.atEnd())
        return false;
    *records = std::move(rows);
    return true;
}

}
