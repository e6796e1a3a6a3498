#pragma once

#include "core/owners/socketownership.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// The owners of a socket table's rows (the OWNERS frame, written just before its SNAPSHOT): the
// scope, a dictionary of owners (pid, uid, command, user, unit), then per row, in the table's
// row order, the owner reference (varint, 0: none) and how it was found (u8), then per owner
// the processes it stands for (varint; SocketOwner::processes; absent from tables of 0.2,
// read as 1 for an owner with a pid, else 0); zlib-compressed after a u32 of the inflated size. Runs of one owner (a server's
// TIME-WAIT) deflate to almost nothing. Readers of format version 2 that do not know the frame skip it.
namespace OwnerTableCodec {
constexpr std::uint32_t MaximumOwners = 65536;
constexpr std::uint32_t MaximumText = 256; // bytes of a command, user or unit

// `order[i]`: the index into ownership.perSocket of the table's row i (SocketTableCodec::encode).
std::string encode(const SocketOwnership &ownership, const std::vector<std::uint32_t> &order);
// False for anything not a whole, sane owner table of `rows` rows; `out` is then left as it was.
// Sets scope, processesUnreadable, owners and perSocket (not the TIME-WAIT counts).
bool decode(std::string_view bytes, std::uint32_t rows, SocketOwnership *out);
}
