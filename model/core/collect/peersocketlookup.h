#pragma once

#include <cstdint>

struct mnl_socket;
struct sockaddr;

// Who owns the other end of a TCP connection accepted here, when that end is a socket of this
// network namespace (a client on this host): one exact sock_diag lookup of its 4-tuple, as
// `ss -tne src ADDR:PORT dst ADDR:PORT` does, answered from the kernel's established hash. The
// exporter counts local clients per user with it, since every local user shares 127.0.0.1 and
// the host's own addresses. The netlink socket belongs to the namespace of the thread that
// created the lookup. A socket bound to a device or to an address it does not hold (FREEBIND)
// may be missed; the route to the peer's address then still tells a client on this host.
class PeerSocketLookup
{
public:
    struct Peer
    {
        enum class Kind {
            Elsewhere, // no socket of this namespace has the 4-tuple (or the lookup failed)
            Owned, // a socket of this namespace, created by `uid`
            Orphaned, // a socket of this namespace its process has closed: its uid says nothing
            ThisHost, // no socket found, but the address is delivered here (local or anycast): a
                      // client on this host bound where the lookup cannot see (a device, FREEBIND)
        };
        Kind kind = Kind::Elsewhere;
        std::uint32_t uid = 0;
    };

    PeerSocketLookup();
    ~PeerSocketLookup();
    PeerSocketLookup(const PeerSocketLookup &) = delete;
    PeerSocketLookup &operator=(const PeerSocketLookup &) = delete;

    // The socket at `peer` connected to `local` (both AF_INET or both AF_INET6, of the accepted
    // connection: getpeername and getsockname).
    Peer find(const sockaddr *peer, const sockaddr *local);

private:
    // Whether the kernel delivers packets for `address` to this namespace: the route to it is of
    // type local or anycast (what `ip route get ADDRESS` shows first), whatever lists addresses.
    bool deliveredHere(const sockaddr *address);
    // One exact lookup with the interface `device` (0: any unbound socket). Found: *inode and *uid.
    bool lookUp(const sockaddr *peer, const sockaddr *local, std::uint32_t device, std::uint32_t *inode, std::uint32_t *uid);

    mnl_socket *m_socket = nullptr; // NETLINK_SOCK_DIAG, for lookUp()
    mnl_socket *m_routes = nullptr; // NETLINK_ROUTE, for deliveredHere()
    unsigned m_seq = 0;
};
