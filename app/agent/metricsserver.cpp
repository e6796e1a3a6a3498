#include "metricsserver.h"

#include "core/metrics/contentnegotiation.h"
#include "core/collect/coremessage.h"
#include "core/metrics/expositionwriter.h"

#include <microhttpd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace {

constexpr const char *LandingPage =
    "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>sockscope-agent</title></head>\n"
    "<body><h1>sockscope-agent</h1>\n<p>TCP sockets, TIME-WAIT per port, ephemeral-port pressure and "
    "tw_sock_TCP slab memory for Prometheus: <a href=\"/metrics\">/metrics</a>.</p></body></html>\n";

// What one request needs between libmicrohttpd's calls of the access handler.
struct Request
{
    bool openMetrics = false;
    bool suspended = false;
    bool answered = false; // the collecting thread delivered (result may be null: shutting down)
    SharedCollection::Result result;
};

MHD_Result queueText(MHD_Connection *connection, unsigned status, const std::string &body, const char *contentType,
                     const char *allow = nullptr)
{
    MHD_Response *response = MHD_create_response_from_buffer(body.size(), const_cast<char *>(body.data()), MHD_RESPMEM_MUST_COPY);
    if (!response)
        return MHD_NO;
    MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, contentType);
    if (allow)
        MHD_add_response_header(response, MHD_HTTP_HEADER_ALLOW, allow);
    const MHD_Result queued = MHD_queue_response(connection, status, response);
    MHD_destroy_response(response);
    return queued;
}

MHD_Result queueError(MHD_Connection *connection, unsigned status, const char *text, const char *allow = nullptr)
{
    return queueText(connection, status, std::string(text) + '\n', "text/plain; charset=utf-8", allow);
}

MHD_Result onRequest(void *server, MHD_Connection *connection, const char *url, const char *method, const char *, const char *,
                     std::size_t *uploadSize, void **request)
{
    return MHD_Result(static_cast<MetricsServer *>(server)->answer(connection, url, method, uploadSize, request));
}

void onCompleted(void *server, MHD_Connection *connection, void **request, MHD_RequestTerminationCode)
{
    static_cast<MetricsServer *>(server)->requestDone(connection, request);
}

// An address's bytes (IPv4 for an IPv4-mapped IPv6 address), with its family's mark.
std::string addressBytes(const sockaddr *address)
{
    if (address->sa_family == AF_INET) {
        const auto *in = reinterpret_cast<const sockaddr_in *>(address);
        return "4" + std::string(reinterpret_cast<const char *>(&in->sin_addr), sizeof in->sin_addr);
    }
    if (address->sa_family == AF_INET6) {
        const in6_addr &in6 = reinterpret_cast<const sockaddr_in6 *>(address)->sin6_addr;
        if (IN6_IS_ADDR_V4MAPPED(&in6))
            return "4" + std::string(reinterpret_cast<const char *>(in6.s6_addr + 12), 4);
        return "6" + std::string(reinterpret_cast<const char *>(in6.s6_addr), 16);
    }
    return {};
}

// The key a remote client is counted under: its IPv4 address, or its IPv6 /64 (the smallest
// prefix a host is given: counting single IPv6 addresses would give one host 2^64 allowances);
// empty for a family not served.
std::string addressKey(const sockaddr *address)
{
    std::string bytes = addressBytes(address);
    if (bytes.size() == 1 + 16) {
        bytes.resize(1 + 8); // an IPv6 address's /64
        // fe80::/64 is every link's: a link-local client is its link's (the interface index).
        const auto *in6 = reinterpret_cast<const sockaddr_in6 *>(address);
        if (IN6_IS_ADDR_LINKLOCAL(&in6->sin6_addr))
            bytes += "%" + std::to_string(in6->sin6_scope_id);
    }
    return bytes;
}

// The key of a remote client's network: its IPv4 /24, its IPv6 /48, or its link for a link-local one.
std::string networkKey(const sockaddr *address)
{
    std::string bytes = addressBytes(address);
    const bool linkLocal =
        bytes.size() == 1 + 16 && IN6_IS_ADDR_LINKLOCAL(&reinterpret_cast<const sockaddr_in6 *>(address)->sin6_addr);
    bytes.resize(bytes.size() == 1 + 16 ? 1 + 6 : 1 + 3);
    if (linkLocal)
        bytes += "%" + std::to_string(reinterpret_cast<const sockaddr_in6 *>(address)->sin6_scope_id);
    return "n" + bytes;
}

