#include "core/stream/sockettablecodec.h"

#include "core/stream/bytereader.h"
#include "core/stream/bytewriter.h"
#include "core/stream/recordingformat.h"

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


// A ByteWriter whose bytes go through deflate (zlib format, level 4) as they pile up; the table
// is the u32 size of everything written, little-endian, then the zlib stream.
class ColumnDeflater
{
public:
    ColumnDeflater()
        // Level 4: at 302k rows ~27 % less CPU than the default 6 for ~1 % more bytes; level 1
        // saves ~40 % for ~4 % more. A table's CPU delays the agent's next dump (DumpPacer).
        : m_ok(deflateInit(&m_stream, 4) == Z_OK)
    {
        m_table.assign(4, '\0');
    }
    ~ColumnDeflater() { deflateEnd(&m_stream); }
    ColumnDeflater(const ColumnDeflater &) = delete;
    ColumnDeflater &operator=(const ColumnDeflater &) = delete;

    bool ok() const { return m_ok; }
    void u8(std::uint8_t value)
    {
        m_chunk.u8(value);
        drainIfFull();
    }
    void u32(std::uint32_t value)
    {
        m_chunk.u32(value);
        drainIfFull();
    }
    void varint(std::uint64_t value)
    {
        m_chunk.varint(value);
        drainIfFull();
    }
    void svarint(std::int64_t value)
    {
        m_chunk.svarint(value);
        drainIfFull();
    }
    void bytes(std::string_view data)
    {
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

// What the columns take of a record, in the table's order.
struct PackedRow
{
    std::uint64_t cookie;
    std::uint32_t localIndex, remoteIndex, expiresMs, receiveQueue, sendQueue, uid, inode;
    std::uint32_t record; // its index in the input (in the struct's padding)
    std::uint16_t localPort, remotePort;
    std::uint8_t state, timer, retransmits;
};

// Bytes needed for the ranks 0..distinct-1 (0 when there is at most one value).
int rankPlanes(std::uint64_t distinct)
{
    int planes = 0;
    for (std::uint64_t top = distinct > 0 ? distinct - 1 : 0; top > 0; top >>= 8)
        ++planes;
    return planes;
}

// Cookies (format version 2): the distinct values ascending, as differences, then each row's rank
// among them, one byte plane after another (low bytes of every row first). The kernel hands out
// cookies when a socket is first dumped, in hash-walk order, so against the table's
// address/port order they are a random permutation of a nearly dense range: the list deflates
// to almost nothing and a rank takes its log2(sockets) bits. As plain varints (version 1) a
// cookie took ~2.9 of a 262k table's 4.15 bytes a socket; as ranks ~2.4 (bench_agent).
void writeCookies(ColumnDeflater &out, const std::vector<PackedRow> &rows)
{
    std::vector<std::pair<std::uint64_t, std::uint32_t>> byCookie;
    byCookie.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        byCookie.emplace_back(rows[i].cookie, std::uint32_t(i));
    std::sort(byCookie.begin(), byCookie.end());
    std::vector<std::uint32_t> rank(rows.size());
    std::uint64_t distinct = 0;
    for (std::size_t i = 0; i < byCookie.size(); ++i) {
        if (i == 0 || byCookie[i].first != byCookie[i - 1].first)
            ++distinct;
        rank[byCookie[i].second] = std::uint32_t(distinct - 1);
    }
    out.varint(distinct);
    std::uint64_t previous = 0;
    for (std::size_t i = 0; i < byCookie.size(); ++i) {
        if (i > 0 && byCookie[i].first == byCookie[i - 1].first)
            continue;
        out.varint(byCookie[i].first - previous);
        previous = byCookie[i].first;
    }
    const int planes = rankPlanes(distinct);
    for (int plane = 0; plane < planes; ++plane) {
        for (const std::uint32_t r : rank)
            out.u8(std::uint8_t(r >> (8 * plane)));
    }
}

// The records, read once in their own order, as compact rows whose addresses are indices into
// `addresses` (each distinct address once, in the order first met).
std::vector<PackedRow> packRows(const std::vector<SocketRecord> &input, std::vector<AddressKey> &addresses)
{
    std::unordered_map<AddressKey, std::uint32_t, AddressKeyHash> dictionary;
    const auto indexOf = [&](std::uint8_t family, const std::array<std::uint8_t, 16> &bytes) {
        const AddressKey key {family, bytes};
        const auto it = dictionary.find(key);
        if (it != dictionary.end())
            return it->second;
        dictionary.emplace(key, std::uint32_t(addresses.size()));
        addresses.push_back(key);
        return std::uint32_t(addresses.size() - 1);
    };
    std::vector<PackedRow> rows(input.size());
    for (std::size_t i = 0; i < input.size(); ++i) {
        const SocketRecord &r = input[i];
        PackedRow &row = rows[i];
        // A host's rows mostly repeat the row before's addresses: no hash lookup for those.
        const SocketRecord *before = i > 0 && input[i - 1].family == r.family ? &input[i - 1] : nullptr;
        row.localIndex =
            before && before->localAddress == r.localAddress ? rows[i - 1].localIndex : indexOf(r.family, r.localAddress);
        row.remoteIndex =
            before && before->remoteAddress == r.remoteAddress ? rows[i - 1].remoteIndex : indexOf(r.family, r.remoteAddress);
        row.cookie = r.cookie;
        row.record = std::uint32_t(i);
        row.expiresMs = r.expiresMs;
        row.receiveQueue = r.receiveQueue;
        row.sendQueue = r.sendQueue;
        row.uid = r.uid;
        row.inode = r.inode;
        row.localPort = r.localPort;
        row.remotePort = r.remotePort;
        row.state = std::uint8_t(r.state);
        row.timer = std::uint8_t(r.timer);
        row.retransmits = r.retransmits;
    }
    return rows;
}

// Numbers the dictionary in address order, then sorts the rows on those integers.
void sortByAddress(std::vector<AddressKey> &addresses, std::vector<PackedRow> &rows)
{
    std::vector<std::uint32_t> byAddress(addresses.size());
    for (std::uint32_t i = 0; i < byAddress.size(); ++i)
        byAddress[i] = i;
    std::sort(byAddress.begin(), byAddress.end(), [&](std::uint32_t a, std::uint32_t b) {
        return std::tie(addresses[a].family, addresses[a].bytes) < std::tie(addresses[b].family, addresses[b].bytes);
    });
    std::vector<std::uint32_t> renumbered(addresses.size());
    std::vector<AddressKey> sortedAddresses(addresses.size());
    for (std::uint32_t position = 0; position < byAddress.size(); ++position) {
        renumbered[byAddress[position]] = position;
        sortedAddresses[position] = addresses[byAddress[position]];
    }
    addresses = std::move(sortedAddresses);
    for (PackedRow &row : rows) {
        row.localIndex = renumbered[row.localIndex];
        row.remoteIndex = renumbered[row.remoteIndex];
    }
    // A local and a remote address of one row have the same family, so the local index orders
    // by (family, local address) and the remote index by remote address within it.
    std::sort(rows.begin(), rows.end(), [](const PackedRow &a, const PackedRow &b) {
        return std::tie(a.localIndex, a.localPort, a.remoteIndex, a.remotePort)
            < std::tie(b.localIndex, b.localPort, b.remoteIndex, b.remotePort);
    });
}

// The dictionary, then one column after another.
void writeColumns(ColumnDeflater &out, const std::vector<AddressKey> &addresses, const std::vector<PackedRow> &rows)
{
    out.u32(std::uint32_t(rows.size()));
    out.varint(addresses.size());
    for (const AddressKey &address : addresses) {
        out.u8(address.family);
        out.bytes(std::string_view(reinterpret_cast<const char *>(address.bytes.data()), 16));
    }
    for (const PackedRow &r : rows)
        out.u8(r.state);
    for (const PackedRow &r : rows)
        out.u8(r.timer);
    for (const PackedRow &r : rows)
        out.u8(r.retransmits);
    for (const PackedRow &r : rows)
        out.varint(r.localIndex);
    for (const PackedRow &r : rows)
        out.varint(r.remoteIndex);
    int previous = 0;
    for (const PackedRow &r : rows) {
        out.svarint(int(r.localPort) - previous);
        previous = r.localPort;
    }
    previous = 0;
    for (const PackedRow &r : rows) {
        out.svarint(int(r.remotePort) - previous);
        previous = r.remotePort;
    }
    for (const PackedRow &r : rows)
        out.varint(r.expiresMs);
    for (const PackedRow &r : rows)
        out.varint(r.receiveQueue);
    for (const PackedRow &r : rows)
        out.varint(r.sendQueue);
    for (const PackedRow &r : rows)
        out.varint(r.uid);
    for (const PackedRow &r : rows)
        out.varint(r.inode);
    writeCookies(out, rows);
}

}

namespace SocketTableCodec {

std::string encode(const std::vector<SocketRecord> &input, std::vector<std::uint32_t> *order)
{
    // Neighbouring rows share addresses and nearly share ports: that is what compresses. The
    // order is (family, local address, local port, remote address, remote port). The records are
    // read once, in their own order, into compact rows whose addresses are indices into a
    // dictionary; the dictionary is then numbered in address order, so the rows sort on integers.
    // Sorting through pointers to the records (memcmp per address) took ~0.3 s of CPU at 302k
    // rows, reading them through the sorted order once per column was a cache miss per field,
    // and sorting 48-byte keys beside the rows took as much memory again (bench_agent, perf).
    std::vector<AddressKey> addresses;
    std::vector<PackedRow> rows = packRows(input, addresses);
    sortByAddress(addresses, rows);
    if (order) {
        order->resize(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i)
            (*order)[i] = rows[i].record;
    }

    // The columns go through deflate as they are written, 64 KiB at a time: the table never
    // exists uncompressed (at 262,144 rows that would be ~5 MB beside the compressed ~1.2 MB).
    ColumnDeflater out;
    if (!out.ok())
        return std::string();
    writeColumns(out, addresses, rows);
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
        && (whole ? result == Z_STREAM_END && stream.avail_in == 0
                  : result == Z_STREAM_END || result == Z_BUF_ERROR || result == Z_OK);
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
        && left <= std::uint64_t(*count) * RecordingFormat::MaximumRowBytes + RecordingFormat::MaximumTableTrailer
        && *addressCount <= left / 17;
}

// What writeCookies() wrote: at most one distinct value per row, each larger than the one before
// (no wrap-around past 2^64), every rank within the list.
bool readCookies(ByteReader &in, std::vector<SocketRecord> &rows)
{
    const std::uint64_t distinct = in.varint();
    if (in.failed() || distinct > rows.size() || (distinct == 0 && !rows.empty()))
        return false;
    std::vector<std::uint64_t> values(distinct);
    std::uint64_t value = 0;
    for (std::uint64_t i = 0; i < distinct; ++i) {
        const std::uint64_t step = in.varint();
        if ((i > 0 && step == 0) || value + step < value)
            return false;
        value += step;
        values[i] = value;
    }
    std::vector<std::uint32_t> rank(rows.size(), 0);
    const int planes = rankPlanes(distinct);
    for (int plane = 0; plane < planes; ++plane) {
        for (std::uint32_t &r : rank)
            r |= std::uint32_t(in.u8()) << (8 * plane);
    }
    if (in.failed())
        return false;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rank[i] >= distinct)
            return false;
        rows[i].cookie = values[rank[i]];
    }
    return true;
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
    const bool plausible = plausibleCounts(in, std::ptrdiff_t(rawSize), &count, &addressCount)
        && std::uint64_t(count) * RecordingFormat::MinimumCompressedRowBytes <= std::uint64_t(bytes.size() - 4);
    // The count even when refused: a reader says how many rows a table declared.
    if (rows && !in.failed())
        *rows = count;
    return plausible;
}

bool decode(std::string_view bytes, std::vector<SocketRecord> *records, std::uint16_t version)
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
    if (version < 2) {
        for (SocketRecord &r : rows)
            r.cookie = in.varint();
    } else if (!readCookies(in, rows)) {
        return false;
    }
    if (in.failed() || !in.atEnd())
        return false;
    *records = std::move(rows);
    return true;
}

}
