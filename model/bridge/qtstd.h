#pragma once

#include "core/snapshot/jsonstreamwriter.h"

#include <QByteArray>
#include <QIODevice>
#include <QString>

#include <string>
#include <string_view>

// The boundary between the Qt layer and the core (std::string in UTF-8, byte buffers in
// std::string): one place for the conversions, so they read the same everywhere.
inline QString toQString(const std::string &text)
{
    return QString::fromStdString(text);
}

inline std::string toStdString(const QString &text)
{
    return text.toStdString();
}

// A byte buffer viewed without a copy (valid while `bytes` is).
inline std::string_view byteView(const QByteArray &bytes)
{
    return std::string_view(bytes.constData(), std::size_t(bytes.size()));
}

inline QByteArray toQByteArray(std::string_view bytes)
{
    return QByteArray(bytes.data(), qsizetype(bytes.size()));
}

// Where the core's JSON goes when the Qt layer writes it: a QIODevice (stdout, a file, a buffer).
inline JsonStreamWriter::Sink deviceSink(QIODevice *device)
{
    return [device](const char *data, std::size_t length) { return device->write(data, qint64(length)) == qint64(length); };
}
