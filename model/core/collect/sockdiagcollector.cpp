#include "core/collect/sockdiagcollector.h"

#include "core/collect/sockdiagdatagramparser.h"

#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace {
// The kernel fills each dump datagram up to about 32 KiB (netlink_dump caps its skb there);
// twice that leaves room and never truncates (MSG_TRUNC).
constexpr std::size_t ReceiveBufferSize = 64 * 1024;
constexpr int ReceiveTimeoutSeconds = 10;
}

SockDiagCollector::SockDiagCollector()
    : m_buffer(ReceiveBufferSize)
{
    m_seq = static_cast<unsigned>(time(nullptr));
}

SockDiagCollector::~SockDiagCollector()
{
    closeSocket();
}

void SockDiagCollector::closeSocket()
{
    if (m_socket)
        mnl_socket_close(m_socket);
    m_socket = nullptr;
    m_portId = 0;
}

bool SockDiagCollector::ensureOpen(CoreMessage *error)
{
    if (m_socket)
        return true;
    m_socket = mnl_socket_open2(NETLINK_SOCK_DIAG, SOCK_CLOEXEC);
    if (!m_socket) {
        const int err = errno;
        if (err == EPROTONOSUPPORT || err == EAFNOSUPPORT)
            *error = {CoreMessageCode::SockDiagMissing, {errnoText(err)}};
        else
            *error = {CoreMessageCode::SockDiagOpenFailed, {errnoText(err)}};
        return false;
    }
    if (mnl_socket_bind(m_socket, 0, MNL_SOCKET_AUTOPID) < 0) {
        *error = {CoreMessageCode::SockDiagBindFailed, {errnoText(errno)}};
        closeSocket();
        return false;
    }
    // A dump whose last datagram was lost must not hang the sampler forever.
    timeval timeout {ReceiveTimeoutSeconds, 0};
    setsockopt(mnl_socket_get_fd(m_socket), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    m_portId = mnl_socket_get_portid(m_socket);
    return true;
}

SockDiagCollector::Outcome SockDiagCollector::dump(const Request &request, std::vector<SocketRecord> &out)
{
    Outcome outcome;
    if (!ensureOpen(&outcome.error))
        return outcome;

    // The table changed while the kernel walked it, or replies were dropped: take one fresh
    // dump, and keep the second whatever it says.
    const auto dumpTwice = [&](std::uint8_t family) {
        const std::size_t first = out.size();
        FamilyResult result = dumpFamily(family, request, out, outcome);
        if (result == FamilyResult::Interrupted || result == FamilyResult::LostReplies) {
            ++outcome.retries;
            out.resize(first);
            result = dumpFamily(family, request, out, outcome);
            if (result == FamilyResult::Interrupted) {
                outcome.consistent = false;
                outcome.warnings.push_back({CoreMessageCode::SockDiagInterruptedTwice, {}});
            } else if (result == FamilyResult::LostReplies) {
                outcome.consistent = false;
                outcome.warnings.push_back({CoreMessageCode::SockDiagRepliesLostTwice, {}});
            }
        }
        return result;
    };

    // Every dump walks the whole established hash, whatever family it asks for (~100 ns a
    // socket, sockets of other namespaces included): the legacy request with AF_UNSPEC walks it
    // once for both families (inet_diag_dump_compat), where two inet_diag_req_v2 requests walk
    // it twice. Its replies are the same inet_diag_msg, full sockets with INET_DIAG_SHUTDOWN.
    if (request.ipv4 && request.ipv6 && !m_oneWalkRefused) {
        const std::size_t first = out.size();
        const FamilyResult result = dumpTwice(AF_UNSPEC);
        if (result == FamilyResult::Failed)
            return outcome;
        if (result != FamilyResult::Unsupported) {
            // One walk cannot tell an absent IPv6 from a host without IPv6 sockets: sockstat6
            // exists exactly when this namespace has IPv6.
            outcome.ipv6Available = ::access("/proc/thread-self/net/sockstat6", F_OK) == 0;
            if (!outcome.ipv6Available)
                outcome.warnings.push_back({CoreMessageCode::SockDiagNoIpv6, {}});
            outcome.ok = true;
            return outcome;
        }
        m_oneWalkRefused = true;
        out.resize(first);
    }

    const std::uint8_t families[] = {AF_INET, AF_INET6};
    for (const std::uint8_t family : families) {
        if ((family == AF_INET && !request.ipv4) || (family == AF_INET6 && !request.ipv6))
            continue;
        const FamilyResult result = dumpTwice(family);
        if (result == FamilyResult::Failed)
            return outcome;
        if (result == FamilyResult::Unsupported) {
            if (family == AF_INET) {
                outcome.error = {CoreMessageCode::SockDiagNoTcpDiag, {}};
                return outcome;
            }
            outcome.ipv6Available = false;
            outcome.warnings.push_back({CoreMessageCode::SockDiagNoIpv6, {}});
        }
    }
    outcome.ok = true;
    return outcome;
}

SockDiagCollector::FamilyResult SockDiagCollector::dumpFamily(std::uint8_t family, const Request &wanted,
                                                              std::vector<SocketRecord> &out, Outcome &outcome)
{
    alignas(nlmsghdr) char request[128]; // header + inet_diag_req_v2 = 72 bytes, + inet_diag_req = 72
    nlmsghdr *nlh = mnl_nlmsg_put_header(request);
    nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    nlh->nlmsg_seq = ++m_seq;
    // Extensions cost ~30% more kernel time: the periodic dump asks for none.
    if (family == AF_UNSPEC) {
        nlh->nlmsg_type = TCPDIAG_GETSOCK; // the protocol is the request type's
        auto req = static_cast<inet_diag_req *>(mnl_nlmsg_put_extra_header(nlh, sizeof(inet_diag_req)));
        req->idiag_ext = 0;
        req->idiag_states = wanted.stateMask;
    } else {
        nlh->nlmsg_type = SOCK_DIAG_BY_FAMILY;
        auto req = static_cast<inet_diag_req_v2 *>(mnl_nlmsg_put_extra_header(nlh, sizeof(inet_diag_req_v2)));
        req->sdiag_family = family;
        req->sdiag_protocol = IPPROTO_TCP;
        req->idiag_ext = 0;
        req->idiag_states = wanted.stateMask;
    }

    if (mnl_socket_sendto(m_socket, nlh, nlh->nlmsg_len) < 0) {
        outcome.error = {CoreMessageCode::SockDiagSendFailed, {errnoText(errno)}};
        closeSocket();
        return FamilyResult::Failed;
    }

    SockDiagDatagramParser parser(nlh->nlmsg_seq, m_portId);
    parser.setCgroupTable(wanted.cgroups);
    bool lostReplies = false;
    for (;;) {
        const ssize_t received = mnl_socket_recvfrom(m_socket, m_buffer.data(), m_buffer.size());
        if (received < 0) {
            const int err = errno;
            if (err == EINTR)
                continue;
            if (err == ENOBUFS) {
                // The receive queue overflowed and replies were dropped; the rest of the dump
                // still arrives, so drain it before asking again.
                lostReplies = true;
                continue;
            }
            if (err == ENOSPC)
                outcome.error = {CoreMessageCode::SockDiagReplyTooLarge, {std::to_string(m_buffer.size())}};
            else if (err == EAGAIN || err == EWOULDBLOCK)
                outcome.error = {CoreMessageCode::SockDiagTimeout, {std::to_string(ReceiveTimeoutSeconds)}};
            else
                outcome.error = {CoreMessageCode::SockDiagReadFailed, {errnoText(err)}};
            closeSocket(); // the rest of this dump would confuse the next one
            return FamilyResult::Failed;
        }
        outcome.bytes += static_cast<std::uint64_t>(received);
        const auto status = parser.parse(m_buffer.data(), static_cast<std::size_t>(received), out);
        if (status == SockDiagDatagramParser::Status::NeedMore)
            continue;
        outcome.messages += parser.messageCount();
        if (status == SockDiagDatagramParser::Status::Done)
            break;

        const int err = parser.errorNumber();
        if (err == ENOENT || err == EOPNOTSUPP || err == EAFNOSUPPORT)
            return FamilyResult::Unsupported;
        if (err == EPROTO) {
            outcome.error = parser.errorMessage();
        } else {
            outcome.error = {CoreMessageCode::SockDiagRefused,
                             {family == AF_INET6      ? "IPv6"
                                  : family == AF_INET ? "IPv4"
                                                      : "IPv4+IPv6",
                              errnoText(err)}};
        }
        closeSocket();
        return FamilyResult::Failed;
    }

    if (lostReplies)
        return FamilyResult::LostReplies;
    return parser.interrupted() ? FamilyResult::Interrupted : FamilyResult::Complete;
}
