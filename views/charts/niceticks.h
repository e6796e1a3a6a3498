#pragma once

#include <QtGlobal>

class QChart;

// Tick steps people read at a glance: 1, 2, 5 × 10^k for values (not 0.3/0.8), whole seconds,
// minutes and hours for times (not 6/13/19).
namespace NiceTicks {

// The smallest 1/2/5 × 10^k step that divides `range` into at most `maxTicks` intervals.
double valueStep(double range, int maxTicks);
// The smallest of 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6, 12 h that divides
// `rangeMs` into at most `maxTicks` intervals.
qint64 timeStepMs(qint64 rangeMs, int maxTicks);
// Decimals that show a step of this size exactly (0 for steps of 1 and above).
int decimalsFor(double step);
// Axis and bar labels in the user's locale, grouped as the Overview writes its numbers
// ("300,000", not "300000"): Qt Charts formats them through printf unless told otherwise.
void useLocaleNumbers(QChart *chart);

}
