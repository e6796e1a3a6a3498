#include "core/collect/peersocketlookup.h"

#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cstring>

namespace {

constexpr int ReceiveTimeoutMs = 200;
constexpr std::uint8_t TcpListen = 10; // TCP_LISTEN in include/net/tcp_states.h
constexpr std::uint32_t LoopbackDevice = 1; // LOOPBACK_IFINDEX: lo is 1 in every namespace

// A netlink socket on `bus` whose receive gives up after ReceiveTimeoutMs: an exact lookup is
// answered at once, and a lost answer must not stall the caller's thread. Null when it cannot open.
mnl_socket *openBus(int bus)
{
    mnl_socket *socket = mnl_socket_open2(bus, SOCK_CLOEXEC);
    if (socket && mnl_socket_bind(socket, 0, MNL_SOCKET_AUTOPID) < 0) {
        mnl_socket_close(socket);
        socket = nullptr;
    }
    if (socket) {
        timeval timeout {0, ReceiveTimeoutMs * 1000};
        setsockopt(mnl_socket_get_fd(socket), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    }
    return socket;
}

// Sends `request` on *socket (opened on `bus` if it is not) and gives the payload of its answer
// when that is of `type` and at least `size` bytes; null for an error answer (no such socket, no
// route) or a failure. `answer` holds what the payload points into.
const void *ask(mnl_socket **socket, int bus, nlmsghdr *request, std::uint16_t type, std::size_t size, char (&answer)[8192])
{
    if (!*socket && !(*socket = openBus(bus)))
        return nullptr;
    if (mnl_socket_sendto(*socket, request, request->nlmsg_len) < 0)
        return nullptr;
    const unsigned portId = mnl_socket_get_portid(*socket);
    for (;;) {
        const ssize_t received = mnl_socket_recvfrom(*socket, answer, sizeof answer);
        if (received < 0) {
            // A late answer to this request would be read as the next one's: start afresh.
            mnl_socket_close(*socket);
            *socket = nullptr;
            return nullptr;
        }
        const nlmsghdr *reply = reinterpret_cast<const nlmsghdr *>(answer);
        int left = int(received);
        for (; mnl_nlmsg_ok(reply, left); reply = mnl_nlmsg_next(reply, &left)) {
            if (reply->nlmsg_seq != request->nlmsg_seq || reply->nlmsg_pid != portId)
                continue; // an answer to an earlier request that timed out
            if (reply->nlmsg_type != type || mnl_nlmsg_get_payload_len(reply) < size)
                return nullptr; // NLMSG_ERROR
            return mnl_nlmsg_get_payload(reply);
        }
    }
}

}

PeerSocketLookup::PeerSocketLookup() = default;

PeerSocketLookup::~PeerSocketLookup()
{
    if (m_socket)
        mnl_socket_close(m_socket);
    if (m_routes)
        mnl_socket_close(m_routes);
}

bool PeerSocketLookup::deliveredHere(const sockaddr *address)
{
    std::uint8_t family = AF_INET;
    const void *bytes = nullptr;
    std::size_t length = 4;
    if (address->sa_family == AF_INET) {
        bytes = &reinterpret_cast<const sockaddr_in *>(address)->sin_addr;
    } else {
        const in6_addr &in6 = reinterpret_cast<const sockaddr_in6 *>(address)->sin6_addr;
        if (IN6_IS_ADDR_V4MAPPED(&in6)) {
            bytes = in6.s6_addr + 12;
        } else {
            family = AF_INET6;
            bytes = in6.s6_addr;
            length = 16;
        }
    }
    alignas(nlmsghdr) char request[MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(rtmsg)) + MNL_ATTR_HDRLEN + 16];
    nlmsghdr *nlh = mnl_nlmsg_put_header(request);
    nlh->nlmsg_type = RTM_GETROUTE;
    nlh->nlmsg_flags = NLM_F_REQUEST;
    nlh->nlmsg_seq = ++m_seq;
    auto *route = static_cast<rtmsg *>(mnl_nlmsg_put_extra_header(nlh, sizeof(rtmsg)));
    route->rtm_family = family;
    route->rtm_dst_len = std::uint8_t(length * 8);
    mnl_attr_put(nlh, RTA_DST, length, bytes);
    alignas(nlmsghdr) char answer[8192];
    const auto *found = static_cast<const rtmsg *>(ask(&m_routes, NETLINK_ROUTE, nlh, RTM_NEWROUTE, sizeof(rtmsg), answer));
    return found && (found->rtm_type == RTN_LOCAL || found->rtm_type == RTN_ANYCAST);
}

