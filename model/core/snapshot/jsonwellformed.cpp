#include "core/snapshot/jsonwellformed.h"

#include "core/collect/utf8text.h"

#include <cctype>
#include <vector>

namespace {

class Checker
{
public:
    Checker(std::string_view text, std::size_t maximumDepth)
        : m_text(text)
        , m_maximumDepth(maximumDepth)
    {
    }

    bool object()
    {
        skipSpace();
        if (!at('{') || !value())
            return false;
        skipSpace();
        return m_i == m_text.size();
    }

private:
    bool at(char c) const { return m_i < m_text.size() && m_text[m_i] == c; }
    bool digit() const { return m_i < m_text.size() && m_text[m_i] >= '0' && m_text[m_i] <= '9'; }

    void skipSpace()
    {
        while (m_i < m_text.size() && (m_text[m_i] == ' ' || m_text[m_i] == '\t' || m_text[m_i] == '\n' || m_text[m_i] == '\r'))
            ++m_i;
    }

    bool literal(std::string_view word)
    {
        if (m_text.substr(m_i, word.size()) != word)
            return false;
        m_i += word.size();
        return true;
    }

    bool digits()
    {
        if (!digit())
            return false;
        while (digit())
            ++m_i;
        return true;
    }

    bool number()
    {
        if (at('-'))
            ++m_i;
        if (at('0'))
            ++m_i;
        else if (!digits())
            return false;
        if (at('.')) {
            ++m_i;
            if (!digits())
                return false;
        }
        if (at('e') || at('E')) {
            ++m_i;
            if (at('+') || at('-'))
                ++m_i;
            if (!digits())
                return false;
        }
        return true;
    }

    bool string()
    {
        ++m_i; // the opening quote
        while (m_i < m_text.size()) {
            const unsigned char c = static_cast<unsigned char>(m_text[m_i]);
            if (c == '"') {
                ++m_i;
                return true;
            }
            if (c < 0x20)
                return false;
            if (c == '\\') {
                if (++m_i >= m_text.size())
                    return false;
                const char escaped = m_text[m_i++];
                if (escaped == 'u') {
                    for (int k = 0; k < 4; ++k, ++m_i) {
                        if (m_i >= m_text.size() || !std::isxdigit(static_cast<unsigned char>(m_text[m_i])))
                            return false;
                    }
                } else if (std::string_view("\"\\/bfnrt").find(escaped) == std::string_view::npos) {
                    return false;
                }
                continue;
            }
            const std::size_t length = Utf8Text::sequenceLength(m_text, m_i);
            if (length == 0)
                return false;
            m_i += length;
        }
        return false;
    }

    // Iterative: the depth a hostile text reaches costs one byte of `open` a level, not a stack frame.
    bool value()
    {
        std::vector<char> open; // '{' or '[' for each container not yet closed
        for (;;) {
            skipSpace();
            if (m_i >= m_text.size())
                return false;
            const char c = m_text[m_i];
            bool scalar = true;
            if (c == '{' || c == '[') {
                if (open.size() >= m_maximumDepth)
                    return false;
                open.push_back(c);
                ++m_i;
                skipSpace();
                if (at(c == '{' ? '}' : ']')) {
                    ++m_i;
                    open.pop_back();
                } else if (c == '{') {
                    if (!key())
                        return false;
                    continue;
                } else {
                    continue;
                }
            } else if (c == '"') {
                scalar = string();
            } else if (c == 't') {
                scalar = literal("true");
            } else if (c == 'f') {
                scalar = literal("false");
            } else if (c == 'n') {
                scalar = literal("null");
            } else {
                scalar = number();
            }
            if (!scalar)
                return false;
            // After a value: a comma and the next member, or the end of containers.
            for (;;) {
                if (open.empty())
                    return true;
                skipSpace();
                if (at(',')) {
                    ++m_i;
                    if (open.back() == '{' && !key())
                        return false;
                    break;
                }
                if (!at(open.back() == '{' ? '}' : ']'))
                    return false;
                ++m_i;
                open.pop_back();
            }
        }
    }

    // A member's name and its colon.
    bool key()
    {
        skipSpace();
        if (!at('"') || !string())
            return false;
        skipSpace();
        if (!at(':'))
            return false;
        ++m_i;
        return true;
    }

    std::string_view m_text;
    std::size_t m_maximumDepth;
    std::size_t m_i = 0;
};

}

bool JsonWellFormed::isObject(std::string_view text, std::size_t maximumDepth)
{
    return Checker(text, maximumDepth).object();
}
