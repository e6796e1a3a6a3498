#include "core/snapshot/portbudget.h"

#include "core/owners/ownerlabel.h"
#include "core/snapshot/snapshot.h"
#include "core/collect/textscan.h"

#include <sys/socket.h>

#include <algorithm>
#include <climits>
#include <optional>
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
    std::int64_t value = 0;
    if (!TextScan::toInt64(TextScan::simplified(reading->value), &value) || value < 0 || value > INT32_MAX)
        return fallback;
    return int(value);
}

// A port of ip_local_port_range or ip_local_reserved_ports: -1 unless a whole number 0-65535.
int port(std::string_view text)
{
    std::int64_t value = 0;
    return TextScan::toInt64(text, &value) && value >= 0 && value <= 65535 ? int(value) : -1;
}

std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == separator) {
            parts.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    return parts;
}

}

std::vector<bool> PortBudgetSettings::reservedPorts(const std::string &list)
{
    std::string text;
    for (const char c : list) {
        if (c != ' ' && c != '\t' && c != '\n')
            text += c;
    }
    std::vector<bool> reserved(65536, false);
    if (text.empty())
        return reserved;
    for (const std::string_view part : split(text, ',')) {
        const std::vector<std::string_view> ends = split(part, '-');
        if (ends.size() > 2)
            return {};
        const int first = port(ends[0]);
        const int last = ends.size() == 2 ? port(ends[1]) : first;
        if (first < 0 || last < 0 || first > last)
            return {};
        for (int p = first; p <= last; ++p)
            reserved[std::size_t(p)] = true;
    }
    return reserved;
}

int PortBudgetSettings::reservedPortsIn(const std::string &list, int low, int high)
{
    const std::vector<bool> reserved = reservedPorts(list);
    if (reserved.empty())
        return -1;
    int count = 0;
    for (int p = std::max(low, 0); p <= std::min(high, 65535); ++p)
        count += reserved[std::size_t(p)] ? 1 : 0;
    return count;
}

PortBudgetSettings PortBudgetSettings::fromReadings(const std::vector<SysctlReading> &readings)
{
    PortBudgetSettings s;
    if (const SysctlReading *range = find(readings, "net.ipv4.ip_local_port_range");
        range && range->state == SysctlReading::State::Present) {
        const std::vector<std::string_view> ends = TextScan::words(range->value);
        const int low = ends.size() == 2 ? port(ends[0]) : -1;
        const int high = ends.size() == 2 ? port(ends[1]) : -1;
        if (low >= 1 && low <= high) {
            s.rangeValid = true;
            s.rangeLow = low;
            s.rangeHigh = high;
        }
    }
    if (const SysctlReading *reserved = find(readings, "net.ipv4.ip_local_reserved_ports");
        s.rangeValid && reserved && reserved->state == SysctlReading::State::Present)
        s.reservedInRange = std::max(0, reservedPortsIn(reserved->value, s.rangeLow, s.rangeHigh));
    s.tcpTwReuse = number(find(readings, "net.ipv4.tcp_tw_reuse"), -1);
    s.tcpTimestamps = number(find(readings, "net.ipv4.tcp_timestamps"), -1);
    s.reuseDelayMs = number(find(readings, "net.ipv4.tcp_tw_reuse_delay"), -1);
    return s;
}

bool PortBudget::isLoopback(std::uint8_t family, const std::array<std::uint8_t, 16> &a)
{
    if (family == AF_INET)
        return a[0] == 127;
    if (family != AF_INET6)
        return false;
    // ::1
    if (std::all_of(a.begin(), a.begin() + 15, [](std::uint8_t b) { return b == 0; }) && a[15] == 1)
        return true;
    // ::ffff:127.0.0.0/104 (ipv6_addr_v4mapped_loopback)
    return std::all_of(a.begin(), a.begin() + 10, [](std::uint8_t b) { return b == 0; }) && a[10] == 0xff && a[11] == 0xff
        && a[12] == 127;
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

PortBudget PortBudget::forTuple(const Snapshot &snapshot, const PortPressure &tuple, int sourceAddresses, int destinationPorts)
{
    PortBudgetTuple t;
    t.loopback = isLoopback(tuple.family, tuple.localAddress) || isLoopback(tuple.family, tuple.remoteAddress);
    t.sourceAddresses = sourceAddresses;
    t.destinationPorts = destinationPorts;
    return compute(PortBudgetSettings::fromReadings(snapshot.sysctls), t);
}

namespace {

// The owner label of socket `i`, or null when none is known.
const SocketOwner *ownerOf(const Snapshot &snapshot, std::size_t i)
{
    const OwnerRef *ref = snapshot.owners.of(i);
    return ref ? snapshot.owners.owner(ref->owner) : nullptr;
}

// A socket counted as the aggregator counts port pressure: a connected socket (TIME-WAIT
// included) whose local port connect() picked from the ephemeral range, towards `tuple`'s address.
bool towardsAddress(const SocketRecord &r, const PortPressure &tuple, const PortRange &range)
{
    return r.family == tuple.family && r.remoteAddress == tuple.remoteAddress && r.state != TcpState::Listen
        && r.state != TcpState::Close && range.contains(r.localPort);
}

}

PortBudgetMultipliers PortBudget::multipliersOf(const Snapshot &snapshot, const PortPressure &tuple)
{
    PortBudgetMultipliers m;
    const PortRange range = PortRange::fromSysctl(snapshot.sysctl("net.ipv4.ip_local_port_range"));
    // The client of the tuple: the one owner (by command and unit) its sockets are known to have.
    std::optional<OwnerLabel> client;
    for (std::size_t i = 0; i < snapshot.sockets.size(); ++i) {
        const SocketRecord &r = snapshot.sockets[i];
        const SocketOwner *owner = ownerOf(snapshot, i);
        if (!owner || !towardsAddress(r, tuple, range) || r.localAddress != tuple.localAddress
            || r.remotePort != tuple.remotePort)
            continue;
        const OwnerLabel label = OwnerLabel::of(*owner);
        if (client && !(*client == label))
            return m; // two clients share the tuple: its own figures
        client = label;
    }
    if (!client)
        return m;
    std::set<std::array<std::uint8_t, 16>> sources {tuple.localAddress};
    std::set<std::uint16_t> ports {tuple.remotePort};
    for (std::size_t i = 0; i < snapshot.sockets.size(); ++i) {
        const SocketRecord &r = snapshot.sockets[i];
        const SocketOwner *owner = ownerOf(snapshot, i);
        if (owner && towardsAddress(r, tuple, range) && OwnerLabel::of(*owner) == *client) {
            sources.insert(r.localAddress);
            ports.insert(r.remotePort);
        }
    }
    m.sourceAddresses = int(sources.size());
    m.destinationPorts = int(ports.size());
    m.client = client->command.empty() ? client->unit : client->command;
    return m;
}

const char *PortBudget::reuseKey(Reuse reuse)
{
    switch (reuse) {
    case Reuse::Applies: return "applies";
    case Reuse::Off: return "off";
    case Reuse::NotLoopback: return "not-loopback";
    case Reuse::NoTimestamps: return "no-timestamps";
    case Reuse::Unknown: break;
    }
    return "unknown";
}
