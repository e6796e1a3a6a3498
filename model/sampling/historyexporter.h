#pragma once

#include "recording/recordingframes.h"
#include "sampling/historyring.h"

#include <QStringList>

#include <vector>

class QIODevice;

// Sample summaries from the history (the charts' visible time range) to CSV: one row per sample
// with the state counts, the TIME-WAIT limit, slab bytes and counter rates, then the busiest
// tuple's port pressure, the busiest ports and owners by TIME-WAIT, and the markers set while the
// sample was the newest. Names (owners, marker labels) are CsvField cells.
namespace HistoryExporter {
bool writeCsv(const HistoryRing &history, int first, int last, const std::vector<RecordingMarker> &markers, QIODevice *device);
QStringList csvColumns();
}
