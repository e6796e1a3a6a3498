#pragma once

#include "core/stream/recordingformat.h"
#include "core/collect/socketrecord.h"

#include <string>
#include <string_view>
#include <vector>

// A snapshot's socket records, column by column, then zlib-compressed: addresses as indices
// into a small dictionary, rows sorted so ports change little from one to the next. 262,144
// TIME-WAIT sockets take a few bytes each (docs/recording-format.md).
namespace SocketTableCodec {
// `order`, when given, gets the index into `records` of each row as written (the table's order).
std::string encode(const std::vector<SocketRecord> &records, std::vector<std::uint32_t> *order = nullptr);
// False for anything that is not a whole, sane table; `records` is then left empty. `version`:
// the recording format the table came in (version 1 stored cookies as plain varints).
bool decode(std::string_view bytes, std::vector<SocketRecord> *records, std::uint16_t version = RecordingFormat::Version);
// Checks, inflating only its first 14 bytes, that its declared sizes are within what its bytes can
// hold and RecordingFormat's limits; `rows` gets the row count (also when refused, once it could be read). What decode() would
// refuse for its size is refused here, so a reader can stop at that frame instead of failing later.
bool inspect(std::string_view bytes, std::uint32_t *rows = nullptr);
}
