#include "core/stream/bytewriter.h"

#include <cstring>

void ByteWriter::u16(std::uint16_t value)
{
    u8(std::uint8_t(value));
    u8(std::uint8_t(value >> 8));
}

void ByteWriter::u32(std::uint32_t value)
{
    for (int shift = 0; shift < 32; shift += 8)
        u8(std::uint8_t(value >> shift));
}

void ByteWriter::i64(std::int64_t value)
{
    for (int shift = 0; shift < 64; shift += 8)
        u8(std::uint8_t(std::uint64_t(value) >> shift));
}

void ByteWriter::f32(float value)
{
    std::uint32_t bits;
    std::memcpy(&bits, &value, sizeof(bits));
    u32(bits);
}

void ByteWriter::varint(std::uint64_t value)
{
    while (value >= 0x80) {
        u8(std::uint8_t(value | 0x80));
        value >>= 7;
    }
    u8(std::uint8_t(value));
}
