#pragma once

#include "socketrecord.h"

#include <QByteArray>

#include <vector>

// A snapshot's socket records, column by column, then zlib-compressed: addresses as indices
// into a small dictionary, rows sorted so ports change little from one to the next. 262,144
// TIME-WAIT sockets take a few bytes each (README, "Recording file format").
namespace SocketTableCodec {
QByteArray encode(const std::vector<SocketRecord> &records);
// False for anything that is not a whole, sane table; `records` is then left empty.
bool decode(const QByteArray &bytes, std::vector<SocketRecord> *records);
// Checks, inflating only its first 14 bytes, that its declared sizes are within what its bytes can
// hold and RecordingFormat's limits; `rows` gets the row count. What decode() would refuse
// for its size is refused here, so a reader can stop at that frame instead of failing later.
bool inspect(const QByteArray &bytes, quint32 *rows = nullptr);
}