void onConnection(void *server, MHD_Connection *connection, void **, MHD_ConnectionNotificationCode code)
{
    static_cast<MetricsServer *>(server)->connectionEvent(connection, code == MHD_CONNECTION_NOTIFY_STARTED);
}

}

MetricsServer::MetricsServer(SharedCollection &collection)
    : m_collection(collection)
{
}

MetricsServer::~MetricsServer()
{
    stop();
}

bool MetricsServer::start(const ListenAddress &address, std::string *error)
{
    // The listening socket is ours, so a bind failure is told with its errno and the address.
    m_listenFd = ::socket(address.family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    const int on = 1;
    if (m_listenFd < 0 || ::setsockopt(m_listenFd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0
        || (address.family == AF_INET6 && ::setsockopt(m_listenFd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on) != 0)
        || ::bind(m_listenFd, reinterpret_cast<const sockaddr *>(&address.address), address.length) != 0
        || ::listen(m_listenFd, SOMAXCONN) != 0) {
        *error = "cannot listen on " + address.toString() + ": " + errnoText(errno);
        if (m_listenFd >= 0)
            ::close(m_listenFd);
        m_listenFd = -1;
        return false;
    }
    const unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME
        | (address.family == AF_INET6 ? MHD_USE_IPv6 : 0);
    // The per-client limit is ours (connectionEvent()), not MHD_OPTION_PER_IP_CONNECTION_LIMIT,
    // which would count every local user as one; it is applied when a connection starts, not in an
    // accept policy, which is not told the local address that finding a local client's socket
    // needs. The daemon's timeout is the short one for a request head still
    // coming; answer() lengthens it once the head is in.
    m_daemon =
        MHD_start_daemon(flags, 0, nullptr, nullptr, &onRequest, this, MHD_OPTION_LISTEN_SOCKET, m_listenFd,
                         MHD_OPTION_CONNECTION_MEMORY_LIMIT, ConnectionMemory, MHD_OPTION_CONNECTION_LIMIT, ConnectionLimit,
                         MHD_OPTION_CONNECTION_TIMEOUT, HeadSeconds, MHD_OPTION_STRICT_FOR_CLIENT, 1, MHD_OPTION_NOTIFY_COMPLETED,
                         &onCompleted, this, MHD_OPTION_NOTIFY_CONNECTION, &onConnection, this, MHD_OPTION_END);
    if (!m_daemon) {
        *error = "cannot start the HTTP server on " + address.toString() + ".";
        ::close(m_listenFd);
        m_listenFd = -1;
        return false;
    }
    m_watchdog = std::thread([this] { watchdog(); });
    return true;
}

void MetricsServer::stop()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_watchdog.joinable())
        m_watchdog.join();
    if (m_daemon) {
        MHD_stop_daemon(m_daemon);
        m_daemon = nullptr;
    }
    if (m_listenFd >= 0) {
        ::close(m_listenFd); // MHD_OPTION_LISTEN_SOCKET: the daemon leaves it to us
        m_listenFd = -1;
    }
}

