#include "core/metrics/expositionwriter.h"

#include "core/collect/utf8text.h"

#include <charconv>
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

// Label values come from the host (a process's comm, a unit name): any local user can name a
// process with bytes that are not UTF-8, and Prometheus refuses the whole scrape for one such
// label. Each byte that does not start a well-formed sequence becomes U+FFFD.
void ExpositionWriter::escapeInto(std::string_view text, bool quotes)
{
    // The format has no \u escape: a control it does not escape (ESC, BEL, TAB, DEL, C1) or a bidi
    // control becomes U+FFFD, so a scrape shown in a terminal is inert text.
    const auto replace = [](std::string &out, char32_t, std::string_view = {}) { out += "\xEF\xBF\xBD"; };
    Utf8Text::appendRepaired(
        m_out, text,
        [quotes, &replace](std::string &out, char c) {
            if (c == '\\')
                out += "\\\\";
            else if (c == '\n')
                out += "\\n";
            else if (c == '"' && quotes)
                out += "\\\"";
            else if (Utf8Text::isInert(char32_t(static_cast<unsigned char>(c))))
                out += c;
            else
                replace(out, char32_t(static_cast<unsigned char>(c)));
        },
        replace);
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
    // The shortest text that reads back as the same double: nine significant digits ("%.9g") put a
    // Unix time such as sockscope_collection_timestamp_seconds up to 5 s off (1.79667623e+09).
    char text[32];
    const std::to_chars_result written = std::to_chars(text, text + sizeof text, value);
    m_out.append(text, written.ptr);
    m_out += '\n';
}

std::string ExpositionWriter::finish()
{
    if (m_format == Format::OpenMetrics)
        m_out += "# EOF\n";
    return std::move(m_out);
}
