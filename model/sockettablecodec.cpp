#include "sockettablecodec.h"

#include "bytereader.h"
#include "bytewriter.h"
#include "recordingformat.h"

#include <QHash>

#include <algorithm>
#include <cstring>
#include <limits>
#include <tuple>
#include <zlib.h>

namespace {

struct AddressKey
{
    quint8 family;
    std::array<quint8, 16> bytes;
    bool operator==(const AddressKey &other) const { return family == other.family && bytes == other.bytes; }
};

size_t qHash(const AddressKey &key, size_t seed = 0)
{
    return qHashBits(key.bytes.data(), key.bytes.size(), seed ^ key.family);
}

}

namespace SocketTableCodec {

QByteArray encode(const std::vector<SocketRecord> &input)
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

    QHash<AddressKey, quint32> dictionary;
    std::vector<AddressKey> addresses;
    const auto indexOf = [&](quint8 family, const std::array<quint8, 16> &bytes) {
        const AddressKey key {family, bytes};
        auto it = dictionary.constFind(key);
        if (it != dictionary.constEnd())
            return it.value();
        dictionary.insert(key, quint32(addresses.size()));
        addresses.push_back(key);
        return quint32(addresses.size() - 1);
    };
    std::vector<quint32> localIndex(rows.size()), remoteIndex(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        localIndex[i] = indexOf(rows[i]->family, rows[i]->localAddress);
        remoteIndex[i] = indexOf(rows[i]->family, rows[i]->remoteAddress);
    }

    ByteWriter out;
    out.reserve(qsizetype(rows.size()) * 16 + 64);
    out.u32(quint32(rows.size()));
    out.varint(addresses.size());
    for (const AddressKey &address : addresses) {
        out.u8(address.family);
        out.bytes(QByteArray(reinterpret_cast<const char *>(address.bytes.data()), 16));
    }
    for (const SocketRecord *r : rows)
        out.u8(quint8(r->state));
    for (const SocketRecord *r : rows)
        out.u8(quint8(r->timer));
    for (const SocketRecord *r : rows)
        out.u8(r->retransmits);
    for (const quint32 index : localIndex)
        out.varint(index);
    for (const quint32 index : remoteIndex)
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

    // qCompress writes the uncompressed size big-endian, then a zlib stream; the format keeps
    // the stream with the size little-endian, like every other integer in the file.
    const QByteArray compressed = qCompress(out.data(), 6);
    ByteWriter table;
    table.u32(quint32(out.data().size()));
    table.bytes(compressed.mid(4));
    return table.take();
}

}

namespace {

// The table's inflated size, checked against what its compressed bytes can expand to and what
// 16 Mi rows can take; 0 when it is not plausible.
quint32 declaredSize(const QByteArray &bytes)
{
    if (bytes.size() < 4)
        return 0;
    ByteReader sizeReader(bytes);
    const quint32 rawSize = sizeReader.u32();
    const quint64 compressed = quint64(bytes.size() - 4);
    const quint64 limit = quint64(RecordingFormat::MaximumTableRows) * RecordingFormat::MaximumRowBytes + 32;
    if (rawSize < 5 || rawSize > limit || rawSize > compressed * RecordingFormat::MaximumInflation)
        return 0;
    return rawSize;
}

// Inflates at most `wanted` bytes of the table's zlib stream (never more: a stream that would
// grow beyond them is refused, not followed). `whole`: the stream must end exactly there.
bool inflate(const QByteArray &bytes, quint32 wanted, bool whole, QByteArray *out)
{
    out->resize(qsizetype(wanted));
    z_stream stream {};
    if (bytes.size() - 4 > qsizetype(std::numeric_limits<uInt>::max()) || inflateInit(&stream) != Z_OK)
        return false;
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes.constData() + 4));
    stream.avail_in = uInt(bytes.size() - 4);
    stream.next_out = reinterpret_cast<Bytef *>(out->data());
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
bool plausibleCounts(ByteReader &in, qsizetype tableSize, quint32 *count, quint64 *addressCount)
{
    *count = in.u32();
    *addressCount = in.varint();
    const quint64 left = quint64(tableSize - in.position());
    return !in.failed() && *count <= RecordingFormat::MaximumTableRows
        && quint64(*count) * RecordingFormat::MinimumRowBytes <= left
        && left <= quint64(*count) * RecordingFormat::MaximumRowBytes && *addressCount <= left / 17;
}

}

