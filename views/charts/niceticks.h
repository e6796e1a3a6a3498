#pragma once

#include <QList>
#include <QPair>
#include <QString>

class QChart;

// Tick steps people read at a glance: 1, 2, 5 × 10^k for values (not 0.3/0.8), whole seconds,
// minutes and hours for times (not 6/13/19).
namespace NiceTicks {

// The smallest 1/2/5 × 10^k step that divides `range` into at most `maxTicks` intervals.
double valueStep(double range, int maxTicks);
// The smallest of 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6, 12 h that divides
// `rangeMs` into at most `maxTicks` intervals.
qint64 timeStepMs(qint64 rangeMs, int maxTicks);
// A value axis from 0 to above `maximum` (5 % headroom): at most `intervals` intervals of a
// valueStep, the top a multiple of it (0, 50, 100 ... not 0.3/0.8). `decimals` 0 is for counts
// (no step below 1, the top at least 4), -1 asks for what the step needs.
struct ValueScale
{
    double step;
    double top;
    int decimals;
};
ValueScale valueScale(double maximum, int intervals, int decimals);
// How a tick `stepMs` apart is labelled: "HH:mm" from a minute up, else "HH:mm:ss".
QString timeLabelFormat(qint64 stepMs);
// Ticks from `fromMs` to `lastMs` at multiples of `stepMs` in local time (a 15-min tick at :00,
// :15, ... local), as (ms, label in timeLabelFormat).
QList<QPair<qint64, QString>> timeTicks(qint64 fromMs, qint64 lastMs, qint64 stepMs);
// Decimals that show a step of this size exactly (0 for steps of 1 and above).
int decimalsFor(double step);
// Axis and bar labels in the user's locale, grouped as the Overview writes its numbers
// ("300,000", not "300000"): Qt Charts formats them through printf unless told otherwise.
void useLocaleNumbers(QChart *chart);

}
