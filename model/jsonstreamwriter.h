#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

class QIODevice;

// Writes JSON straight to a device as it goes, so a snapshot with a million sockets never exists
// twice in memory as a QJsonDocument would need. Objects are indented; containers opened with
// `compact` stay on one line (one socket per line).
class JsonStreamWriter
{
public:
    explicit JsonStreamWriter(QIODevice *device);
    ~JsonStreamWriter();

    void beginObject(bool compact = false) { open('{', compact); }
    void endObject() { close('}'); }
    void beginArray(bool compact = false) { open('[', compact); }
    void endArray() { close(']'); }
    void key(const char *name);

    void value(const QString &text);
    void value(const char *text);
    void value(qint64 number);
    void value(quint64 number);
    void value(int number) { value(qint64(number)); }
    void value(quint32 number) { value(qint64(number)); }
    void value(double number);
    void value(bool flag);
    void null();

    template<typename T>
    void field(const char *name, const T &v)
    {
        key(name);
        value(v);
    }

    // Flushes the buffer; returns false when the device refused data.
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
    void writeString(const QString &text);

    QIODevice *m_device;
    QByteArray m_buffer;
    std::vector<Level> m_levels;
    bool m_afterKey = false;
    bool m_failed = false;
};
