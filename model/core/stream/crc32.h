#pragma once

#include <cstdint>
#include <string_view>

// CRC-32 as zlib computes it (polynomial 0xEDB88320): the checksum of a recording's frames.
namespace Crc32 {
std::uint32_t of(std::string_view data);
}
