#include "core/snapshot/portbudgetwords.h"

#include "core/snapshot/snapshot.h"
#include "core/snapshot/snapshottextreport.h"

#include <cmath>
#include <cstdio>

namespace PortBudgetWords {

namespace {
std::string number(double value, int decimals, const PortBudgetPhrases &p)
{
    return p.number ? p.number(value, decimals) : englishNumber(value, decimals);
}
}

std::string englishNumber(double value, int decimals)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, decimals ? value : double(std::llround(value)));
    std::string digits(text);
    const std::size_t point = digits.find('.');
    std::size_t end = point == std::string::npos ? digits.size() : point;
    const std::size_t first = digits[0] == '-' ? 1 : 0;
    while (end > first + 3) {
        end -= 3;
        digits.insert(end, 1, ',');
    }
    return digits;
}

std::string rate(double perSecond, const PortBudgetPhrases &p)
{
    return perSecond < 10 ? number(perSecond, 1, p) : number(perSecond, 0, p);
}

std::string delay(const PortBudget &b, const PortBudgetPhrases &p)
{
    if (b.delayApproximate)
        return p.delayAbout;
    const long long ms = std::llround(b.reuseDelaySeconds * 1000);
    return ms % 1000 == 0 ? SnapshotTextReport::fill(p.delaySeconds, {number(double(ms / 1000), 0, p)})
                          : SnapshotTextReport::fill(p.delayMilliseconds, {number(double(ms), 0, p)});
}

std::string reuseReason(const PortBudget &b, const PortBudgetPhrases &p)
{
    switch (b.reuse) {
    case PortBudget::Reuse::Applies: return SnapshotTextReport::fill(p.reuseApplies, {delay(b, p)});
    case PortBudget::Reuse::Off: return p.reuseOff;
    case PortBudget::Reuse::NotLoopback: return p.reuseNotLoopback;
    case PortBudget::Reuse::NoTimestamps: return p.reuseNoTimestamps;
    case PortBudget::Reuse::Unknown: break;
    }
    return p.reuseUnknown;
}

std::string summary(const PortBudget &b, const PortBudgetPhrases &p)
{
    if (!b.valid)
        return p.noRange;
    const std::string text = SnapshotTextReport::fill(p.summary, {rate(b.perSecond, p), reuseReason(b, p)});
    return b.reuseApplies() && !b.loopback ? text + ' ' + p.ifPeerTimestamps : text;
}

std::string forNamespace(const PortBudgetSettings &settings, const PortBudgetPhrases &p)
{
    const PortBudget loopback = PortBudget::compute(settings, {true, 1, 1});
    const PortBudget other = PortBudget::compute(settings, {false, 1, 1});
    if (!loopback.valid)
        return summary(loopback, p);
    if (loopback.reuse == other.reuse)
        return summary(other, p);
    return SnapshotTextReport::fill(
        p.loopbackAndOther,
        {rate(loopback.perSecond, p), reuseReason(loopback, p), rate(other.perSecond, p), reuseReason(other, p)});
}

std::string forSnapshot(const Snapshot &snapshot, const PortBudgetPhrases &p)
{
    return snapshot.portPressure.empty() ? forNamespace(PortBudgetSettings::fromReadings(snapshot.sysctls), p)
                                         : summary(PortBudget::forTuple(snapshot, snapshot.portPressure.front()), p);
}

}
