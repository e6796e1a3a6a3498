#include "core/collect/procnetcountersparser.h"

#include "core/collect/textscan.h"

#include <algorithm>

namespace {
constexpr std::int64_t MaximumCounter = std::int64_t(1) << 62;
}

bool ProcNetCountersParser::parse(std::string_view text, TcpCounters *counters, CoreMessage *error, const char *file)
{
    const std::vector<std::string_view> lines = TextScan::lines(text);
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        const std::string_view header = lines[i];
        const std::size_t colon = header.find(':');
        if (colon == std::string_view::npos || colon == 0)
            continue;
        const std::string_view table = header.substr(0, colon);
        const std::string_view valuesLine = lines[i + 1];
        if (valuesLine.size() <= colon || valuesLine.substr(0, colon) != table || valuesLine[colon] != ':')
            continue;
        ++i; // the values line is consumed with its header

        bool wanted = false;
        for (const auto &info : tcpCounterInfo())
            wanted = wanted || table == info.table;
        if (!wanted)
            continue;

        const std::vector<std::string_view> names = TextScan::words(header.substr(colon + 1));
        const std::vector<std::string_view> values = TextScan::words(valuesLine.substr(colon + 1));
        if (names.size() != values.size()) {
            *error = {CoreMessageCode::CountersColumnMismatch,
                      {file, std::string(table), std::to_string(names.size()), std::to_string(values.size())}};
            return false;
        }
        for (const auto &info : tcpCounterInfo()) {
            if (table != info.table)
                continue;
            const auto found = std::find(names.begin(), names.end(), std::string_view(info.name));
            if (found == names.end())
                continue;
            const std::string_view valueText = values[std::size_t(found - names.begin())];
            std::int64_t value = 0;
            // Rates subtract one sample's value from the next: values within ±2^62 can never
            // overflow that (real counters are far below; Tcp MaxConn is -1).
            if (!TextScan::toInt64(valueText, &value) || value > MaximumCounter || value < -MaximumCounter) {
                *error = {CoreMessageCode::CountersNotANumber, {file, std::string(table), info.name, std::string(valueText)}};
                return false;
            }
            const int index = static_cast<int>(info.counter);
            counters->values[index] = value;
            counters->present[index] = true;
        }
    }
    return true;
}
