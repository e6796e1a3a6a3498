#include "core/metrics/contentnegotiation.h"

#include <cstdlib>
#include <string>

namespace {

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

bool sameLetters(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i]))
            return false;
    }
    return true;
}

// The q of one media range ("type/subtype;param=value;q=0.5"): 1 when absent, -1 when malformed.
double qualityOf(std::string_view range, std::string_view *type)
{
    std::size_t semicolon = range.find(';');
    *type = trimmed(range.substr(0, semicolon));
    double q = 1;
    while (semicolon != std::string_view::npos) {
        range.remove_prefix(semicolon + 1);
        semicolon = range.find(';');
        const std::string_view parameter = trimmed(range.substr(0, semicolon));
        if (parameter.size() > 2 && (parameter[0] == 'q' || parameter[0] == 'Q') && parameter[1] == '=') {
            const std::string value(parameter.substr(2, 8));
            char *end = nullptr;
            q = std::strtod(value.c_str(), &end);
            if (end == value.c_str() || *end != '\0' || !(q >= 0 && q <= 1))
                return -1;
        }
    }
    return q;
}

}

bool ContentNegotiation::prefersOpenMetrics(std::string_view accept)
{
    double openMetrics = 0, text = 0;
    std::size_t ranges = 0;
    while (!accept.empty() && ranges++ < 64) {
        const std::size_t comma = accept.find(',');
        std::string_view type;
        const double q = qualityOf(accept.substr(0, comma), &type);
        if (q < 0)
            return false;
        if (sameLetters(type, "application/openmetrics-text"))
            openMetrics = std::max(openMetrics, q);
        else if (sameLetters(type, "text/plain") || sameLetters(type, "text/*") || sameLetters(type, "*/*"))
            text = std::max(text, q);
        accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
    }
    return openMetrics > 0 && openMetrics >= text;
}
