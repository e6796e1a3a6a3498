#pragma once

#include "kernelfigures.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

// Reads sysctls from /proc/sys as the calling thread sees them: per-namespace sysctls show the
// values of the thread's network namespace.
class SysctlReader
{
    Q_DECLARE_TR_FUNCTIONS(SysctlReader)

public:
    // Read into every snapshot: the catalog (TIME_WAIT and port sysctls) and the two read-only
    // figures its defaults and limits depend on (tcp_ehash_entries, ip_unprivileged_port_start).
    static const QStringList &snapshotSet();
    // "net.ipv4.tcp_tw_reuse" -> "/proc/sys/net/ipv4/tcp_tw_reuse"; empty for a malformed name
    // (anything but [a-z0-9_] components separated by dots).
    static QString procPath(const QString &name);
    static SysctlReading read(const QString &name);
};