int MetricsServer::answer(MHD_Connection *connection, const char *url, const char *method, std::size_t *uploadSize,
                          void **context)
{
    auto *request = static_cast<Request *>(*context);
    if (!request) {
        // The first call: the request line and headers are in, so the connection has the idle
        // timeout from here on.
        MHD_set_connection_option(connection, MHD_CONNECTION_OPTION_TIMEOUT, IdleSeconds);
        const bool get = std::strcmp(method, MHD_HTTP_METHOD_GET) == 0;
        if (!get && std::strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
            return queueError(connection, MHD_HTTP_METHOD_NOT_ALLOWED, "Only GET and HEAD are served.", "GET, HEAD");
        // A body is refused before it is read: answered 400, then the connection closes (the
        // unread body cannot be told from a next request).
        const char *length = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if ((length && std::strcmp(length, "0") != 0)
            || MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING))
            return queueError(connection, MHD_HTTP_BAD_REQUEST, "A request to sockscope-agent has no body.");
        if (std::strcmp(url, "/") == 0)
            return queueText(connection, MHD_HTTP_OK, LandingPage, "text/html; charset=utf-8");
        if (std::strcmp(url, "/metrics") != 0)
            return queueError(connection, MHD_HTTP_NOT_FOUND, "Not found: the metrics are at /metrics.");
        request = new Request;
        {
            // The head is in: the request has its time to be answered.
            std::lock_guard<std::mutex> lock(m_mutex);
            const auto found = m_deadlines.find(connection);
            if (found != m_deadlines.end())
                found->second = std::chrono::steady_clock::now() + RequestLimit;
        }
        const char *accept = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT);
        request->openMetrics = accept && ContentNegotiation::prefersOpenMetrics(accept);
        *context = request;
        return MHD_YES;
    }
    if (*uploadSize != 0) {
        *uploadSize = 0;
        return queueError(connection, MHD_HTTP_BAD_REQUEST, "A request for /metrics has no body.");
    }
    // m_mutex is held from asking to suspending: the collecting thread, which delivers under it,
    // can only resume a connection that is already suspended.
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!request->answered) {
        if (request->suspended) // resumed without an answer (not expected): wait for it
            return MHD_YES;
        SharedCollection::Answer answer =
            m_collection.latestOr([this, connection, request](const SharedCollection::Result &next) {
                {
                    std::lock_guard<std::mutex> delivered(m_mutex);
                    request->result = next;
                    request->answered = true;
                }
                MHD_resume_connection(connection);
            });
        if (answer.waiting) {
            request->suspended = true;
            MHD_suspend_connection(connection);
            return MHD_YES;
        }
        request->result = std::move(answer.now); // null while shutting down: a 503 below
        request->answered = true;
    }
    if (!request->result)
        return queueError(connection, MHD_HTTP_SERVICE_UNAVAILABLE, "The exporter is shutting down.");
    const ExpositionWriter::Format format =
        request->openMetrics ? ExpositionWriter::Format::OpenMetrics : ExpositionWriter::Format::Prometheus;
    return queueText(connection, MHD_HTTP_OK, request->openMetrics ? request->result->openMetrics : request->result->text,
                     ExpositionWriter::contentType(format));
}

void MetricsServer::requestDone(MHD_Connection *connection, void **context)
{
    delete static_cast<Request *>(*context);
    *context = nullptr;
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto found = m_deadlines.find(connection);
    if (found != m_deadlines.end())
        found->second = std::chrono::steady_clock::now() + RequestLimit;
}

MetricsServer::Client MetricsServer::clientOf(MHD_Connection *connection, int fd)
{
    const MHD_ConnectionInfo *peerInfo = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!peerInfo || !peerInfo->client_addr)
        return {"?", {}, false, false};
    // The length is the family's: libmicrohttpd keeps the address accept() gave.
    const sockaddr *peer = peerInfo->client_addr;
    const socklen_t length = peer->sa_family == AF_INET6 ? socklen_t(sizeof(sockaddr_in6)) : socklen_t(sizeof(sockaddr_in));
    sockaddr_storage local {};
    socklen_t localLength = sizeof local;
    const PeerSocketLookup::Peer found = ::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &localLength) == 0
        ? m_peers.find(peer, reinterpret_cast<const sockaddr *>(&local))
        : PeerSocketLookup::Peer {};
    switch (found.kind) {
    case PeerSocketLookup::Peer::Kind::Owned: {
        const bool trusted = found.uid == 0 || found.uid == ::geteuid();
        m_subordinateIds.refresh();
        const std::string &owner = m_subordinateIds.ownerOf(found.uid);
        if (!owner.empty())
            return {"s" + owner, {}, false, trusted};
        if (found.uid > 0xffff && !trusted)
            return {"b" + std::to_string(found.uid >> 16), "high uids", false, false};
        return {"u" + std::to_string(found.uid), {}, false, trusted};
    }
    case PeerSocketLookup::Peer::Kind::Orphaned:
    case PeerSocketLookup::Peer::Kind::ThisHost: return {"local", {}, false, false};
    case PeerSocketLookup::Peer::Kind::Elsewhere: break;
    }
    if (isLoopback(peer, length)) // a lookup that failed: never counted as its own 127.x address
        return {"local", {}, false, false};
    return {addressKey(peer), networkKey(peer), true, false};
}

