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
