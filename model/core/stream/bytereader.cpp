#include "core/stream/bytereader.h"

#include <cstring>

bool ByteReader::need(std::ptrdiff_t count)
{
    if (m_failed || count < 0 || std::ptrdiff_t(m_data.size()) - m_position < count) {
        m_failed = true;
        return false;
    }
    return true;
}

std::uint8_t ByteReader::u8()
{
    if (!need(1))
        return 0;
    return std::uint8_t(m_data[std::size_t(m_position++)]);
}

std::uint16_t ByteReader::u16()
{
    const std::uint16_t low = u8();
    return std::uint16_t(low | (std::uint16_t(u8()) << 8));
}

std::uint32_t ByteReader::u32()
{
    std::uint32_t value = 0;
    for (int shift = 0; shift < 32; shift += 8)
        value |= std::uint32_t(u8()) << shift;
    return value;
}

std::int64_t ByteReader::i64()
{
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 8)
        value |= std::uint64_t(u8()) << shift;
    return std::int64_t(value);
}

float ByteReader::f32()
{
    const std::uint32_t bits = u32();
    float value;
    std::memcpy(&value, &bits, sizeof(value));
    return value;
}

std::uint64_t ByteReader::varint()
{
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        const std::uint8_t byte = u8();
        if (m_failed)
            return 0;
        value |= std::uint64_t(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return value;
    }
    m_failed = true; // more than 10 bytes: not a varint
    return 0;
}

std::string ByteReader::bytes(std::ptrdiff_t count)
{
    return std::string(view(count));
}

std::string_view ByteReader::view(std::ptrdiff_t count)
{
    if (!need(count))
        return std::string_view();
    const std::string_view slice = m_data.substr(std::size_t(m_position), std::size_t(count));
    m_position += count;
    return slice;
}
