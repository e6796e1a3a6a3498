#include "core/snapshot/snapshot.h"

#include "core/collect/textscan.h"

const SysctlReading *Snapshot::sysctl(const std::string &name) const
{
    for (const SysctlReading &reading : sysctls) {
        if (reading.name == name)
            return &reading;
    }
    return nullptr;
}

std::int64_t Snapshot::maxTimeWaitBuckets() const
{
    const SysctlReading *reading = sysctl("net.ipv4.tcp_max_tw_buckets");
    if (!reading || reading->state != SysctlReading::State::Present)
        return -1;
    std::int64_t value = 0;
    return TextScan::toInt64(reading->value, &value) ? value : -1;
}

PortRange PortRange::fromSysctl(const SysctlReading *reading)
{
    PortRange range;
    if (!reading || reading->state != SysctlReading::State::Present)
        return range;
    const std::vector<std::string_view> parts = TextScan::words(reading->value);
    std::uint64_t low = 0, high = 0;
    if (parts.size() == 2 && TextScan::toUInt64(parts[0], &low) && TextScan::toUInt64(parts[1], &high) && low <= high
        && high <= 65535) {
        range.valid = true;
        range.low = std::uint16_t(low);
        range.high = std::uint16_t(high);
    }
    return range;
}
