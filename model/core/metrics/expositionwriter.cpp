#include "expositionwriter.h"

#include <cmath>
#include <cstdint>
#include <cstdio>

ExpositionWriter::ExpositionWriter(Format format)
    : m_format(format)
{
    m_out.reserve(16384);
}

const char *ExpositionWriter::contentType(Format format)
{
    return format == Format::OpenMetrics ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
                                         : "text/plain; version=0.0.4; charset=utf-8";
}

namespace {

// Bytes of the well-formed UTF-8 sequence at `text[i]`, or 0 (Unicode 15, table 3-7).
std::size_t utf8Sequence(std::string_view text, std::size_t i)
{
    const auto at = [&](std::size_t k) { return k < text.size() ? std::uint8_t(text[k]) : std::uint8_t(0); };
    const std::uint8_t b0 = at(i);
    if (b0 < 0x80)
        return 1;
    const auto cont = [](std::uint8_t b) { return b >= 0x80 && b <= 0xBF; };
    if (b0 >= 0xC2 && b0 <= 0xDF)
        return cont(at(i + 1)) ? 2 : 0;
    if (b0 >= 0xE0 && b0 <= 0xEF) {
        const std::uint8_t low = b0 == 0xE0 ? 0xA0 : 0x80, high = b0 == 0xED ? 0x9F : 0xBF;
        return at(i + 1) >= low && at(i + 1) <= high && cont(at(i + 2)) ? 3 : 0;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
        const std::uint8_t low = b0 == 0xF0 ? 0x90 : 0x80, high = b0 == 0xF4 ? 0x8F : 0xBF;
        return at(i + 1) >= low && at(i + 1) <= high && cont(at(i + 2)) && cont(at(i + 3)) ? 4 : 0;
    }
    return 0;
}

}

std::string ExpositionWriter::validUtf8(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = utf8Sequence(text, i);
        out.append(length == 0 ? std::string_view("\xEF\xBF\xBD") : text.substr(i, length));
        i += length == 0 ? 1 : length;
    }
    return out;
}

// Label values come from the host (a process's comm, a unit name): any local user can name a
// process with bytes that are not UTF-8, and Prometheus refuses the whole scrape for one such
// label. Each byte that does not start a well-formed sequence becomes U+FFFD.
void ExpositionWriter::escapeInto(std::string_view text, bool quotes)
{
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = utf8Sequence(text, i);
        if (length == 0) {
            m_out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        if (length > 1) {
            m_out.append(text.substr(i, length));
            i += length;
            continue;
        }
        const char c = text[i++];
        if (c == '\\')
            m_out += "\\\\";
        else if (c == '\n')
            m_out += "\\n";
        else if (c == '"' && quotes)
            m_out += "\\\"";
        else
            m_out += c;
    }
}

void ExpositionWriter::family(std::string_view name, Type type, std::string_view help)
{
    const bool openMetrics = m_format == Format::OpenMetrics;
    m_sampleName.assign(name);
    if (type == Type::Counter)
        m_sampleName += "_total";
    else if (type == Type::Info)
        m_sampleName += "_info";
    // The text format names the samples' metric in HELP and TYPE; OpenMetrics names the family.
    const std::string_view described = openMetrics ? name : std::string_view(m_sampleName);
    m_out += "# HELP ";
    m_out += described;
    m_out += ' ';
    escapeInto(help, openMetrics);
    m_out += "\n# TYPE ";
    m_out += described;
    m_out += type == Type::Counter ? " counter\n" : type == Type::Info && openMetrics ? " info\n" : " gauge\n";
}

void ExpositionWriter::sampleStart(std::initializer_list<Label> labels)
{
    ++m_samples;
    m_out += m_sampleName;
    if (labels.size() == 0) {
        m_out += ' ';
        return;
    }
    m_out += '{';
    bool first = true;
    for (const Label &label : labels) {
        if (!first)
            m_out += ',';
        first = false;
        m_out += label.name;
        m_out += "=\"";
        escapeInto(label.value, true);
        m_out += '"';
    }
    m_out += "} ";
}

void ExpositionWriter::sample(std::initializer_list<Label> labels, std::int64_t value)
{
    sampleStart(labels);
    m_out += std::to_string(value);
    m_out += '\n';
}

void ExpositionWriter::sample(std::initializer_list<Label> labels, double value)
{
    sampleStart(labels);
    if (std::isnan(value)) {
        m_out += "NaN\n";
        return;
    }
    if (std::isinf(value)) {
        m_out += value > 0 ? "+Inf\n" : "-Inf\n";
        return;
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.9g", value);
    m_out += text;
    m_out += '\n';
}

std::string ExpositionWriter::finish()
{
    if (m_format == Format::OpenMetrics)
        m_out += "# EOF\n";
    return std::move(m_out);
}
