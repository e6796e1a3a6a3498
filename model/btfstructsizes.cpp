#include "btfstructsizes.h"

#include "procfile.h"

#include <QMutex>
#include <QMutexLocker>

#include <cstring>

namespace {

// Layout from include/uapi/linux/btf.h.
constexpr quint16 BtfMagic = 0xeB9F;

struct BtfHeader
{
    quint16 magic;
    quint8 version;
    quint8 flags;
    quint32 headerLength;
    quint32 typeOffset;
    quint32 typeLength;
    quint32 stringOffset;
    quint32 stringLength;
};

enum BtfKind : quint32 {
    KindInt = 1, KindPtr, KindArray, KindStruct, KindUnion, KindEnum, KindFwd, KindTypedef,
    KindVolatile, KindConst, KindRestrict, KindFunc, KindFuncProto, KindVar, KindDatasec,
    KindFloat, KindDeclTag, KindTypeTag, KindEnum64,
};

// Bytes that follow the 12-byte common header of each type kind; -1 for an unknown kind, after
// which the walk cannot continue.
qint64 trailingBytes(quint32 kind, quint32 vlen)
{
    switch (kind) {
    case KindInt: return 4;
    case KindArray: return 12;
    case KindStruct:
    case KindUnion: return 12 * qint64(vlen);
    case KindEnum: return 8 * qint64(vlen);
    case KindFuncProto: return 8 * qint64(vlen);
    case KindVar: return 4;
    case KindDatasec: return 12 * qint64(vlen);
    case KindDeclTag: return 4;
    case KindEnum64: return 12 * qint64(vlen);
    case KindPtr: case KindFwd: case KindTypedef: case KindVolatile: case KindConst:
    case KindRestrict: case KindFunc: case KindFloat: case KindTypeTag: return 0;
    default: return -1;
    }
}

}

namespace BtfStructSizes {

QHash<QByteArray, qint64> find(const QByteArray &btf, const QList<QByteArray> &structNames)
{
    QHash<QByteArray, qint64> sizes;
    BtfHeader header;
    if (btf.size() < qsizetype(sizeof(header)))
        return sizes;
    std::memcpy(&header, btf.constData(), sizeof(header));
    if (header.magic != BtfMagic || header.headerLength < sizeof(header))
        return sizes;
    const qint64 typesStart = qint64(header.headerLength) + header.typeOffset;
    const qint64 typesEnd = typesStart + header.typeLength;
    const qint64 stringsStart = qint64(header.headerLength) + header.stringOffset;
    const qint64 stringsEnd = stringsStart + header.stringLength;
    if (typesEnd > btf.size() || stringsEnd > btf.size())
        return sizes;

    const char *data = btf.constData();
    for (qint64 offset = typesStart; offset + 12 <= typesEnd;) {
        quint32 word[3];
        std::memcpy(word, data + offset, sizeof(word));
        const quint32 nameOffset = word[0];
        const quint32 vlen = word[1] & 0xffff;
        const quint32 kind = (word[1] >> 24) & 0x1f;
        const qint64 extra = trailingBytes(kind, vlen);
        if (extra < 0)
            break;
        if (kind == KindStruct && nameOffset < header.stringLength) {
            const char *name = data + stringsStart + nameOffset;
            const auto nameLength = qsizetype(strnlen(name, size_t(stringsEnd - stringsStart - nameOffset)));
            const QByteArray typeName = QByteArray::fromRawData(name, nameLength);
            if (structNames.contains(typeName) && !sizes.contains(typeName))
                sizes.insert(QByteArray(name, nameLength), word[2]);
        }
        offset += 12 + extra;
    }
    return sizes;
}

QHash<QByteArray, qint64> socketStructsOfRunningKernel()
{
    static QMutex mutex;
    static QHash<QByteArray, qint64> cache;
    static bool loaded = false;
    QMutexLocker lock(&mutex);
    if (!loaded) {
        loaded = true;
        const ProcFile file = ProcFile::read(QStringLiteral("/sys/kernel/btf/vmlinux"));
        if (file.ok()) {
            cache = find(file.contents,
                         {"tcp_timewait_sock", "tcp6_timewait_sock", "tcp_sock", "tcp6_sock",
                          "tcp_request_sock", "tcp6_request_sock"});
        }
    }
    return cache;
}

}
