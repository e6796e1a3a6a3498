#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

// Writes JSON straight to a sink as it goes, so a snapshot with a million sockets never exists
// twice in memory as a document tree would need. Objects are indented; containers opened with
// `compact` stay on one line (one socket per line).
class JsonStreamWriter
{
public:
    // Takes the bytes written so far; returns false when they could not all be written.
    using Sink = std::function<bool(const char *data, std::size_t length)>;

    explicit JsonStreamWriter(Sink sink);
    ~JsonStreamWriter();
    JsonStreamWriter(const JsonStreamWriter &) = delete;
    JsonStreamWriter &operator=(const JsonStreamWriter &) = delete;

    // A sink that appends to a string / writes to a stdio stream.
    static Sink toString(std::string *out);
    static Sink toFile(std::FILE *file);

    void beginObject(bool compact = false) { open('{', compact); }
    void endObject() { close('}'); }
    void beginArray(bool compact = false) { open('[', compact); }
    void endArray() { close(']'); }
    void key(const char *name);

    void value(const std::string &text);
    void value(const char *text);
    void value(std::int64_t number);
    void value(std::uint64_t number);
    void value(long long number) { value(std::int64_t(number)); }
    void value(unsigned long long number) { value(std::uint64_t(number)); }
    void value(int number) { value(std::int64_t(number)); }
    void value(std::uint32_t number) { value(std::int64_t(number)); }
    void value(double number);
    void value(bool flag);
    void null();

    template <typename T> void field(const char *name, const T &v)
    {
        key(name);
        value(v);
    }

    // Flushes the buffer; returns false when the sink refused data.
    bool flush();

private:
    struct Level
    {
        bool compact;
        bool empty;
    };
    void open(char bracket, bool compact);
    void close(char bracket);
    void beforeValue();
    void newline();
    void writeString(const char *text, std::size_t length);

    Sink m_sink;
    std::string m_buffer;
    std::vector<Level> m_levels;
    bool m_afterKey = false;
    bool m_failed = false;
};
