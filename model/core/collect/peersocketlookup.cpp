#include "peersocketlookup.h"

#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cstring>

namespace {

constexpr int ReceiveTimeoutMs = 200;
constexpr std::uint8_t TcpListen = 10; // TCP_LISTEN in include/net/tcp_states.h
constexpr std::uint32_t LoopbackDevice = 1; // LOOPBACK_IFINDEX: lo is 1 in every namespace

}

PeerSocketLookup::PeerSocketLookup() = default;

PeerSocketLookup::~PeerSocketLookup()
{
    if (m_socket)
        mnl_socket_close(m_socket);
}

bool PeerSocketLookup::ensureOpen()
{
    if (m_socket)
        return true;
    m_socket = mnl_socket_open2(NETLINK_SOCK_DIAG, SOCK_CLOEXEC);
    if (!m_socket)
        return false;
    if (mnl_socket_bind(m_socket, 0, MNL_SOCKET_AUTOPID) < 0) {
        mnl_socket_close(m_socket);
        m_socket = nullptr;
        return false;
    }
    // An exact lookup is answered at once; a lost answer must not stall the caller's thread.
    timeval timeout {0, ReceiveTimeoutMs * 1000};
    setsockopt(mnl_socket_get_fd(m_socket), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    m_portId = mnl_socket_get_portid(m_socket);
    return true;
}

bool PeerSocketLookup::lookUp(const sockaddr *peer, const sockaddr *local, std::uint32_t device, std::uint32_t *inode,
                              std::uint32_t *uid)
{
    if (!ensureOpen())
        return false;

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

    if (mnl_socket_sendto(m_socket, nlh, nlh->nlmsg_len) < 0)
        return false;
    alignas(nlmsghdr) char answer[8192]; // one inet_diag_msg, or an error with the request
    for (;;) {
        const ssize_t received = mnl_socket_recvfrom(m_socket, answer, sizeof answer);
        if (received < 0) {
            // A late answer to this request would be read as the next one's: start afresh.
            mnl_socket_close(m_socket);
            m_socket = nullptr;
            return false;
        }
        const nlmsghdr *reply = reinterpret_cast<const nlmsghdr *>(answer);
        int left = int(received);
        for (; mnl_nlmsg_ok(reply, left); reply = mnl_nlmsg_next(reply, &left)) {
            if (reply->nlmsg_seq != nlh->nlmsg_seq || reply->nlmsg_pid != m_portId)
                continue; // an answer to an earlier request that timed out
            if (reply->nlmsg_type != SOCK_DIAG_BY_FAMILY
                || mnl_nlmsg_get_payload_len(reply) < sizeof(inet_diag_msg))
                return false; // NLMSG_ERROR: ENOENT when no socket has the 4-tuple
            const auto *message = static_cast<const inet_diag_msg *>(mnl_nlmsg_get_payload(reply));
            // The lookup falls back to a listener on the address and port; that is not the
            // client, and the 4-tuple must be the one asked for.
            if (message->idiag_state == TcpListen || message->id.idiag_sport != req->id.idiag_sport
                || message->id.idiag_dport != req->id.idiag_dport
                || std::memcmp(message->id.idiag_src, req->id.idiag_src, sizeof req->id.idiag_src) != 0
                || std::memcmp(message->id.idiag_dst, req->id.idiag_dst, sizeof req->id.idiag_dst) != 0)
                return false;
            *inode = message->idiag_inode;
            *uid = message->idiag_uid;
            return true;
        }
    }
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
    return found;
}
