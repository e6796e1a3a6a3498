#include "core/collect/utf8text.h"

#include <cstdint>
#include <cstdio>

namespace Utf8Text {

std::size_t sequenceLength(std::string_view text, std::size_t i)
{
    const auto at = [&](std::size_t k) { return k < text.size() ? std::uint8_t(text[k]) : std::uint8_t(0); };
    const std::uint8_t b0 = at(i);
    if (b0 < 0x80)
        return 1;
    const auto cont = [](std::uint8_t b) { return b >= 0x80 && b <= 0xBF; };
    // C0 and C1 would be overlong forms of ASCII; F5..FF would encode more than U+10FFFF.
    if (b0 >= 0xC2 && b0 <= 0xDF)
        return cont(at(i + 1)) ? 2 : 0;
    if (b0 >= 0xE0 && b0 <= 0xEF) {
        // E0 80..9F is overlong; ED A0..BF encodes the surrogates U+D800..U+DFFF.
        const std::uint8_t low = b0 == 0xE0 ? 0xA0 : 0x80, high = b0 == 0xED ? 0x9F : 0xBF;
        return at(i + 1) >= low && at(i + 1) <= high && cont(at(i + 2)) ? 3 : 0;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
        // F0 80..8F is overlong; F4 90.. is above U+10FFFF.
        const std::uint8_t low = b0 == 0xF0 ? 0x90 : 0x80, high = b0 == 0xF4 ? 0x8F : 0xBF;
        return at(i + 1) >= low && at(i + 1) <= high && cont(at(i + 2)) && cont(at(i + 3)) ? 4 : 0;
    }
    return 0;
}

bool isWellFormed(std::string_view text)
{
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = sequenceLength(text, i);
        if (length == 0)
            return false;
        i += length;
    }
    return true;
}

std::string repaired(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    appendRepaired(
        out, text, [](std::string &o, char c) { o += c; },
        [](std::string &o, char32_t, std::string_view sequence) { o.append(sequence); });
    return out;
}

char32_t codePoint(std::string_view sequence)
{
    const auto b = [&](std::size_t k) { return char32_t(std::uint8_t(sequence[k])); };
    switch (sequence.size()) {
    case 1: return b(0);
    case 2: return (b(0) & 0x1F) << 6 | (b(1) & 0x3F);
    case 3: return (b(0) & 0x0F) << 12 | (b(1) & 0x3F) << 6 | (b(2) & 0x3F);
    default: return (b(0) & 0x07) << 18 | (b(1) & 0x3F) << 12 | (b(2) & 0x3F) << 6 | (b(3) & 0x3F);
    }
}

bool isInert(char32_t c)
{
    return !(c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
             || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029);
}

std::string plain(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    char escaped[12];
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = sequenceLength(text, i);
        if (length == 0) {
            std::snprintf(escaped, sizeof escaped, "\\x%02x", unsigned(std::uint8_t(text[i])));
            out += escaped;
            ++i;
            continue;
        }
        const std::string_view sequence = text.substr(i, length);
        i += length;
        const char32_t c = codePoint(sequence);
        if (c == '\\') {
            out += "\\\\";
        } else if (isInert(c)) {
            out.append(sequence);
        } else {
            std::snprintf(escaped, sizeof escaped, c < 0x80 ? "\\x%02x" : "\\u%04x", unsigned(c));
            out += escaped;
        }
    }
    return out;
}

}
