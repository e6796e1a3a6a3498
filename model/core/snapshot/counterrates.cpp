#include "core/snapshot/counterrates.h"

#include "core/snapshot/snapshot.h"

namespace CounterRatesCalculator {

CounterRates between(const Snapshot &earlier, const Snapshot &later)
{
    CounterRates rates;
    rates.intervalSeconds = double(later.monotonicNs - earlier.monotonicNs) / 1e9;
    if (rates.intervalSeconds <= 0 || !earlier.countersValid || !later.countersValid)
        return rates;
    for (const auto &info : tcpCounterInfo()) {
        const int i = static_cast<int>(info.counter);
        if (info.gauge || !earlier.counters.present[i] || !later.counters.present[i])
            continue;
        const std::int64_t delta = later.counters.values[i] - earlier.counters.values[i];
        if (delta < 0)
            continue; // reset or wrapped: no honest rate
        rates.perSecond[i] = double(delta) / rates.intervalSeconds;
        rates.valid[i] = true;
    }
    return rates;
}

}
