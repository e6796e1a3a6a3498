#pragma once

#include "socketrecord.h"
#include "tcpstate.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <vector>

struct mnl_socket;

// Dumps TCP sockets over NETLINK_SOCK_DIAG, as `ss` does, into SocketRecords. One netlink socket
// is opened on first use and reused across dumps; it belongs to the network namespace of the
// thread that opened it, so create and use a collector in one thread.
class SockDiagCollector
{
    Q_DECLARE_TR_FUNCTIONS(SockDiagCollector)

public:
    struct Request
    {
        // Filtering happens in the kernel: sockets in other states are never sent.
        quint32 stateMask = AllTcpStatesMask;
        bool ipv4 = true;
        bool ipv6 = true;
    };

    struct Outcome
    {
        bool ok = false;
        // false when the socket table changed under the dump twice in a row (NLM_F_DUMP_INTR) or
        // replies were lost (ENOBUFS): counts may be off by the churn.
        bool consistent = true;
        bool ipv6Available = true;
        QString error; // set when !ok
        QStringList warnings;
        quint64 messages = 0;
        quint64 bytes = 0;
        int retries = 0;
    };

    SockDiagCollector();
    ~SockDiagCollector();
    SockDiagCollector(const SockDiagCollector &) = delete;
    SockDiagCollector &operator=(const SockDiagCollector &) = delete;

    // Appends to `out`; on failure `out` holds whatever was parsed before it.
    Outcome dump(const Request &request, std::vector<SocketRecord> &out);

private:
    enum class FamilyResult { Complete, Interrupted, LostReplies, Unsupported, Failed };
    FamilyResult dumpFamily(quint8 family, quint32 stateMask, std::vector<SocketRecord> &out,
                            Outcome &outcome);
    bool ensureOpen(QString *error);
    void closeSocket();

    mnl_socket *m_socket = nullptr;
    unsigned m_portId = 0;
    unsigned m_seq = 0;
    std::vector<char> m_buffer;
};
