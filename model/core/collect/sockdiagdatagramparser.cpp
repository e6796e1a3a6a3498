#include "core/collect/sockdiagdatagramparser.h"

#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>

#include <algorithm>
#include <arpa/inet.h>
#include <climits>
#include <cerrno>
#include <cstring>
#include <sys/socket.h>

namespace {

// Only full sockets carry INET_DIAG_SHUTDOWN (inet_diag_msg_attrs_fill); request sockets, which
// the kernel reports as SYN_RECV, never do. That is how NEW_SYN_RECV is told apart.
int findShutdownAttribute(const nlattr *attr, void *data)
{
    if (mnl_attr_type_valid(attr, INET_DIAG_MAX) < 0)
        return MNL_CB_OK; // newer kernels add attributes: skip what we do not know
    if (mnl_attr_get_type(attr) == INET_DIAG_SHUTDOWN) {
        if (mnl_attr_validate(attr, MNL_TYPE_U8) < 0)
            return MNL_CB_ERROR;
        *static_cast<bool *>(data) = true;
    }
    return MNL_CB_OK;
}

struct FullSocketAttributes
{
    bool shutdown = false;
    bool hasCgroup = false;
    std::uint64_t cgroup = 0;
};

// INET_DIAG_SHUTDOWN and INET_DIAG_CGROUP_ID, both put by inet_diag_msg_attrs_fill() for every
// full socket without being asked (the cgroup id under CONFIG_SOCK_CGROUP_DATA, since 5.9).
int findFullSocketAttributes(const nlattr *attr, void *data)
{
    if (mnl_attr_type_valid(attr, INET_DIAG_MAX) < 0)
        return MNL_CB_OK;
    auto *found = static_cast<FullSocketAttributes *>(data);
    if (mnl_attr_get_type(attr) == INET_DIAG_SHUTDOWN) {
        if (mnl_attr_validate(attr, MNL_TYPE_U8) < 0)
            return MNL_CB_ERROR;
        found->shutdown = true;
    }
    if (mnl_attr_get_type(attr) == INET_DIAG_CGROUP_ID) {
        if (mnl_attr_validate(attr, MNL_TYPE_U64) < 0)
            return MNL_CB_ERROR;
        found->hasCgroup = true;
        found->cgroup = mnl_attr_get_u64(attr);
    }
    return MNL_CB_OK;
}

// Where the message after the one at `offset` starts: its length rounded up to 4 bytes, in
// size_t so nothing wraps, and never past the end of the datagram.
std::size_t nextMessage(const unsigned char *bytes, std::size_t offset, std::size_t length)
{
    const auto nlh = reinterpret_cast<const nlmsghdr *>(bytes + offset);
    const std::size_t aligned = (std::size_t(nlh->nlmsg_len) + NLMSG_ALIGNTO - 1) & ~std::size_t(NLMSG_ALIGNTO - 1);
    return std::min(offset + aligned, length);
}

void copyAddress(std::uint8_t family, const __be32 (&source)[4], std::array<std::uint8_t, 16> &target)
{
    if (family == AF_INET6) {
        std::memcpy(target.data(), source, 16);
    } else {
        target.fill(0);
        std::memcpy(target.data(), source, 4);
    }
}

// The fixed part of a socket's message (struct inet_diag_msg) as a record.
void fillRecord(SocketRecord &record, const inet_diag_msg *msg)
{
    record.family = msg->idiag_family;
    record.state = msg->idiag_state < TcpStateCount ? static_cast<TcpState>(msg->idiag_state) : TcpState::Unknown;
    record.timer = msg->idiag_timer <= 4 ? static_cast<SocketTimer>(msg->idiag_timer) : SocketTimer::None;
    record.retransmits = msg->idiag_retrans;
    record.localPort = ntohs(msg->id.idiag_sport);
    record.remotePort = ntohs(msg->id.idiag_dport);
    record.expiresMs = msg->idiag_expires;
    record.receiveQueue = msg->idiag_rqueue;
    record.sendQueue = msg->idiag_wqueue;
    record.uid = msg->idiag_uid;
    record.inode = msg->idiag_inode;
    record.cookie = std::uint64_t(msg->id.idiag_cookie[0]) | (std::uint64_t(msg->id.idiag_cookie[1]) << 32);
    copyAddress(msg->idiag_family, msg->id.idiag_src, record.localAddress);
    copyAddress(msg->idiag_family, msg->id.idiag_dst, record.remoteAddress);
}

}

SockDiagDatagramParser::SockDiagDatagramParser(unsigned seq, unsigned portId)
    : m_seq(seq)
    , m_portId(portId)
{
}

SockDiagDatagramParser SockDiagDatagramParser::forRecordedDump()
{
    SockDiagDatagramParser parser(0, 0);
    parser.m_anySender = true;
    return parser;
}

SockDiagDatagramParser::Status SockDiagDatagramParser::fail(int errorNumber, CoreMessage message)
{
    m_errorNumber = errorNumber;
    m_errorMessage = std::move(message);
    return Status::Failed;
}

