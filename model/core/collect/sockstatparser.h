#pragma once

#include "core/collect/kernelfigures.h"

#include <string_view>

// /proc/net/sockstat ("TCP: inuse 1 orphan 0 tw 0 alloc 1 mem 45") and sockstat6 ("TCP6: inuse 1").
namespace SockstatParser {
// Fills the TCP fields; returns false when no well-formed "TCP:" line is found.
bool parseSockstat(std::string_view text, SockstatFigures *figures);
bool parseSockstat6(std::string_view text, SockstatFigures *figures);
}
