#include "socketpopulation.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

constexpr int TimeoutMs = 5000;

socklen_t toSockaddr(const SocketPopulation::Endpoint &endpoint, sockaddr_storage *storage)
{
    std::memset(storage, 0, sizeof(*storage));
    if (endpoint.family == AF_INET6) {
        auto address = reinterpret_cast<sockaddr_in6 *>(storage);
        address->sin6_family = AF_INET6;
        address->sin6_port = htons(endpoint.port);
        inet_pton(AF_INET6, endpoint.address.constData(), &address->sin6_addr);
        return sizeof(sockaddr_in6);
    }
    auto address = reinterpret_cast<sockaddr_in *>(storage);
    address->sin_family = AF_INET;
    address->sin_port = htons(endpoint.port);
    inet_pton(AF_INET, endpoint.address.constData(), &address->sin_addr);
    return sizeof(sockaddr_in);
}

bool sameEndpoint(const SocketPopulation::Endpoint &a, const SocketPopulation::Endpoint &b)
{
    return a.family == b.family && a.address == b.address && a.port == b.port;
}

quint16 checksum(const void *data, std::size_t length, quint32 sum = 0)
{
    auto bytes = static_cast<const quint8 *>(data);
    for (std::size_t i = 0; i + 1 < length; i += 2)
        sum += quint32(bytes[i] << 8 | bytes[i + 1]);
    if (length % 2)
        sum += quint32(bytes[length - 1] << 8);
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return quint16(~sum);
}

}

SocketPopulation::~SocketPopulation()
{
    for (int fd : m_held)
        close(fd);
    for (const Listener &listener : m_listeners)
        close(listener.fd);
}

bool SocketPopulation::fail(const QString &what)
{
    m_error = what + QStringLiteral(": ") + QString::fromLocal8Bit(std::strerror(errno));
    return false;
}

bool SocketPopulation::listen(const Endpoint &server, int backlog)
{
    const int fd = socket(server.family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return fail(QStringLiteral("socket"));
    const int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (server.family == AF_INET6)
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
    sockaddr_storage address;
    const socklen_t length = toSockaddr(server, &address);
    if (bind(fd, reinterpret_cast<sockaddr *>(&address), length) != 0 || ::listen(fd, backlog) != 0) {
        close(fd);
        return fail(QStringLiteral("bind/listen ") + QString::fromLatin1(server.address) + QLatin1Char(':')
                    + QString::number(server.port));
    }
    m_listeners.push_back({server, fd});
    return true;
}

int SocketPopulation::connectTo(const Endpoint &server)
{
    const int fd = socket(server.family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        fail(QStringLiteral("socket"));
        return -1;
    }
    sockaddr_storage address;
    const socklen_t length = toSockaddr(server, &address);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), length) != 0) {
        fail(QStringLiteral("connect"));
        close(fd);
        return -1;
    }
    return fd;
}

int SocketPopulation::acceptFrom(const Endpoint &server)
{
    for (const Listener &listener : m_listeners) {
        if (!sameEndpoint(listener.endpoint, server))
            continue;
        pollfd ready {listener.fd, POLLIN, 0};
        if (poll(&ready, 1, TimeoutMs) != 1) {
            m_error = QStringLiteral("no connection to accept");
            return -1;
        }
        const int fd = accept4(listener.fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0)
            fail(QStringLiteral("accept"));
        return fd;
    }
    m_error = QStringLiteral("not listening on that endpoint");
    return -1;
}

// The peer's FIN has arrived once a read returns end of file.
bool SocketPopulation::waitForEof(int fd)
{
    pollfd ready {fd, POLLIN, 0};
    char byte;
    if (poll(&ready, 1, TimeoutMs) != 1 || recv(fd, &byte, 1, 0) != 0) {
        m_error = QStringLiteral("peer FIN did not arrive");
        return false;
    }
    return true;
}

bool SocketPopulation::openPair(const Endpoint &server, int *client, int *accepted)
{
    *client = connectTo(server);
    if (*client < 0)
        return false;
    *accepted = acceptFrom(server);
    if (*accepted < 0) {
        close(*client);
        return false;
    }
    return true;
}

bool SocketPopulation::closedConnections(const Endpoint &server, int count, CloseOrder order)
{
    for (int i = 0; i < count; ++i) {
        int client, accepted;
        if (!openPair(server, &client, &accepted))
            return false;
        const int first = order == CloseOrder::ClientFirst ? client : accepted;
        const int second = order == CloseOrder::ClientFirst ? accepted : client;
        close(first);
        // Close the other end only once the FIN arrived: otherwise both FINs may cross and both
        // ends go through CLOSING into TIME-WAIT.
        const bool finSeen = waitForEof(second);
        close(second);
        if (!finSeen)
            return false;
    }
    return true;
}

