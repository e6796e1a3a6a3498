#include "core/snapshot/filllevel.h"

namespace FillLevel {
namespace {
Level levelOf(int64_t used, int64_t limit, int warningPerMille, int criticalPerMille)
{
    if (limit <= 0 || used < 0)
        return Level::Normal;
    // Compared in whole numbers: used * 1000 >= limit * threshold, no rounding at the edge.
    // Both sides stay far below 2^63 for any count of sockets or ports.
    if (used * 1000 >= limit * criticalPerMille)
        return Level::Critical;
    if (used * 1000 >= limit * warningPerMille)
        return Level::Warning;
    return Level::Normal;
}
}

Level timeWaitTable(int64_t used, int64_t limit)
{
    return levelOf(used, limit, TimeWaitWarningPerMille, TimeWaitCriticalPerMille);
}

Level portsTowardsOneDestination(int64_t inUse, int64_t usable)
{
    return levelOf(inUse, usable, PortsWarningPerMille, PortsCriticalPerMille);
}

}
