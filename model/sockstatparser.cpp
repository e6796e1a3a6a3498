#include "sockstatparser.h"

#include <QList>

namespace {

constexpr qint64 MaximumValue = qint64(1) << 53;

// Finds the line "<label>: key value key value ..." and hands each pair to `take`.
template<typename Take>
bool forEachPair(const QByteArray &text, const QByteArray &label, Take take)
{
    const QList<QByteArray> lines = text.split('\n');
    for (const QByteArray &line : lines) {
        if (!line.startsWith(label))
            continue;
        const QList<QByteArray> fields = line.mid(label.size()).simplified().split(' ');
        if (fields.size() < 2 || fields.size() % 2 != 0)
            return false;
        for (qsizetype i = 0; i + 1 < fields.size(); i += 2) {
            bool ok = false;
            const qint64 value = fields[i + 1].toLongLong(&ok);
            // Socket counts are ints in the kernel and pages a long; beyond 2^53 (what a JSON
            // number holds exactly) is not sockstat, and would overflow once pages become bytes.
            if (!ok || value < -MaximumValue || value > MaximumValue)
                return false;
            take(fields[i], value);
        }
        return true;
    }
    return false;
}

}

namespace SockstatParser {

bool parseSockstat(const QByteArray &text, SockstatFigures *figures)
{
    SockstatFigures parsed = *figures;
    bool sawInUse = false;
    const bool ok = forEachPair(text, QByteArrayLiteral("TCP:"), [&](const QByteArray &key, qint64 value) {
        if (key == "inuse") {
            parsed.tcpInUse = value;
            sawInUse = true;
        } else if (key == "orphan") {
            parsed.tcpOrphans = value;
        } else if (key == "tw") {
            parsed.tcpTimeWait = value;
        } else if (key == "alloc") {
            parsed.tcpAllocated = value;
        } else if (key == "mem") {
            parsed.tcpMemoryPages = value;
        }
    });
    if (!ok || !sawInUse)
        return false;
    parsed.valid = true;
    *figures = parsed;
    return true;
}

bool parseSockstat6(const QByteArray &text, SockstatFigures *figures)
{
    bool sawInUse = false;
    qint64 inUse = 0;
    const bool ok = forEachPair(text, QByteArrayLiteral("TCP6:"), [&](const QByteArray &key, qint64 value) {
        if (key == "inuse") {
            inUse = value;
            sawInUse = true;
        }
    });
    if (!ok || !sawInUse)
        return false;
    figures->tcp6Valid = true;
    figures->tcp6InUse = inUse;
    return true;
}

}