bool SocketPopulation::establishedPairs(const Endpoint &server, int count)
{
    for (int i = 0; i < count; ++i) {
        int client, accepted;
        if (!openPair(server, &client, &accepted))
            return false;
        m_held.push_back(client);
        m_held.push_back(accepted);
    }
    return true;
}

bool SocketPopulation::halfClosedPairs(const Endpoint &server, int count)
{
    for (int i = 0; i < count; ++i) {
        int client, accepted;
        if (!openPair(server, &client, &accepted))
            return false;
        m_held.push_back(client);
        m_held.push_back(accepted);
        shutdown(client, SHUT_WR);
        if (!waitForEof(accepted))
            return false;
    }
    return true;
}

bool SocketPopulation::halfOpenRequests(const Endpoint &server, const QByteArray &sourcePrefix, int count)
{
    const int fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_TCP);
    if (fd < 0)
        return fail(QStringLiteral("raw socket"));
    const int one = 1;
    setsockopt(fd, IPPROTO_IP, IP_HDRINCL, &one, sizeof(one));
    in_addr destination {};
    inet_pton(AF_INET, server.address.constData(), &destination);
    bool ok = true;
    for (int i = 0; i < count && ok; ++i) {
        in_addr source {};
        inet_pton(AF_INET, QByteArray(sourcePrefix + '.' + QByteArray::number(i + 1)).constData(), &source);

        struct
        {
            iphdr ip;
            tcphdr tcp;
        } packet {};
        packet.tcp.source = htons(quint16(40000 + i));
        packet.tcp.dest = htons(server.port);
        packet.tcp.seq = htonl(quint32(1000 + i));
        packet.tcp.doff = 5;
        packet.tcp.syn = 1;
        packet.tcp.window = htons(65535);
        struct
        {
            in_addr source, destination;
            quint8 zero, protocol;
            quint16 length;
        } pseudo {source, destination, 0, IPPROTO_TCP, htons(sizeof(tcphdr))};
        quint32 partial = 0;
        const auto pseudoBytes = reinterpret_cast<const quint8 *>(&pseudo);
        for (std::size_t b = 0; b < sizeof(pseudo); b += 2)
            partial += quint32(pseudoBytes[b] << 8 | pseudoBytes[b + 1]);
        packet.tcp.check = htons(checksum(&packet.tcp, sizeof(tcphdr), partial));

        packet.ip.version = 4;
        packet.ip.ihl = 5;
        packet.ip.tot_len = htons(sizeof(packet));
        packet.ip.id = htons(quint16(i));
        packet.ip.ttl = 64;
        packet.ip.protocol = IPPROTO_TCP;
        packet.ip.saddr = source.s_addr;
        packet.ip.daddr = destination.s_addr;

        sockaddr_in to {};
        to.sin_family = AF_INET;
        to.sin_addr = destination;
        if (sendto(fd, &packet, sizeof(packet), 0, reinterpret_cast<sockaddr *>(&to), sizeof(to)) != sizeof(packet))
            ok = fail(QStringLiteral("sending a raw SYN"));
    }
    close(fd);
    return ok;
}

bool SocketPopulation::unansweredConnects(const Endpoint &destination, int count)
{
    for (int i = 0; i < count; ++i) {
        const int fd = socket(destination.family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0)
            return fail(QStringLiteral("socket"));
        m_held.push_back(fd);
        sockaddr_storage address;
        const socklen_t length = toSockaddr(destination, &address);
        if (::connect(fd, reinterpret_cast<sockaddr *>(&address), length) == 0 || errno != EINPROGRESS)
            return fail(QStringLiteral("connect was expected to stay in progress"));
    }
    return true;
}

bool SocketPopulation::commandLinePopulation()
{
    const Endpoint v4 {AF_INET, "127.0.0.1", 9000};
    const Endpoint v6 {AF_INET6, "::1", 9443};
    return listen(v4) && listen(v6) && closedConnections(v4, 12, CloseOrder::ClientFirst)
        && closedConnections(v4, 9, CloseOrder::ServerFirst) && closedConnections(v6, 6, CloseOrder::ServerFirst)
        && establishedPairs(v4, 2) && establishedPairs(v6, 1);
}
