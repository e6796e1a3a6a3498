#include "bytereader.h"

#include <cstring>

bool ByteReader::need(qsizetype count)
{
    if (m_failed || count < 0 || m_data.size() - m_position < count) {
        m_failed = true;
        return false;
    }
    return true;
}

quint8 ByteReader::u8()
{
    if (!need(1))
        return 0;
    return quint8(m_data[m_position++]);
}

quint16 ByteReader::u16()
{
    const quint16 low = u8();
    return quint16(low | (quint16(u8()) << 8));
}

quint32 ByteReader::u32()
{
    quint32 value = 0;
    for (int shift = 0; shift < 32; shift += 8)
        value |= quint32(u8()) << shift;
    return value;
}

qint64 ByteReader::i64()
{
    quint64 value = 0;
    for (int shift = 0; shift < 64; shift += 8)
        value |= quint64(u8()) << shift;
    return qint64(value);
}

float ByteReader::f32()
{
    const quint32 bits = u32();
    float value;
    std::memcpy(&value, &bits, sizeof(value));
    return value;
}

quint64 ByteReader::varint()
{
    quint64 value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        const quint8 byte = u8();
        if (m_failed)
            return 0;
        value |= quint64(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return value;
    }
    m_failed = true; // more than 10 bytes: not a varint
    return 0;
}

QByteArray ByteReader::bytes(qsizetype count)
{
    if (!need(count))
        return QByteArray();
    const QByteArray slice = m_data.mid(m_position, count);
    m_position += count;
    return slice;
}
