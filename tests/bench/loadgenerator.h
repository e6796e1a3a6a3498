#pragma once

#include <QString>

#include <sys/types.h>
#include <vector>

// Builds a TIME_WAIT-heavy socket population in the current (private) network namespace, at the
// scale of the real case: a busy HTTP service holding 262,144 TIME-WAIT entries.
//
// connect()'s ephemeral-port search slows to minutes as the port space fills, so clients bind
// explicitly, spread over several 127.x source addresses. The server closes first, as an HTTP
// server does, so TIME-WAIT sits on the server ports. Work and file descriptors are spread over
// child processes: the hard limit here is 20,000 open files per process.
class LoadGenerator
{
public:
    ~LoadGenerator();

    // The benchmark population: room for timeWait entries, `pairs` held connections, then
    // timeWait TIME-WAIT sockets over 8 server ports made by 2 worker processes.
    bool build(int timeWait, int pairs, QString *error);
    // Allows `count` TIME-WAIT entries in this namespace (tcp_max_tw_buckets is per namespace).
    bool raiseTimeWaitLimit(int count, QString *error);
    // `count` TIME-WAIT sockets over `serverPorts` listening ports, made by `workers` processes.
    bool fillTimeWait(int count, int serverPorts, int workers, QString *error);
    // `pairs` established connections held open by child processes until this object dies.
    bool holdEstablished(int pairs, QString *error);
    // Keeps making TIME-WAIT at `perSecond` (spread over `workers` processes) until this object
    // dies: with tcp_max_tw_buckets reached, the table stays full, as on the busy HTTP server.
    bool churn(int perSecond, int serverPorts, int workers, QString *error);

private:
    std::vector<pid_t> m_holders;
    std::vector<pid_t> m_churners;
    std::vector<int> m_holderPipes;
};
