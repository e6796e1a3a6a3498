#pragma once

#include <QByteArray>

// CRC-32 as zlib computes it (polynomial 0xEDB88320): the checksum of a recording's frames.
namespace Crc32 {
quint32 of(const QByteArray &data);
}
