#pragma once

#include "sysctl/sysctlcatalog.h"

// The catalog's entries by subsystem (internal to SysctlCatalog): TIME-WAIT and its reuse, then
// local ports, orphans and the listen queues.
namespace SysctlEntries {
std::vector<SysctlEntry> timeWait();
std::vector<SysctlEntry> portsAndQueues();
std::vector<SysctlEntry> timeWaitGuards(); // tcp_rfc1337 and the removed tcp_tw_recycle, listed last
}
