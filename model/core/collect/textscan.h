#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// The few text operations the /proc parsers need, on plain bytes (the kernel's files are ASCII).
namespace TextScan {
std::vector<std::string_view> lines(std::string_view text);
// Whitespace-separated words (a simplified line split at its spaces, without the one
// empty word for an empty line).
std::vector<std::string_view> words(std::string_view text);
// Leading and trailing whitespace removed, inner runs made one space.
std::string simplified(std::string_view text);
// A whole base-10 number with an optional sign; false on anything else or overflow.
bool toInt64(std::string_view text, std::int64_t *value);
bool toUInt64(std::string_view text, std::uint64_t *value);
bool startsWith(std::string_view text, std::string_view prefix);
}
