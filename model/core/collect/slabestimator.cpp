#include "core/collect/slabestimator.h"

#include "core/collect/btfstructsizes.h"
#include "core/collect/tcpstate.h"

namespace {

struct CacheTypes
{
    const char *structName;
    const char *fallbackStruct; // newer kernels dropped some IPv6-specific structs
    std::int64_t typicalSize; // x86-64 6.x, used only when BTF is unavailable
};

constexpr CacheTypes Types[SlabCacheCount] = {
    {"tcp_timewait_sock", nullptr, 256}, {"tcp6_timewait_sock", "tcp_timewait_sock", 256},
    {"tcp_sock", nullptr, 2368},         {"tcp6_sock", nullptr, 2496},
    {"tcp_request_sock", nullptr, 320},  {"tcp6_request_sock", "tcp_request_sock", 320},
};

// All six caches are SLAB_TYPESAFE_BY_RCU, so SLUB stores its free pointer after the object
// instead of inside it; the socket caches are also cache-line aligned. Struct size + one pointer,
// rounded up to 64 bytes, gives slabinfo's object size for each of them on x86-64
// (tcp_sock 2304 -> 2368, tcp_timewait_sock 248 -> 256, tcp_request_sock 312 -> 320).
constexpr std::int64_t FreePointer = sizeof(void *);
constexpr std::int64_t CacheLine = 64;

}

std::int64_t SlabEstimator::objectSize(int cacheIndex, CoreMessage *basis)
{
    const CacheTypes &types = Types[cacheIndex];
    const std::map<std::string, std::int64_t> sizes = BtfStructSizes::socketStructsOfRunningKernel();
    const auto sizeOf = [&](const char *name) {
        const auto found = sizes.find(name);
        return found == sizes.end() ? std::int64_t(0) : found->second;
    };
    std::int64_t size = sizeOf(types.structName);
    if (size == 0 && types.fallbackStruct)
        size = sizeOf(types.fallbackStruct);
    if (size > 0) {
        // socket counts × object sizes from this kernel's BTF (struct size plus SLUB's free
        // pointer, in 64-byte cache lines)
        *basis = {CoreMessageCode::SlabBasisBtf, {}};
        return (size + FreePointer + CacheLine - 1) / CacheLine * CacheLine;
    }
    *basis = {CoreMessageCode::SlabBasisTypical, {}};
    return types.typicalSize;
}

void SlabEstimator::estimateMissing(SlabFigures &slab, std::uint32_t stateMask,
                                    const std::array<std::uint32_t, SlabCacheCount> &socketsPerSlabCache)
{
    const std::uint32_t mask = stateMask;
    const bool allFull = (mask & AllTcpStatesMask & ~tcpStateBit(TcpState::TimeWait) & ~tcpStateBit(TcpState::NewSynRecv))
        == (AllTcpStatesMask & ~tcpStateBit(TcpState::TimeWait) & ~tcpStateBit(TcpState::NewSynRecv));
    const bool timeWait = mask & tcpStateBit(TcpState::TimeWait);
    const bool requests = mask & (tcpStateBit(TcpState::SynRecv) | tcpStateBit(TcpState::NewSynRecv));

    CoreMessage basis;
    for (int c = 0; c < SlabCacheCount; ++c) {
        SlabCacheFigure &figure = slab.caches[c];
        if (figure.source != SlabCacheFigure::Source::None)
            continue;
        const auto cache = static_cast<SlabCache>(c);
        const bool covered = (cache == SlabCache::TimeWaitV4 || cache == SlabCache::TimeWaitV6) ? timeWait
            : (cache == SlabCache::RequestV4 || cache == SlabCache::RequestV6)                  ? requests
                                                                                                : allFull;
        if (!covered)
            continue;
        figure.source = SlabCacheFigure::Source::Estimate;
        figure.objectSize = objectSize(c, &basis);
        const std::int64_t objects = socketsPerSlabCache[c];
        figure.activeObjects = objects;
        figure.totalObjects = objects;
        figure.bytes = objects * figure.objectSize;
    }
    if (!basis.isEmpty())
        slab.objectSizeBasis = basis;
}
