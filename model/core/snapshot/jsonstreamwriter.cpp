#include "core/snapshot/jsonstreamwriter.h"

#include "core/collect/utf8text.h"

#include <cmath>
#include <cstdio>
#include <cstring>

namespace {
constexpr int FlushThreshold = 1 << 16;
}

JsonStreamWriter::Sink JsonStreamWriter::toString(std::string *out)
{
    return [out](const char *data, std::size_t length) {
        out->append(data, length);
        return true;
    };
}

JsonStreamWriter::Sink JsonStreamWriter::toFile(std::FILE *file)
{
    return [file](const char *data, std::size_t length) { return std::fwrite(data, 1, length, file) == length; };
}

JsonStreamWriter::JsonStreamWriter(Sink sink)
    : m_sink(std::move(sink))
{
    m_buffer.reserve(FlushThreshold + 1024);
}

JsonStreamWriter::~JsonStreamWriter()
{
    flush();
}

bool JsonStreamWriter::flush()
{
    if (!m_buffer.empty()) {
        if (!m_failed && !m_sink(m_buffer.data(), m_buffer.size()))
            m_failed = true;
        m_buffer.clear();
    }
    return !m_failed;
}

void JsonStreamWriter::newline()
{
    m_buffer += '\n';
    m_buffer.append(m_levels.size() * 2, ' ');
}

void JsonStreamWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_levels.empty())
        return;
    Level &level = m_levels.back();
    if (!level.empty)
        m_buffer += level.compact ? ", " : ",";
    if (!level.compact)
        newline();
    level.empty = false;
    if (m_buffer.size() > FlushThreshold)
        flush();
}

void JsonStreamWriter::open(char bracket, bool compact)
{
    beforeValue();
    m_buffer += bracket;
    // A container inside a one-line container stays on that line.
    m_levels.push_back({compact || (!m_levels.empty() && m_levels.back().compact), true});
}

void JsonStreamWriter::close(char bracket)
{
    const Level level = m_levels.back();
    m_levels.pop_back();
    if (!level.compact && !level.empty)
        newline();
    m_buffer += bracket;
    if (m_levels.empty())
        m_buffer += '\n';
}

void JsonStreamWriter::key(const char *name)
{
    beforeValue();
    m_buffer += '"';
    m_buffer += name; // keys are our own ASCII identifiers
    m_buffer += "\": ";
    m_afterKey = true;
}

// Strings carry names from the host (a process's comm, a cgroup directory) that anyone may have
// made of bytes that are not UTF-8; one such byte makes the whole document unreadable to a strict
// parser (QJsonDocument, Python's json). Each byte that starts no well-formed sequence becomes U+FFFD.
void JsonStreamWriter::writeString(const char *text, std::size_t length)
{
    m_buffer += '"';
    // Controls, DEL, C1, bidi controls and line separators as \u escapes: valid JSON may carry them
    // raw, but a terminal showing the output would act on them (U+009B is CSI).
    const auto escape = [](std::string &out, char32_t c, std::string_view = {}) {
        char escaped[8];
        std::snprintf(escaped, sizeof(escaped), "\\u%04x", unsigned(c));
        out += escaped;
    };
    Utf8Text::appendRepaired(
        m_buffer, std::string_view(text, length),
        [&escape](std::string &out, char c) {
            switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (Utf8Text::isInert(char32_t(static_cast<unsigned char>(c))))
                    out += c;
                else
                    escape(out, char32_t(static_cast<unsigned char>(c)));
            }
        },
        escape);
    m_buffer += '"';
}

void JsonStreamWriter::value(const std::string &text)
{
    beforeValue();
    writeString(text.data(), text.size());
}

void JsonStreamWriter::value(const char *text)
{
    beforeValue();
    writeString(text, std::strlen(text));
}

void JsonStreamWriter::value(std::int64_t number)
{
    beforeValue();
    m_buffer += std::to_string(number);
}

void JsonStreamWriter::value(std::uint64_t number)
{
    beforeValue();
    m_buffer += std::to_string(number);
}

void JsonStreamWriter::value(double number)
{
    beforeValue();
    if (!std::isfinite(number)) {
        m_buffer += "null"; // JSON has no NaN or infinity
        return;
    }
    // %.12g in the C locale: twelve significant digits, as the schema has always written them.
    char text[40];
    std::snprintf(text, sizeof text, "%.12g", number);
    m_buffer += text;
}

void JsonStreamWriter::value(bool flag)
{
    beforeValue();
    m_buffer += flag ? "true" : "false";
}

void JsonStreamWriter::null()
{
    beforeValue();
    m_buffer += "null";
}
