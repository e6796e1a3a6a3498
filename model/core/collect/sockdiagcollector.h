#pragma once

#include "core/collect/cgroupidtable.h"
#include "core/collect/coremessage.h"
#include "core/collect/socketrecord.h"
#include "core/collect/tcpstate.h"

#include <vector>

struct mnl_socket;

// Dumps TCP sockets over NETLINK_SOCK_DIAG, as `ss` does, into SocketRecords. One netlink socket
// is opened on first use and reused across dumps; it belongs to the network namespace of the
// thread that opened it, so create and use a collector in one thread.
class SockDiagCollector
{
public:
    struct Request
    {
        // Filtering happens in the kernel: sockets in other states are never sent.
        std::uint32_t stateMask = AllTcpStatesMask;
        bool ipv4 = true;
        bool ipv6 = true;
        // Where to put the full sockets' cgroup ids (SocketRecord::cgroupSlot); none when null.
        CgroupIdTable *cgroups = nullptr;
    };

    struct Outcome
    {
        bool ok = false;
        // false when the socket table changed under the dump twice in a row (NLM_F_DUMP_INTR) or
        // replies were lost (ENOBUFS): counts may be off by the churn.
        bool consistent = true;
        bool ipv6Available = true;
        CoreMessage error; // set when !ok
        std::vector<CoreMessage> warnings;
        std::uint64_t messages = 0;
        std::uint64_t bytes = 0;
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
    // AF_UNSPEC: both families in one walk of the kernel's tables (the legacy TCPDIAG_GETSOCK
    // request); AF_INET or AF_INET6: one family (SOCK_DIAG_BY_FAMILY with inet_diag_req_v2).
    FamilyResult dumpFamily(std::uint8_t family, const Request &wanted, std::vector<SocketRecord> &out, Outcome &outcome);
    bool ensureOpen(CoreMessage *error);
    void closeSocket();

    mnl_socket *m_socket = nullptr;
    unsigned m_portId = 0;
    unsigned m_seq = 0;
    std::vector<char> m_buffer;
    bool m_oneWalkRefused = false; // the kernel refused the legacy request once: per family from then on
};
