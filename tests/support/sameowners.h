#pragma once

#include "core/snapshot/samplesummary.h"

#include <algorithm>

// Whether two summaries carry the same TIME-WAIT by owner (a summary read back against the one
// written, a stream's against its file's).
inline bool sameOwners(const SampleSummary &a, const SampleSummary &b)
{
    return a.ownersKnown == b.ownersKnown && a.ownerCount == b.ownerCount && a.timeWaitUnattributed == b.timeWaitUnattributed
        && std::equal(a.owners.begin(), a.owners.begin() + a.ownerCount, b.owners.begin(),
                      [](const SampleSummary::OwnerCount &x, const SampleSummary::OwnerCount &y) {
                          return x.key == y.key && x.count == y.count;
                      });
}