SockDiagDatagramParser::Status SockDiagDatagramParser::failWithKernelError(int negativeErrno)
{
    // The kernel sends -errno, 1..MAX_ERRNO (4095, include/linux/err.h); anything else (INT_MIN
    // cannot even be negated) is a malformed message.
    if (negativeErrno >= 0 || negativeErrno < -4095)
        return fail(EPROTO, {CoreMessageCode::SockDiagBadErrorNumber, {std::to_string(negativeErrno)}});
    return fail(-negativeErrno, {CoreMessageCode::SystemError, {errnoText(-negativeErrno)}});
}

SockDiagDatagramParser::Status SockDiagDatagramParser::parse(const void *data, std::size_t length, std::vector<SocketRecord> &out)
{
    // Lengths are checked here rather than with mnl_nlmsg_ok()/mnl_nlmsg_next(): those compare
    // as int, so an nlmsg_len of 2^31 or more passes as negative and 0xffffffff aligns to 0,
    // which reads out of bounds or never advances. Every message must lie inside `length`.
    const auto bytes = static_cast<const unsigned char *>(data);
    std::size_t offset = 0;
    std::size_t remaining = length;
    for (; remaining >= sizeof(nlmsghdr); offset = nextMessage(bytes, offset, length), remaining = length - offset) {
        const auto nlh = reinterpret_cast<const nlmsghdr *>(bytes + offset);
        if (nlh->nlmsg_len < sizeof(nlmsghdr) || nlh->nlmsg_len > remaining)
            break;
        if (!m_anySender && (!mnl_nlmsg_seq_ok(nlh, m_seq) || !mnl_nlmsg_portid_ok(nlh, m_portId)))
            continue;
        ++m_messages;
        if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
            m_interrupted = true;

        switch (nlh->nlmsg_type) {
        case NLMSG_NOOP: continue;
        case NLMSG_ERROR: {
            if (mnl_nlmsg_get_payload_len(nlh) < sizeof(nlmsgerr))
                return fail(EPROTO, {CoreMessageCode::SockDiagTruncatedError, {}});
            const auto err = static_cast<const nlmsgerr *>(mnl_nlmsg_get_payload(nlh));
            if (err->error == 0)
                continue; // an acknowledgement
            return failWithKernelError(err->error);
        }
        case NLMSG_DONE: {
            // A dump that failed part way ends with NLMSG_DONE carrying a negative errno.
            if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(int)) {
                int doneError = 0;
                std::memcpy(&doneError, mnl_nlmsg_get_payload(nlh), sizeof(int));
                if (doneError < 0)
                    return failWithKernelError(doneError);
            }
            return Status::Done;
        }
        case SOCK_DIAG_BY_FAMILY:
        case TCPDIAG_GETSOCK: // the reply to the legacy request one walk of both families uses
            break;
        default: continue;
        }

        if (mnl_nlmsg_get_payload_len(nlh) < sizeof(inet_diag_msg)) {
            return fail(EPROTO,
                        {CoreMessageCode::SockDiagTruncatedPayload,
                         {std::to_string(mnl_nlmsg_get_payload_len(nlh)), std::to_string(sizeof(inet_diag_msg))}});
        }
        const auto msg = static_cast<const inet_diag_msg *>(mnl_nlmsg_get_payload(nlh));
        if (msg->idiag_family != AF_INET && msg->idiag_family != AF_INET6)
            continue;

        SocketRecord &record = out.emplace_back();
        fillRecord(record, msg);
        if (!readAttributes(nlh, record)) {
            out.pop_back();
            return fail(EPROTO, {CoreMessageCode::SockDiagMalformedAttribute, {}});
        }
    }

    if (remaining > 0) {
        return fail(EPROTO, {CoreMessageCode::SockDiagTrailingBytes, {std::to_string(remaining)}});
    }
    return Status::NeedMore;
}

// The attributes after the fixed part: whether a SYN-RECV socket is a full one, the cgroup.
// False when they are malformed.
bool SockDiagDatagramParser::readAttributes(const nlmsghdr *nlh, SocketRecord &record) const
{
    if (record.state == TcpState::SynRecv && !m_cgroups) {
        bool fullSocket = false;
        if (mnl_attr_parse(nlh, sizeof(inet_diag_msg), findShutdownAttribute, &fullSocket) < 0)
            return false;
        if (!fullSocket)
            record.state = TcpState::NewSynRecv;
    } else if (m_cgroups && record.state != TcpState::TimeWait) {
        // TIME-WAIT entries carry no attributes (inet_twsk_diag_fill): nothing to walk.
        FullSocketAttributes found;
        if (mnl_attr_parse(nlh, sizeof(inet_diag_msg), findFullSocketAttributes, &found) < 0)
            return false;
        if (record.state == TcpState::SynRecv && !found.shutdown)
            record.state = TcpState::NewSynRecv;
        if (found.hasCgroup)
            record.cgroupSlot = m_cgroups->slotOf(found.cgroup);
    }
    return true;
}
