#include "hostilebytes.h"

#include "core/stream/bytewriter.h"
#include "core/stream/crc32.h"
#include "bridge/qtstd.h"

#include <zlib.h>

#include <cstring>
#include <iterator>

namespace HostileBytes {

QByteArray frame(quint8 type, const QByteArray &payload)
{
    ByteWriter out;
    out.u8(type);
    out.u32(quint32(payload.size()));
    out.u32(Crc32::of(byteView(payload)));
    out.bytes(byteView(payload));
    return QByteArray::fromStdString(out.take());
}

QByteArray zeroTable(quint32 rows, quint64 inflated, quint32 declared, quint64 addresses)
{
    ByteWriter headWriter;
    headWriter.u32(rows);
    headWriter.varint(addresses);
    const QByteArray head = QByteArray::fromStdString(headWriter.take());
    z_stream stream {};
    deflateInit(&stream, Z_BEST_COMPRESSION);
    QByteArray out(4, '\0');
    std::memcpy(out.data(), &declared, 4);
    const QByteArray zeros(1 << 20, '\0');
    QByteArray chunk(1 << 16, Qt::Uninitialized);
    Q_ASSERT(inflated >= quint64(head.size()));
    quint64 left = inflated;
    bool first = true;
    for (;;) {
        const QByteArray &input = first ? head : zeros;
        const quint64 take = first ? quint64(head.size()) : qMin<quint64>(left, quint64(zeros.size()));
        left -= take;
        first = false;
        stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(input.constData()));
        stream.avail_in = uInt(take);
        const int flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
        int result = Z_OK;
        do {
            stream.next_out = reinterpret_cast<Bytef *>(chunk.data());
            stream.avail_out = uInt(chunk.size());
            result = deflate(&stream, flush);
            out.append(chunk.constData(), chunk.size() - qsizetype(stream.avail_out));
        } while (stream.avail_out == 0 || (flush == Z_FINISH && result != Z_STREAM_END));
        if (left == 0)
            break;
    }
    deflateEnd(&stream);
    return out;
}

void mutate(QByteArray &bytes, QRandomGenerator &random)
{
    if (bytes.isEmpty())
        return;
    static const quint32 extremes[] = {0, 1, 15, 16, 0x7fffffff, 0x80000000, 0xfffffffc, 0xffffffff, 0xffff};
    switch (random.bounded(5)) {
    case 0:
        for (int i = 0, n = int(random.bounded(1, 5)); i < n; ++i) {
            const auto at = qsizetype(random.bounded(quint32(bytes.size())));
            bytes[at] = char(bytes[at] ^ (1 << random.bounded(8)));
        }
        break;
    case 1: {
        if (bytes.size() < 4)
            break;
        const auto at = qsizetype(random.bounded(quint32(bytes.size() / 4))) * 4;
        const quint32 value = extremes[random.bounded(int(std::size(extremes)))];
        std::memcpy(bytes.data() + at, &value, 4);
        break;
    }
    case 2: bytes.truncate(qsizetype(random.bounded(quint32(bytes.size())))); break;
    case 3: {
        const auto at = qsizetype(random.bounded(quint32(bytes.size())));
        bytes.insert(at, bytes.mid(at, qsizetype(random.bounded(1, 64))));
        break;
    }
    default: {
        const auto at = qsizetype(random.bounded(quint32(bytes.size())));
        bytes[at] = char(random.bounded(256));
        break;
    }
    }
}

}
