#pragma once

#include "core/collect/coremessage.h"
#include "core/collect/kernelfigures.h"

#include <string_view>

// /proc/net/netstat and /proc/net/snmp come as line pairs: "TcpExt: TW TWRecycled ..." then
// "TcpExt: 12 0 ...". Columns are matched by name, so counters a newer kernel adds (or an older
// one lacks) do not shift anything.
namespace ProcNetCountersParser {
// Takes every counter of `counters` found in `text`; returns false and says why when a
// table it needs is malformed (names and values of different lengths, a value not a number).
// `file` ("netstat") is named in the message.
bool parse(std::string_view text, TcpCounters *counters, CoreMessage *error, const char *file = "");
}
