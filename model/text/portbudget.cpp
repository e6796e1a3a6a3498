#include "portbudget.h"

#include "snapshot.h"

#include <QStringList>

#include <sys/socket.h>

#include <algorithm>
#include <set>

namespace {

const SysctlReading *find(const std::vector<SysctlReading> &readings, const char *name)
{
    for (const SysctlReading &reading : readings) {
        if (reading.name == name)
            return &reading;
    }
    return nullptr;
}

int number(const SysctlReading *reading, int fallback)
{
    if (!reading || reading->state != SysctlReading::State::Present)
        return fallback;
    bool ok = false;
    const int value = QString::fromStdString(reading->value).toInt(&ok);
    return ok && value >= 0 ? value : fallback;
}

}

int PortBudgetSettings::reservedPortsIn(const QString &list, int low, int high)
{
    const QString text = list.simplified().remove(QLatin1Char(' '));
    if (text.isEmpty())
        return 0;
    std::vector<bool> reserved(65536, false);
    for (const QString &part : text.split(QLatin1Char(','))) {
        const QStringList ends = part.split(QLatin1Char('-'));
        bool okLow = false, okHigh = false;
        const int first = ends.value(0).toInt(&okLow);
        const int last = ends.size() == 2 ? ends[1].toInt(&okHigh) : first;
        if (ends.size() == 2 ? !(okLow && okHigh) : (!okLow || ends.size() != 1))
            return -1;
        if (first < 0 || last > 65535 || first > last)
            return -1;
        for (int port = first; port <= last; ++port)
            reserved[std::size_t(port)] = true;
    }
    int count = 0;
    for (int port = std::max(low, 0); port <= std::min(high, 65535); ++port)
        count += reserved[std::size_t(port)] ? 1 : 0;
    return count;
}

PortBudgetSettings PortBudgetSettings::fromReadings(const std::vector<SysctlReading> &readings)
{
    PortBudgetSettings s;
    if (const SysctlReading *range = find(readings, "net.ipv4.ip_local_port_range");
        range && range->state == SysctlReading::State::Present) {
        const QStringList ends = QString::fromStdString(range->value).simplified().split(QLatin1Char(' '));
        bool okLow = false, okHigh = false;
        const int low = ends.value(0).toInt(&okLow);
        const int high = ends.value(1).toInt(&okHigh);
        if (ends.size() == 2 && okLow && okHigh && low >= 1 && low <= high && high <= 65535) {
            s.rangeValid = true;
            s.rangeLow = low;
            s.rangeHigh = high;
        }
    }
    if (const SysctlReading *reserved = find(readings, "net.ipv4.ip_local_reserved_ports");
        s.rangeValid && reserved && reserved->state == SysctlReading::State::Present)
        s.reservedInRange = std::max(0, reservedPortsIn(QString::fromStdString(reserved->value), s.rangeLow, s.rangeHigh));
    s.tcpTwReuse = number(find(readings, "net.ipv4.tcp_tw_reuse"), -1);
    s.tcpTimestamps = number(find(readings, "net.ipv4.tcp_timestamps"), -1);
    s.reuseDelayMs = number(find(readings, "net.ipv4.tcp_tw_reuse_delay"), -1);
    return s;
}

bool PortBudget::isLoopback(quint8 family, const std::array<quint8, 16> &a)
{
    if (family == AF_INET)
        return a[0] == 127;
    if (family != AF_INET6)
        return false;
    // ::1
    if (std::all_of(a.begin(), a.begin() + 15, [](quint8 b) { return b == 0; }) && a[15] == 1)
        return true;
    // ::ffff:127.0.0.0/104 (ipv6_addr_v4mapped_loopback)
    return std::all_of(a.begin(), a.begin() + 10, [](quint8 b) { return b == 0; }) && a[10] == 0xff
        && a[11] == 0xff && a[12] == 127;
}

PortBudget PortBudget::compute(const PortBudgetSettings &settings, const PortBudgetTuple &tuple)
{
    PortBudget b;
    b.sourceAddresses = std::max(1, tuple.sourceAddresses);
    b.destinationPorts = std::max(1, tuple.destinationPorts);
    b.loopback = tuple.loopback;
    if (!settings.rangeValid)
        return b;
    b.valid = true;
    b.rangeSize = settings.rangeHigh - settings.rangeLow + 1;
    b.usablePorts = std::max(0, b.rangeSize - settings.reservedInRange);

    // tcp_twsk_unique(): reuse needs a recorded peer timestamp (tw_ts_recent_stamp), so
    // timestamps on both ends, or a record inherited by taking over an entry that had one (so
    // NoTimestamps is the steady state after a switch to 0, not a certainty right after it);
    // value 2 only when an address is loopback or the socket is bound to lo. Checked in that
    // order so the reason shown is the first one that blocks.
    if (settings.tcpTwReuse < 0 || settings.tcpTimestamps < 0)
        b.reuse = Reuse::Unknown;
    else if (settings.tcpTwReuse == 0)
        b.reuse = Reuse::Off;
    else if (settings.tcpTwReuse == 2 && !tuple.loopback)
        b.reuse = Reuse::NotLoopback;
    else if (settings.tcpTimestamps == 0)
        b.reuse = Reuse::NoTimestamps;
    else
        b.reuse = Reuse::Applies;

    // Since 6.14 an entry is taken over once tcp_clock_ms() is past its entry stamp plus the
    // delay; before, once the second of the last timestamped segment received has passed
    // (time_after32 on seconds): 0 to 1 s, about 1 s in a steady stream.
    b.delayApproximate = settings.reuseDelayMs < 0;
    b.reuseDelaySeconds = b.delayApproximate ? 1.0 : std::max(1, settings.reuseDelayMs) / 1000.0;
    b.perSecondWithoutReuse = double(b.usablePorts) / TimeWaitSeconds;
    b.perSecondWithReuse = double(b.usablePorts) / b.reuseDelaySeconds;
    b.perSecond = b.reuseApplies() ? b.perSecondWithReuse : b.perSecondWithoutReuse;
    b.perSecondAllTuples = b.perSecond * b.sourceAddresses * b.destinationPorts;
    return b;
}

PortBudget PortBudget::forTuple(const Snapshot &snapshot, const PortPressure &tuple, int sourceAddresses,
                                int destinationPorts)
{
    PortBudgetTuple t;
    t.loopback = isLoopback(tuple.family, tuple.localAddress) || isLoopback(tuple.family, tuple.remoteAddress);
    t.sourceAddresses = sourceAddresses;
    t.destinationPorts = destinationPorts;
    return compute(PortBudgetSettings::fromReadings(snapshot.sysctls), t);
}

std::pair<int, int> PortBudget::multipliersSeen(const Snapshot &snapshot, const PortPressure &tuple)
{
    std::set<std::array<quint8, 16>> sources;
    std::set<quint16> ports;
    for (const PortPressure &p : snapshot.portPressure) {
        if (p.family != tuple.family || p.remoteAddress != tuple.remoteAddress)
            continue;
        sources.insert(p.localAddress);
        ports.insert(p.remotePort);
    }
    return {std::max<int>(1, int(sources.size())), std::max<int>(1, int(ports.size()))};
}
