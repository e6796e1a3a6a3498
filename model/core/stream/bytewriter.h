#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// Little-endian integers and LEB128 varints into a buffer: the primitives of the recording
// format (docs/recording-format.md).
class ByteWriter
{
public:
    void u8(std::uint8_t value) { m_bytes.push_back(char(value)); }
    void u16(std::uint16_t value);
    void u32(std::uint32_t value);
    void i64(std::int64_t value);
    void f32(float value);
    void varint(std::uint64_t value);
    // ZigZag: small negative numbers stay small.
    void svarint(std::int64_t value) { varint((std::uint64_t(value) << 1) ^ std::uint64_t(value >> 63)); }
    void bytes(std::string_view data) { m_bytes.append(data); }
    // A varint length and the bytes, at most `maximum` of them (a longer text is cut).
    void text(std::string_view data, std::size_t maximum)
    {
        data = data.substr(0, maximum);
        varint(data.size());
        bytes(data);
    }
    void reserve(std::size_t size) { m_bytes.reserve(size); }
    void clear() { m_bytes.clear(); }

    // Bytes in a std::string: a plain buffer that keeps its capacity when cleared.
    const std::string &data() const { return m_bytes; }
    std::string take() { return std::move(m_bytes); }

private:
    std::string m_bytes;
};
