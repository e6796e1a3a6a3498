#pragma once

#include <QByteArray>

// Reads what ByteWriter wrote, never past the end: a read beyond the data (a truncated or
// corrupt file) sets failed() and returns zeros, so a decoder checks once at the end.
class ByteReader
{
public:
    explicit ByteReader(const QByteArray &data)
        : m_data(data)
    {
    }

    quint8 u8();
    quint16 u16();
    quint32 u32();
    qint64 i64();
    float f32();
    quint64 varint();
    qint64 svarint()
    {
        const quint64 raw = varint();
        return qint64(raw >> 1) ^ -qint64(raw & 1);
    }
    QByteArray bytes(qsizetype count);

    bool failed() const { return m_failed; }
    bool atEnd() const { return m_position >= m_data.size(); }
    qsizetype position() const { return m_position; }
    qsizetype remaining() const { return m_data.size() - m_position; }

private:
    bool need(qsizetype count);

    const QByteArray &m_data;
    qsizetype m_position = 0;
    bool m_failed = false;
};
