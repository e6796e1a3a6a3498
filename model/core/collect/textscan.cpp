#include "core/collect/textscan.h"

#include <limits>

namespace {
bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}
}

namespace TextScan {

std::vector<std::string_view> lines(std::string_view text)
{
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            out.push_back(text.substr(start));
            return out;
        }
        out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
}

std::vector<std::string_view> words(std::string_view text)
{
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && isSpace(text[i]))
            ++i;
        const std::size_t start = i;
        while (i < text.size() && !isSpace(text[i]))
            ++i;
        if (i > start)
            out.push_back(text.substr(start, i - start));
    }
    return out;
}

std::string simplified(std::string_view text)
{
    std::string out;
    for (const std::string_view word : words(text)) {
        if (!out.empty())
            out += ' ';
        out.append(word);
    }
    return out;
}

bool toUInt64(std::string_view text, std::uint64_t *value)
{
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    if (text.empty())
        return false;
    std::uint64_t result = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
        const auto digit = std::uint64_t(c - '0');
        if (result > (std::numeric_limits<std::uint64_t>::max() - digit) / 10)
            return false;
        result = result * 10 + digit;
    }
    *value = result;
    return true;
}

bool toInt64(std::string_view text, std::int64_t *value)
{
    const bool negative = !text.empty() && text.front() == '-';
    if (negative)
        text.remove_prefix(1);
    else if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    if (!text.empty() && (text.front() == '+' || text.front() == '-'))
        return false;
    std::uint64_t magnitude = 0;
    if (!toUInt64(text, &magnitude))
        return false;
    const auto limit = std::uint64_t(std::numeric_limits<std::int64_t>::max());
    if (magnitude > limit + (negative ? 1 : 0))
        return false;
    *value = negative ? (magnitude == limit + 1 ? std::numeric_limits<std::int64_t>::min() : -std::int64_t(magnitude))
                      : std::int64_t(magnitude);
    return true;
}

bool startsWith(std::string_view text, std::string_view prefix)
{
    return text.substr(0, prefix.size()) == prefix;
}

}
