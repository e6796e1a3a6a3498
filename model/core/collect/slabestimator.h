#pragma once

#include "core/collect/coremessage.h"
#include "core/collect/kernelfigures.h"

#include <array>
#include <cstdint>

// Fills the slab caches /proc/slabinfo could not give (not root, or a row missing) with
// estimates: sockets counted in this snapshot × this kernel's object size, from its BTF.
namespace SlabEstimator {
// `socketsPerSlabCache` are the sockets counted per cache and `stateMask` the states the dump
// asked for; a cache whose states were not dumped stays Source::None rather than being under-counted.
void estimateMissing(SlabFigures &slab, std::uint32_t stateMask,
                     const std::array<std::uint32_t, SlabCacheCount> &socketsPerSlabCache);
// The object size this kernel would use for a cache, and where that figure came from.
std::int64_t objectSize(int cacheIndex, CoreMessage *basis);
}
