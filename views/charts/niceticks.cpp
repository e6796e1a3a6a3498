#include "views/charts/niceticks.h"

#include <QChart>
#include <QDateTime>
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

ValueScale valueScale(double maximum, int intervals, int decimals)
{
    const double wanted = qMax(maximum * 1.05, decimals == 0 ? 4.0 : 1.0);
    double step = valueStep(wanted, intervals);
    if (decimals == 0)
        step = qMax(step, 1.0); // counts: no ticks between whole numbers
    return {step, std::ceil(wanted / step - 1e-9) * step, decimals >= 0 ? decimals : decimalsFor(step)};
}

QString timeLabelFormat(qint64 stepMs)
{
    return stepMs >= 60000 ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm:ss");
}

QList<QPair<qint64, QString>> timeTicks(qint64 fromMs, qint64 lastMs, qint64 stepMs)
{
    QList<QPair<qint64, QString>> ticks;
    if (stepMs <= 0)
        return ticks;
    const QString format = timeLabelFormat(stepMs);
    const qint64 offsetMs = qint64(QDateTime::fromMSecsSinceEpoch(fromMs).offsetFromUtc()) * 1000;
    for (qint64 t = ((fromMs + offsetMs + stepMs - 1) / stepMs) * stepMs - offsetMs; t <= lastMs; t += stepMs)
        ticks.append({t, QDateTime::fromMSecsSinceEpoch(t).toString(format)});
    return ticks;
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
