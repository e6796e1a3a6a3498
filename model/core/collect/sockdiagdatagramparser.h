#pragma once

#include "core/collect/cgroupidtable.h"
#include "core/collect/coremessage.h"
#include "core/collect/socketrecord.h"

#include <cstddef>
#include <vector>

struct nlmsghdr;

// Turns the datagrams of one sock_diag dump into SocketRecords. Kept apart from the socket so
// recorded dumps (`ss -D`) and truncated ones can be fed to it in tests.
class SockDiagDatagramParser
{
public:
    enum class Status {
        NeedMore, // the dump continues in the next datagram
        Done, // NLMSG_DONE seen
        Failed, // NLMSG_ERROR, or a malformed datagram: see errorNumber()/errorMessage()
    };

    // seq and portId of the request; messages for other requests (left over from an earlier,
    // abandoned dump on the same socket) are skipped.
    SockDiagDatagramParser(unsigned seq, unsigned portId);
    // For dumps recorded by someone else (`ss -D`): every sequence number and port is accepted.
    static SockDiagDatagramParser forRecordedDump();

    Status parse(const void *data, std::size_t length, std::vector<SocketRecord> &out);
    // Reads each full socket's INET_DIAG_CGROUP_ID (the kernel sends it unasked since 5.9) into
    // `table` and the record's cgroupSlot. Without a table the attribute is not looked for.
    void setCgroupTable(CgroupIdTable *table) { m_cgroups = table; }

    // errno from NLMSG_ERROR or from the NLMSG_DONE payload; EPROTO for malformed input.
    int errorNumber() const { return m_errorNumber; }
    const CoreMessage &errorMessage() const { return m_errorMessage; }
    // The kernel flagged a message with NLM_F_DUMP_INTR: the table changed during the dump.
    bool interrupted() const { return m_interrupted; }
    std::uint64_t messageCount() const { return m_messages; }

private:
    bool readAttributes(const nlmsghdr *nlh, SocketRecord &record) const;
    Status fail(int errorNumber, CoreMessage message);
    Status failWithKernelError(int negativeErrno);

    unsigned m_seq;
    unsigned m_portId;
    bool m_anySender = false;
    CgroupIdTable *m_cgroups = nullptr;
    int m_errorNumber = 0;
    CoreMessage m_errorMessage;
    bool m_interrupted = false;
    std::uint64_t m_messages = 0;
};
