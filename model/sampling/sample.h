#pragma once

#include "core/snapshot/samplesummary.h"
#include "core/snapshot/snapshot.h"
#include "table/sockettablerows.h"

#include <QMetaType>

#include <memory>

// What the sampler hands the GUI for each refresh, immutable once sent.
struct Sample
{
    SnapshotPtr snapshot;
    SampleSummary summary;
    OwnerLabels ownerLabels; // the names of summary.owners
    SocketTableRowsPtr table; // the snapshot filtered and sorted as the table currently asks
    int skippedBefore = 0; // refreshes skipped since the previous sample (slow kernel or busy GUI)
};
using SamplePtr = std::shared_ptr<const Sample>;
Q_DECLARE_METATYPE(SamplePtr)
