#pragma once

#include "core/collect/coremessage.h"
#include "core/collect/kernelfigures.h"

#include <string_view>

// /proc/slabinfo version 2.1:
// name <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables ... : slabdata <active_slabs> <num_slabs>
// <sharedavail>
namespace SlabinfoParser {
// Fills the rows of the TCP caches present in `text` as exact figures. A cache whose row is
// missing (merged into another cache, or not on this kernel) is left as Source::None.
bool parse(std::string_view text, std::int64_t pageSize, SlabFigures *figures, CoreMessage *error);
}