namespace SocketTableCodec {

bool inspect(const QByteArray &bytes, quint32 *rows)
{
    const quint32 rawSize = declaredSize(bytes);
    QByteArray start;
    // u32 rows, then the address count: a varint of at most 10 bytes.
    if (rawSize == 0 || !inflate(bytes, qMin<quint32>(rawSize, 14), rawSize <= 14, &start))
        return false;
    ByteReader in(start);
    quint32 count = 0;
    quint64 addressCount = 0;
    if (!plausibleCounts(in, qsizetype(rawSize), &count, &addressCount)
        || quint64(count) * RecordingFormat::MinimumCompressedRowBytes > quint64(bytes.size() - 4))
        return false;
    if (rows)
        *rows = count;
    return true;
}

bool decode(const QByteArray &bytes, std::vector<SocketRecord> *records)
{
    records->clear();
    // The counts first, from a few inflated bytes: a table declaring more than its bytes can
    // hold is refused before anything of its size is allocated.
    const quint32 rawSize = declaredSize(bytes);
    QByteArray raw;
    if (!inspect(bytes) || !inflate(bytes, rawSize, true, &raw))
        return false;

    ByteReader in(raw);
    quint32 count = 0;
    quint64 addressCount = 0;
    // Each row takes at least 13 bytes; more rows or addresses than bytes left is corruption.
    if (!plausibleCounts(in, raw.size(), &count, &addressCount))
        return false;
    std::vector<AddressKey> addresses(addressCount);
    for (AddressKey &address : addresses) {
        address.family = in.u8();
        const QByteArray raw16 = in.bytes(16);
        if (raw16.size() == 16)
            std::memcpy(address.bytes.data(), raw16.constData(), 16);
    }
    std::vector<SocketRecord> rows(count);
    for (SocketRecord &r : rows)
        r.state = TcpState(qMin<quint8>(in.u8(), TcpStateCount - 1));
    for (SocketRecord &r : rows)
        r.timer = SocketTimer(qMin<quint8>(in.u8(), 4));
    for (SocketRecord &r : rows)
        r.retransmits = in.u8();
    for (SocketRecord &r : rows) {
        const quint64 index = in.varint();
        if (index >= addresses.size())
            return false;
        r.family = addresses[index].family;
        r.localAddress = addresses[index].bytes;
    }
    for (SocketRecord &r : rows) {
        const quint64 index = in.varint();
        if (index >= addresses.size())
            return false;
        r.remoteAddress = addresses[index].bytes;
    }
    // Ports are stored as differences from the previous row: each must land in 0..65535, which
    // also keeps the running sum far from overflowing.
    const auto readPorts = [&](quint16 SocketRecord::*field) {
        qint64 port = 0;
        for (SocketRecord &r : rows) {
            port += qBound(qint64(-65536), in.svarint(), qint64(65536));
            if (port < 0 || port > 65535)
                return false;
            r.*field = quint16(port);
        }
        return true;
    };
    if (!readPorts(&SocketRecord::localPort) || !readPorts(&SocketRecord::remotePort))
        return false;
    for (SocketRecord &r : rows)
        r.expiresMs = quint32(in.varint());
    for (SocketRecord &r : rows)
        r.receiveQueue = quint32(in.varint());
    for (SocketRecord &r : rows)
        r.sendQueue = quint32(in.varint());
    for (SocketRecord &r : rows)
        r.uid = quint32(in.varint());
    for (SocketRecord &r : rows)
        r.inode = quint32(in.varint());
    for (SocketRecord &r : rows)
        r.cookie = in.varint();
    if (in.failed() || !in.atEnd())
        return false;
    *records = std::move(rows);
    return true;
}

}
