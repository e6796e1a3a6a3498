#pragma once

#include <array>
#include <cstdint>
#include <string>

// Address bytes as sock_diag hands them over, turned into text only when something is shown.
namespace InetAddress {
std::string toString(std::uint8_t family, const std::array<std::uint8_t, 16> &bytes);
// "127.0.0.1:80", "[::1]:80"
std::string endpoint(std::uint8_t family, const std::array<std::uint8_t, 16> &bytes, std::uint16_t port);
const char *familyName(std::uint8_t family);
// Parses an IPv4 or IPv6 address (surrounding whitespace allowed); returns false when the text is neither.
bool parse(const std::string &text, std::uint8_t *family, std::array<std::uint8_t, 16> *bytes);
}
