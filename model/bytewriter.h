#pragma once

#include <QByteArray>

// Little-endian integers and LEB128 varints into a buffer: the primitives of the recording
// format (README, "Recording file format").
class ByteWriter
{
public:
    void u8(quint8 value) { m_bytes.append(char(value)); }
    void u16(quint16 value);
    void u32(quint32 value);
    void i64(qint64 value);
    void f32(float value);
    void varint(quint64 value);
    // ZigZag: small negative numbers stay small.
    void svarint(qint64 value) { varint((quint64(value) << 1) ^ quint64(value >> 63)); }
    void bytes(const QByteArray &data) { m_bytes.append(data); }
    void reserve(qsizetype size) { m_bytes.reserve(size); }

    const QByteArray &data() const { return m_bytes; }
    QByteArray take() { return std::move(m_bytes); }

private:
    QByteArray m_bytes;
};