bool MetricsServer::admits(const Client &client) const
{
    const auto holds = [this](const std::string &key) {
        const auto found = m_connectionsFrom.find(key);
        return found == m_connectionsFrom.end() ? 0u : found->second;
    };
    if (holds(client.key) >= ConnectionsPerClient)
        return false;
    if (!client.trusted && m_untrustedConnections >= ConnectionLimit - ReservedForTrusted)
        return false;
    if (!client.group.empty() && holds(client.group) >= (client.remote ? ConnectionsPerRemoteNetwork : ConnectionsOfHighUids))
        return false;
    return !client.remote || m_remoteConnections < RemoteConnections;
}

void MetricsServer::connectionEvent(MHD_Connection *connection, bool opened)
{
    if (opened) {
        const MHD_ConnectionInfo *fdInfo = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
        if (!fdInfo)
            return;
        const int fd = fdInfo->connect_fd;
        const Client client = clientOf(connection, fd);
        std::lock_guard<std::mutex> lock(m_mutex);
        if (!admits(client)) {
            // Over its share: closed before it is read (libmicrohttpd sees the end and closes it).
            ::shutdown(fd, SHUT_RDWR);
            return;
        }
        ++m_connectionsFrom[client.key];
        if (!client.group.empty())
            ++m_connectionsFrom[client.group];
        if (client.remote)
            ++m_remoteConnections;
        if (!client.trusted)
            ++m_untrustedConnections;
        m_countedClient[connection] = client;
        m_deadlines[connection] = std::chrono::steady_clock::now() + HeadLimit;
        return;
    }
    std::lock_guard<std::mutex> lock(m_mutex);
    m_deadlines.erase(connection); // before libmicrohttpd closes its descriptor
    const auto counted = m_countedClient.find(connection);
    if (counted == m_countedClient.end())
        return;
    const auto release = [this](const std::string &key) {
        const auto count = m_connectionsFrom.find(key);
        if (count != m_connectionsFrom.end() && --count->second == 0)
            m_connectionsFrom.erase(count);
    };
    release(counted->second.key);
    if (!counted->second.group.empty())
        release(counted->second.group);
    if (counted->second.remote)
        --m_remoteConnections;
    if (!counted->second.trusted)
        --m_untrustedConnections;
    m_countedClient.erase(counted);
}

// 127.0.0.0/8, ::1 and ::ffff:127.0.0.0/104.
bool MetricsServer::isLoopback(const sockaddr *address, unsigned length)
{
    if (address->sa_family == AF_INET && length >= sizeof(sockaddr_in))
        return (ntohl(reinterpret_cast<const sockaddr_in *>(address)->sin_addr.s_addr) >> 24) == 127;
    if (address->sa_family == AF_INET6 && length >= sizeof(sockaddr_in6)) {
        const in6_addr &in6 = reinterpret_cast<const sockaddr_in6 *>(address)->sin6_addr;
        return IN6_IS_ADDR_LOOPBACK(&in6) || (IN6_IS_ADDR_V4MAPPED(&in6) && in6.s6_addr[12] == 127);
    }
    return false;
}

void MetricsServer::watchdog()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    while (!m_stopping) {
        m_wake.wait_for(lock, std::chrono::milliseconds(500));
        const auto now = std::chrono::steady_clock::now();
        for (auto &[connection, deadline] : m_deadlines) {
            if (now < deadline)
                continue;
            // shutdown(), not close(): libmicrohttpd sees the end and closes the connection
            // itself. The descriptor is still its own: it is removed from this list (under this
            // lock) before it is closed.
            const MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
            if (info)
                ::shutdown(info->connect_fd, SHUT_RDWR);
            deadline = now + RequestLimit;
        }
    }
}
