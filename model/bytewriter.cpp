#include "bytewriter.h"

#include <cstring>

void ByteWriter::u16(quint16 value)
{
    u8(quint8(value));
    u8(quint8(value >> 8));
}

void ByteWriter::u32(quint32 value)
{
    for (int shift = 0; shift < 32; shift += 8)
        u8(quint8(value >> shift));
}

void ByteWriter::i64(qint64 value)
{
    for (int shift = 0; shift < 64; shift += 8)
        u8(quint8(quint64(value) >> shift));
}

void ByteWriter::f32(float value)
{
    quint32 bits;
    std::memcpy(&bits, &value, sizeof(bits));
    u32(bits);
}

void ByteWriter::varint(quint64 value)
{
    while (value >= 0x80) {
        u8(quint8(value | 0x80));
        value >>= 7;
    }
    u8(quint8(value));
}
