#include "snapshot.h"

const SysctlReading *Snapshot::sysctl(const QString &name) const
{
    for (const SysctlReading &reading : sysctls) {
        if (reading.name == name)
            return &reading;
    }
    return nullptr;
}

qint64 Snapshot::maxTimeWaitBuckets() const
{
    const SysctlReading *reading = sysctl(QStringLiteral("net.ipv4.tcp_max_tw_buckets"));
    if (!reading || reading->state != SysctlReading::State::Present)
        return -1;
    bool ok = false;
    const qint64 value = reading->value.toLongLong(&ok);
    return ok ? value : -1;
}

PortRange PortRange::fromSysctl(const SysctlReading *reading)
{
    PortRange range;
    if (!reading || reading->state != SysctlReading::State::Present)
        return range;
    const QStringList parts = reading->value.split(QLatin1Char(' '));
    bool okLow = false, okHigh = false;
    const uint low = parts.value(0).toUInt(&okLow);
    const uint high = parts.value(1).toUInt(&okHigh);
    if (parts.size() == 2 && okLow && okHigh && low <= high && high <= 65535) {
        range.valid = true;
        range.low = quint16(low);
        range.high = quint16(high);
    }
    return range;
}
