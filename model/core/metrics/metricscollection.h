#pragma once

#include "core/metrics/metricsrenderer.h"
#include "core/metrics/sharedcollection.h"
#include "core/snapshot/snapshotcollector.h"

#include <functional>
#include <string>

// One exporter collection: the same SnapshotCollector as --once and --stream, then the metrics
// rendered in both formats, then the socket table handed back for the next one (the exporter
// holds one table's memory). SharedCollection runs it on its thread, one at a time.
class MetricsCollection
{
public:
    // Called with the error when a collection fails and, after failures, once with an empty
    // message when one succeeds again (so stderr says each change, not every failure).
    using ErrorReport = std::function<void(const CoreMessage &)>;

    MetricsCollection(SnapshotCollector::Options collector, MetricsOptions metrics, ErrorReport report);

    SharedCollection::Result collect();

private:
    SnapshotCollector m_collector;
    MetricsOptions m_options;
    ErrorReport m_report;
    CollectionStats m_stats;
    CoreMessage m_lastError;
};
