#pragma once

#include "core/collect/kernelfigures.h"

struct Snapshot;

namespace CounterRatesCalculator {
// Per-second rates of every counter between two snapshots of the same namespace.
CounterRates between(const Snapshot &earlier, const Snapshot &later);
}
