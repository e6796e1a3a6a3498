#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

// Reads what ByteWriter wrote, never past the end: a read beyond the data (a truncated or
// corrupt file) sets failed() and returns zeros, so a decoder checks once at the end.
class ByteReader
{
public:
    // `data` must outlive the reader.
    explicit ByteReader(std::string_view data)
        : m_data(data)
    {
    }

    std::uint8_t u8();
    std::uint16_t u16();
    std::uint32_t u32();
    std::int64_t i64();
    float f32();
    std::uint64_t varint();
    std::int64_t svarint()
    {
        const std::uint64_t raw = varint();
        return std::int64_t(raw >> 1) ^ -std::int64_t(raw & 1);
    }
    std::string bytes(std::ptrdiff_t count);
    // The same without a copy, valid while the data is.
    std::string_view view(std::ptrdiff_t count);

    // What ByteWriter::text wrote; false (and failed()) past the end or for more than `maximum` bytes.
    bool text(std::string *out, std::size_t maximum)
    {
        const std::uint64_t length = varint();
        if (m_failed || length > maximum) {
            m_failed = true;
            return false;
        }
        *out = bytes(std::ptrdiff_t(length));
        return !m_failed;
    }
    bool failed() const { return m_failed; }
    bool atEnd() const { return m_position >= std::ptrdiff_t(m_data.size()); }
    std::ptrdiff_t position() const { return m_position; }
    std::ptrdiff_t remaining() const { return std::ptrdiff_t(m_data.size()) - m_position; }

private:
    bool need(std::ptrdiff_t count);

    std::string_view m_data;
    std::ptrdiff_t m_position = 0;
    bool m_failed = false;
};
