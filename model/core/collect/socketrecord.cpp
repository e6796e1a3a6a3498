#include "core/collect/socketrecord.h"

#include <sys/socket.h>

bool SocketRecord::isIpv6() const
{
    return family == AF_INET6;
}

const char *socketTimerKey(SocketTimer timer)
{
    switch (timer) {
    case SocketTimer::None: return "off";
    case SocketTimer::Retransmit: return "on";
    case SocketTimer::KeepAlive: return "keepalive";
    case SocketTimer::TimeWait: return "timewait";
    case SocketTimer::ZeroWindowProbe: return "persist";
    }
    return "unknown";
}
