#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// Names the kernel hands over as bytes (a process's comm and cmdline, a cgroup directory) are
// whatever their owner chose: any local user can name a process "\xff\xfe" with prctl(PR_SET_NAME).
// Everything the core writes for others to parse (JSON, the exposition format) is well-formed
// UTF-8, and everything it prints on a terminal is free of escapes; both start from this one
// strict decoder (Unicode 15, table 3-7: no overlongs, no surrogates, nothing above U+10FFFF).
namespace Utf8Text {
// Bytes of the well-formed UTF-8 sequence that starts at `text[i]` (1 to 4), or 0 when the byte
// there starts none.
std::size_t sequenceLength(std::string_view text, std::size_t i);
bool isWellFormed(std::string_view text);
// `text` with every byte that starts no well-formed sequence replaced by U+FFFD.
std::string repaired(std::string_view text);
// The code point of one well-formed sequence (as sequenceLength() delimits it).
char32_t codePoint(std::string_view sequence);
// What a terminal acts on or a reader cannot see: controls move the cursor or start escape
// sequences (ESC, and the C1 CSI/OSC a terminal may take in their UTF-8 form), bidi controls
// reorder the line around them, separators break it. False for C0 and C1 controls, DEL, U+200E,
// U+200F, U+202A..U+202E, U+2066..U+2069, U+2028 and U+2029.
bool isInert(char32_t c);
// Appends `text` to `out` as repaired() does, handing each ASCII byte to `ascii(out, c)` (a
// writer's own escapes) instead of copying it, and each longer sequence that is not inert to
// `control(out, codePoint, sequence)`.
template <typename AsciiWriter, typename ControlWriter>
void appendRepaired(std::string &out, std::string_view text, AsciiWriter ascii, ControlWriter control)
{
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = sequenceLength(text, i);
        if (length == 0) {
            out += "\xEF\xBF\xBD"; // U+FFFD
            ++i;
        } else if (length == 1) {
            ascii(out, text[i++]);
        } else {
            const std::string_view sequence = text.substr(i, length);
            const char32_t c = codePoint(sequence);
            if (isInert(c))
                out.append(sequence);
            else
                control(out, c, sequence);
            i += length;
        }
    }
}
// `text` as one line of inert terminal text: C0 and C1 controls, DEL, the bidi controls (U+200E,
// U+200F, U+202A..U+202E, U+2066..U+2069) and the line/paragraph separators written as `\xNN` or
// `\uNNNN`, each byte of an ill-formed sequence as `\xNN`, and a backslash doubled so that an
// escape cannot be forged.
std::string plain(std::string_view text);
}
