#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

// A known population of real TCP sockets in the current network namespace. Every step waits for
// the kernel to confirm the state it aims at (a FIN seen as EOF by the peer), so the counts a test
// expects are exact, not "usually right".
class SocketPopulation
{
public:
    struct Endpoint
    {
        int family; // AF_INET or AF_INET6
        QByteArray address;
        quint16 port;
    };
    enum class CloseOrder {
        ClientFirst, // TIME-WAIT on the client side (local port ephemeral, remote port = server's)
        ServerFirst, // TIME-WAIT on the server side (local port = server's)
    };

    SocketPopulation() = default;
    ~SocketPopulation();
    SocketPopulation(const SocketPopulation &) = delete;
    SocketPopulation &operator=(const SocketPopulation &) = delete;

    bool listen(const Endpoint &server, int backlog = 1024);
    // `count` connections to a listening `server`, then both ends closed in `order`.
    bool closedConnections(const Endpoint &server, int count, CloseOrder order);
    // `count` connections left open: 2 × count ESTABLISHED sockets.
    bool establishedPairs(const Endpoint &server, int count);
    // Client shut its sending side, server did not: count FIN-WAIT-2 + count CLOSE-WAIT.
    bool halfClosedPairs(const Endpoint &server, int count);
    // Half-open connections: raw SYNs to an IPv4 listener from `sourcePrefix`.1.. whose SYN-ACKs
    // are routed nowhere (the caller routes that prefix to lo). The server keeps a request socket
    // (NEW_SYN_RECV) for each. Needs CAP_NET_RAW.
    bool halfOpenRequests(const Endpoint &server, const QByteArray &sourcePrefix, int count);
    // What the command-line tests count: 35 sockets, LISTEN 2, ESTABLISHED 6, TIME-WAIT 27 (9 on
    // local port 9000, 12 towards it, 6 IPv6 on local port 9443).
    bool commandLinePopulation();
    // Connects that never get an answer (destination routed nowhere): count SYN-SENT sockets.
    bool unansweredConnects(const Endpoint &destination, int count);

    QString error() const { return m_error; }

private:
    int connectTo(const Endpoint &server);
    int acceptFrom(const Endpoint &server);
    bool openPair(const Endpoint &server, int *client, int *accepted);
    bool waitForEof(int fd);
    bool fail(const QString &what);

    struct Listener
    {
        Endpoint endpoint;
        int fd;
    };
    std::vector<Listener> m_listeners;
    std::vector<int> m_held;
    QString m_error;
};
