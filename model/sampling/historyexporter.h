#pragma once

#include "sampling/historyring.h"

#include <QStringList>

class QIODevice;

// Sample summaries from the history (the charts' visible time range) to CSV: one row per
// sample with the state counts, the TIME-WAIT limit, slab bytes and counter rates.
namespace HistoryExporter {
bool writeCsv(const HistoryRing &history, int first, int last, QIODevice *device);
QStringList csvColumns();
}
