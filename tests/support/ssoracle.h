#pragma once

#include "core/collect/tcpstate.h"

#include <QMap>
#include <QString>

// What iproute2's `ss -tan` reports for the current namespace: an oracle nobody here wrote.
struct SsOracle
{
    QMap<QString, int> byState; // ss state names: "ESTAB", "TIME-WAIT", "SYN-RECV" (request sockets too)
    QMap<int, int> timeWaitByLocalPort;
    QMap<int, int> timeWaitByRemotePort;
    int total = 0;

    // Runs `ss -tan`; returns false with a reason when ss failed.
    bool run(QString *error);
    int count(const char *ssState) const { return byState.value(QLatin1String(ssState)); }
};
