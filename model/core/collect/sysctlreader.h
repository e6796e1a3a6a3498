#pragma once

#include "core/collect/kernelfigures.h"

#include <string>
#include <vector>

// Reads sysctls from /proc/sys as the calling thread sees them: per-namespace sysctls show the
// values of the thread's network namespace.
namespace SysctlReader {
// Read into every snapshot, in this order: the sysctl catalog's entries (TIME_WAIT and port
// sysctls; tst_sysctlcatalog checks the two lists agree) and the two read-only figures its
// defaults and limits depend on (tcp_ehash_entries, ip_unprivileged_port_start).
const std::vector<std::string> &snapshotSet();
// "net.ipv4.tcp_tw_reuse" -> "/proc/sys/net/ipv4/tcp_tw_reuse"; empty for a malformed name
// (anything but [a-z0-9_] components separated by dots).
std::string procPath(const std::string &name);
SysctlReading read(const std::string &name);
}
