#include "core/collect/sockstatparser.h"

#include "core/collect/textscan.h"

namespace {

constexpr std::int64_t MaximumValue = std::int64_t(1) << 53;

// Finds the line "<label>: key value key value ..." and hands each pair to `take`.
template <typename Take> bool forEachPair(std::string_view text, std::string_view label, Take take)
{
    for (const std::string_view line : TextScan::lines(text)) {
        if (!TextScan::startsWith(line, label))
            continue;
        const std::vector<std::string_view> fields = TextScan::words(line.substr(label.size()));
        if (fields.size() < 2 || fields.size() % 2 != 0)
            return false;
        for (std::size_t i = 0; i + 1 < fields.size(); i += 2) {
            std::int64_t value = 0;
            // Socket counts are ints in the kernel and pages a long; beyond 2^53 (what a JSON
            // number holds exactly) is not sockstat, and would overflow once pages become bytes.
            if (!TextScan::toInt64(fields[i + 1], &value) || value < -MaximumValue || value > MaximumValue)
                return false;
            take(fields[i], value);
        }
        return true;
    }
    return false;
}

}

namespace SockstatParser {

bool parseSockstat(std::string_view text, SockstatFigures *figures)
{
    SockstatFigures parsed = *figures;
    bool sawInUse = false;
    const bool ok = forEachPair(text, "TCP:", [&](std::string_view key, std::int64_t value) {
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

bool parseSockstat6(std::string_view text, SockstatFigures *figures)
{
    bool sawInUse = false;
    std::int64_t inUse = 0;
    const bool ok = forEachPair(text, "TCP6:", [&](std::string_view key, std::int64_t value) {
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
