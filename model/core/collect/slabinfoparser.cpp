#include "core/collect/slabinfoparser.h"

#include "core/collect/textscan.h"

bool SlabinfoParser::parse(std::string_view text, std::int64_t pageSize, SlabFigures *figures, CoreMessage *error)
{
    const std::vector<std::string_view> lines = TextScan::lines(text);
    if (!TextScan::startsWith(lines.front(), "slabinfo - version: 2.")) {
        *error = {CoreMessageCode::SlabinfoUnknownFormat, {}};
        return false;
    }
    for (const std::string_view line : lines) {
        if (line.empty() || line.front() == '#' || TextScan::startsWith(line, "slabinfo"))
            continue;
        const std::vector<std::string_view> fields = TextScan::words(line);
        if (fields.empty())
            continue;
        for (int c = 0; c < SlabCacheCount; ++c) {
            const auto cache = static_cast<SlabCache>(c);
            if (fields.front() != slabCacheName(cache))
                continue;
            const std::string name(fields.front());
            // name active num objsize objperslab pagesperslab : tunables l b s : slabdata active num shared
            if (fields.size() < 16 || fields[6] != ":" || fields[11] != ":") {
                *error = {CoreMessageCode::SlabinfoMalformedRow, {name}};
                return false;
            }
            bool ok[5] = {};
            SlabCacheFigure &figure = figures->cache(cache);
            std::int64_t pagesPerSlab = 0, slabs = 0;
            ok[0] = TextScan::toInt64(fields[1], &figure.activeObjects);
            ok[1] = TextScan::toInt64(fields[2], &figure.totalObjects);
            ok[2] = TextScan::toInt64(fields[3], &figure.objectSize);
            ok[3] = TextScan::toInt64(fields[5], &pagesPerSlab);
            ok[4] = TextScan::toInt64(fields[14], &slabs);
            for (bool fieldOk : ok) {
                if (!fieldOk) {
                    *error = {CoreMessageCode::SlabinfoMalformedNumber, {name}};
                    figure = SlabCacheFigure();
                    return false;
                }
            }
            // Counts are unsigned longs in the kernel; a product that does not fit (a corrupt or
            // crafted file) is refused rather than wrapped.
            std::int64_t pages = 0;
            if (figure.activeObjects < 0 || figure.totalObjects < 0 || figure.objectSize < 0 || slabs < 0 || pagesPerSlab < 0
                || __builtin_mul_overflow(slabs, pagesPerSlab, &pages)
                || __builtin_mul_overflow(pages, pageSize, &figure.bytes)) {
                *error = {CoreMessageCode::SlabinfoMalformedNumber, {name}};
                figure = SlabCacheFigure();
                return false;
            }
            figure.source = SlabCacheFigure::Source::Slabinfo;
        }
    }
    figures->slabinfoReadable = true;
    return true;
}