bool PeerSocketLookup::lookUp(const sockaddr *peer, const sockaddr *local, std::uint32_t device, std::uint32_t *inode,
                              std::uint32_t *uid)
{
    alignas(nlmsghdr) char request[MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(inet_diag_req_v2))];
    nlmsghdr *nlh = mnl_nlmsg_put_header(request);
    nlh->nlmsg_type = SOCK_DIAG_BY_FAMILY;
    nlh->nlmsg_flags = NLM_F_REQUEST; // no NLM_F_DUMP: one socket, looked up by its 4-tuple
    nlh->nlmsg_seq = ++m_seq;
    auto *req = static_cast<inet_diag_req_v2 *>(mnl_nlmsg_put_extra_header(nlh, sizeof(inet_diag_req_v2)));
    req->sdiag_family = std::uint8_t(peer->sa_family);
    req->sdiag_protocol = IPPROTO_TCP;
    req->idiag_states = ~0u;
    // inet_diag_find_one_icsk() looks up id.src:sport as the socket's own end and id.dst:dport as
    // its remote end: the client's socket has the peer's address as its own.
    if (peer->sa_family == AF_INET) {
        const auto *p = reinterpret_cast<const sockaddr_in *>(peer);
        const auto *l = reinterpret_cast<const sockaddr_in *>(local);
        req->id.idiag_sport = p->sin_port;
        req->id.idiag_dport = l->sin_port;
        std::memcpy(req->id.idiag_src, &p->sin_addr, sizeof p->sin_addr);
        std::memcpy(req->id.idiag_dst, &l->sin_addr, sizeof l->sin_addr);
    } else {
        const auto *p = reinterpret_cast<const sockaddr_in6 *>(peer);
        const auto *l = reinterpret_cast<const sockaddr_in6 *>(local);
        req->id.idiag_sport = p->sin6_port;
        req->id.idiag_dport = l->sin6_port;
        std::memcpy(req->id.idiag_src, &p->sin6_addr, sizeof p->sin6_addr);
        std::memcpy(req->id.idiag_dst, &l->sin6_addr, sizeof l->sin6_addr);
    }
    req->id.idiag_if = device;
    req->id.idiag_cookie[0] = INET_DIAG_NOCOOKIE;
    req->id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;

    alignas(nlmsghdr) char answer[8192]; // one inet_diag_msg, or an error with the request
    const auto *message = static_cast<const inet_diag_msg *>(
        ask(&m_socket, NETLINK_SOCK_DIAG, nlh, SOCK_DIAG_BY_FAMILY, sizeof(inet_diag_msg), answer));
    // No message: ENOENT when no socket has the 4-tuple. The lookup falls back to a listener on
    // the address and port; that is not the client, and the 4-tuple must be the one asked for.
    if (!message || message->idiag_state == TcpListen || message->id.idiag_sport != req->id.idiag_sport
        || message->id.idiag_dport != req->id.idiag_dport
        || std::memcmp(message->id.idiag_src, req->id.idiag_src, sizeof req->id.idiag_src) != 0
        || std::memcmp(message->id.idiag_dst, req->id.idiag_dst, sizeof req->id.idiag_dst) != 0)
        return false;
    *inode = message->idiag_inode;
    *uid = message->idiag_uid;
    return true;
}

PeerSocketLookup::Peer PeerSocketLookup::find(const sockaddr *peer, const sockaddr *local)
{
    Peer found;
    if (!peer || !local || peer->sa_family != local->sa_family || (peer->sa_family != AF_INET && peer->sa_family != AF_INET6))
        return found;
    // A socket bound to a device (SO_BINDTODEVICE, which any user may set since Linux 5.7, or a
    // connect() to a link-local address with its scope) matches a lookup only on that device
    // (inet_match): a local client's packets come in on lo, a link-local one's on its scope.
    const std::uint32_t scope = local->sa_family == AF_INET6 ? reinterpret_cast<const sockaddr_in6 *>(local)->sin6_scope_id : 0;
    const std::uint32_t devices[] = {0, LoopbackDevice, scope};
    for (std::size_t i = 0; i < sizeof devices / sizeof devices[0]; ++i) {
        const std::uint32_t device = devices[i];
        if (i > 0 && (device == 0 || device == devices[i - 1]))
            continue;
        std::uint32_t inode = 0, uid = 0;
        if (!lookUp(peer, local, device, &inode, &uid))
            continue;
        // TIME-WAIT and orphaned sockets have no inode, and sock_diag gives them uid 0.
        found.kind = inode != 0 ? Peer::Kind::Owned : Peer::Kind::Orphaned;
        found.uid = uid;
        return found;
    }
    if (deliveredHere(peer))
        found.kind = Peer::Kind::ThisHost;
    return found;
}
