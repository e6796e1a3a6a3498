#pragma once

#include <cstdint>
#include <optional>

struct mnl_socket;
struct sockaddr;

// Who owns the other end of a TCP connection accepted here, when that end is a socket of this
// network namespace (a client on this host): one exact sock_diag lookup of its 4-tuple, as
// `ss -tn src ADDR:PORT dst ADDR:PORT` does, answered from the kernel's established hash. The
// exporter counts local clients per user with it, since every local user shares 127.0.0.1 and
// the host's own addresses. The netlink socket belongs to the namespace of the thread that
// created the lookup.
class PeerSocketLookup
{
public:
    PeerSocketLookup();
    ~PeerSocketLookup();
    PeerSocketLookup(const PeerSocketLookup &) = delete;
    PeerSocketLookup &operator=(const PeerSocketLookup &) = delete;

    // The uid that created the socket at `peer` connected to `local` (both AF_INET or both
    // AF_INET6, of the accepted connection: getpeername and getsockname); nothing when no socket
    // of this namespace has that 4-tuple (the client is elsewhere, or already gone) or the
    // lookup fails.
    std::optional<std::uint32_t> localPeerUid(const sockaddr *peer, const sockaddr *local);

private:
    bool ensureOpen();

    mnl_socket *m_socket = nullptr;
    unsigned m_portId = 0;
    unsigned m_seq = 0;
};
