#include "slabinfoparser.h"

#include <QList>

bool SlabinfoParser::parse(const QByteArray &text, qint64 pageSize, SlabFigures *figures, QString *error)
{
    const QList<QByteArray> lines = text.split('\n');
    if (lines.isEmpty() || !lines.first().startsWith("slabinfo - version: 2.")) {
        *error = tr("Unknown /proc/slabinfo format (expected version 2.x).");
        return false;
    }
    for (const QByteArray &line : lines) {
        if (line.isEmpty() || line.startsWith('#') || line.startsWith("slabinfo"))
            continue;
        const QList<QByteArray> fields = line.simplified().split(' ');
        for (int c = 0; c < SlabCacheCount; ++c) {
            const auto cache = static_cast<SlabCache>(c);
            if (fields.first() != slabCacheName(cache))
                continue;
            // name active num objsize objperslab pagesperslab : tunables l b s : slabdata active num shared
            if (fields.size() < 16 || fields[6] != ":" || fields[11] != ":") {
                *error = tr("Malformed /proc/slabinfo row for %1.").arg(QString::fromLatin1(fields.first()));
                return false;
            }
            bool ok[5] = {};
            SlabCacheFigure &figure = figures->cache(cache);
            figure.activeObjects = fields[1].toLongLong(&ok[0]);
            figure.totalObjects = fields[2].toLongLong(&ok[1]);
            figure.objectSize = fields[3].toLongLong(&ok[2]);
            const qint64 pagesPerSlab = fields[5].toLongLong(&ok[3]);
            const qint64 slabs = fields[14].toLongLong(&ok[4]);
            for (bool fieldOk : ok) {
                if (!fieldOk) {
                    *error = tr("Malformed number in the /proc/slabinfo row for %1.")
                                 .arg(QString::fromLatin1(fields.first()));
                    figure = SlabCacheFigure();
                    return false;
                }
            }
            // Counts are unsigned longs in the kernel; a product that does not fit (a corrupt or
            // crafted file) is refused rather than wrapped.
            qint64 pages = 0;
            if (figure.activeObjects < 0 || figure.totalObjects < 0 || figure.objectSize < 0 || slabs < 0 || pagesPerSlab < 0
                || __builtin_mul_overflow(slabs, pagesPerSlab, &pages) || __builtin_mul_overflow(pages, pageSize, &figure.bytes)) {
                *error = tr("Malformed number in the /proc/slabinfo row for %1.").arg(QString::fromLatin1(fields.first()));
                figure = SlabCacheFigure();
                return false;
            }
            figure.source = SlabCacheFigure::Source::Slabinfo;
        }
    }
    figures->slabinfoReadable = true;
    return true;
}
