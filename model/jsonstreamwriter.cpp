#include "jsonstreamwriter.h"

#include <QIODevice>

#include <cmath>
#include <cstdio>

namespace {
constexpr int FlushThreshold = 1 << 16;
}

JsonStreamWriter::JsonStreamWriter(QIODevice *device)
    : m_device(device)
{
    m_buffer.reserve(FlushThreshold + 1024);
}

JsonStreamWriter::~JsonStreamWriter()
{
    flush();
}

bool JsonStreamWriter::flush()
{
    if (!m_buffer.isEmpty()) {
        if (m_device->write(m_buffer) != m_buffer.size())
            m_failed = true;
        m_buffer.clear();
    }
    return !m_failed;
}

void JsonStreamWriter::newline()
{
    m_buffer += '\n';
    m_buffer.append(QByteArray(qsizetype(m_levels.size()) * 2, ' '));
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

void JsonStreamWriter::writeString(const QString &text)
{
    m_buffer += '"';
    const QByteArray utf8 = text.toUtf8();
    for (const char c : utf8) {
        switch (c) {
        case '"': m_buffer += "\\\""; break;
        case '\\': m_buffer += "\\\\"; break;
        case '\n': m_buffer += "\\n"; break;
        case '\r': m_buffer += "\\r"; break;
        case '\t': m_buffer += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof(escaped), "\\u%04x", unsigned(static_cast<unsigned char>(c)));
                m_buffer += escaped;
            } else {
                m_buffer += c;
            }
        }
    }
    m_buffer += '"';
}

void JsonStreamWriter::value(const QString &text)
{
    beforeValue();
    writeString(text);
}

void JsonStreamWriter::value(const char *text)
{
    value(QString::fromUtf8(text));
}

void JsonStreamWriter::value(qint64 number)
{
    beforeValue();
    m_buffer += QByteArray::number(number);
}

void JsonStreamWriter::value(quint64 number)
{
    beforeValue();
    m_buffer += QByteArray::number(number);
}

void JsonStreamWriter::value(double number)
{
    beforeValue();
    if (!std::isfinite(number)) {
        m_buffer += "null"; // JSON has no NaN or infinity
        return;
    }
    m_buffer += QByteArray::number(number, 'g', 12);
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
