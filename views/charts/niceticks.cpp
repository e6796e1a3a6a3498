#include "views/charts/niceticks.h"

#include <QChart>
#include <QLocale>

#include <cmath>

namespace NiceTicks {

double valueStep(double range, int maxTicks)
{
    if (!(range > 0) || maxTicks < 1)
        return 1;
    const double raw = range / maxTicks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double factor : {1.0, 2.0, 5.0, 10.0}) {
        // A tolerance: 0.3 / 3 must give 0.1, not 0.2, despite rounding.
        if (factor * magnitude >= raw * (1 - 1e-9))
            return factor * magnitude;
    }
    return 10 * magnitude;
}

qint64 timeStepMs(qint64 rangeMs, int maxTicks)
{
    static constexpr qint64 Steps[] = {1000,   2000,   5000,    10000,   15000,   30000,    60000,    120000,  300000,
                                       600000, 900000, 1800000, 3600000, 7200000, 10800000, 21600000, 43200000};
    for (const qint64 step : Steps) {
        if (rangeMs <= step * qMax(1, maxTicks))
            return step;
    }
    return 86400000;
}

void useLocaleNumbers(QChart *chart)
{
    chart->setLocale(QLocale());
    chart->setLocalizeNumbers(true);
}

int decimalsFor(double step)
{
    if (!(step > 0) || step >= 1)
        return 0;
    return int(std::ceil(-std::log10(step) - 1e-9));
}

}
