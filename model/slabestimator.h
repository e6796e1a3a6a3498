#pragma once

#include <QCoreApplication>

struct Snapshot;

// Fills the slab caches /proc/slabinfo could not give (not root, or a row missing) with
// estimates: sockets counted in this snapshot × this kernel's object size, from its BTF.
class SlabEstimator
{
    Q_DECLARE_TR_FUNCTIONS(SlabEstimator)

public:
    // Needs the snapshot aggregated (socketsPerSlabCache) and its state mask; a cache whose
    // states were not dumped stays Source::None rather than being under-counted.
    static void estimateMissing(Snapshot &snapshot);
    // The object size this kernel would use for a cache, and where that figure came from.
    static qint64 objectSize(int cacheIndex, QString *basis);
};
