#include "core/lab/labload.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <deque>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <unordered_map>
#include <vector>

#ifndef IP_BIND_ADDRESS_NO_PORT
#define IP_BIND_ADDRESS_NO_PORT 24
#endif

namespace {

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

constexpr char Answer[] = "HTTP/1.0 200 OK lab\n";

}

struct LabLoad::Connection
{
    enum class Phase { Connecting, Sending, Reading, WaitingForEnd, Idle, Serving, Held };
    bool client = true;
    Phase phase = Phase::Connecting;
    int toSend = 0; // request bytes still to write
    std::int64_t sinceMs = 0; // when the current exchange began
};

// The thread's state: connections by descriptor, the pool of idle keep-alive connections, the
// server's held ones, and the counters it copies out each turn.
class LabLoad::Loop
{
public:
    Loop(LabLoad &owner, int listener)
        : m_owner(owner)
        , m_listener(listener)
        , m_epoll(::epoll_create1(EPOLL_CLOEXEC))
    {
    }
    ~Loop()
    {
        for (const auto &entry : m_connections)
            ::close(entry.first);
        ::close(m_epoll);
    }

    void run()
    {
        std::uint64_t generation = ~std::uint64_t(0);
        std::int64_t last = nowMs();
        double connectDue = 0, acceptDue = 0;
        std::int64_t lastSweep = last;
        epoll_event events[256];
        while (!m_owner.m_stop.load()) {
            bool relisten = false;
            {
                std::lock_guard<std::mutex> lock(m_owner.m_mutex);
                if (generation != m_owner.m_generation) {
                    generation = m_owner.m_generation;
                    m_settings = m_owner.m_settings;
                    settingsChanged();
                }
                relisten = m_owner.m_relisten;
                m_owner.m_relisten = false;
                m_owner.m_figures = m_figures;
            }
            if (relisten && ::listen(m_listener, m_settings.backlog) != 0)
                m_figures.listenError = errno;
            const int ready = ::epoll_wait(m_epoll, events, 256, 5);
            for (int i = 0; i < ready; ++i)
                handle(events[i].data.fd, events[i].events);
            const std::int64_t now = nowMs();
            const double seconds = double(now - last) / 1000.0;
            last = now;
            if (m_settings.running) {
                // At most a tenth of a second's worth at once: a stall is not made up for in a burst.
                connectDue = std::min(connectDue + m_settings.ratePerSecond * seconds, 1.0 + m_settings.ratePerSecond / 10.0);
                while (connectDue >= 1.0) {
                    connectDue -= 1.0;
                    if (!startExchange(now))
                        connectDue = std::min(connectDue, 1.0);
                }
            }
            if (m_settings.acceptPerSecond > 0) {
                acceptDue = std::min(acceptDue + m_settings.acceptPerSecond * seconds, 1.0 + m_settings.acceptPerSecond / 10.0);
                while (acceptDue >= 1.0 && acceptOne())
                    acceptDue -= 1.0;
            }
            if (now - lastSweep >= 100) {
                lastSweep = now;
                sweep(now);
            }
        }
    }

private:
    void settingsChanged()
    {
        // A paced server accepts on its own clock, not when the listener is readable.
        const bool paced = m_settings.acceptPerSecond > 0;
        if (paced == m_listenerWatched) {
            epoll_event event {};
            event.events = EPOLLIN;
            event.data.fd = m_listener;
            ::epoll_ctl(m_epoll, paced ? EPOLL_CTL_DEL : EPOLL_CTL_ADD, m_listener, &event);
            m_listenerWatched = !paced;
        }
        if (!m_settings.keepAlive || !m_settings.running) {
            const std::deque<int> idle = m_idle;
            for (const int fd : idle)
                closeConnection(fd);
        }
        if (m_settings.closer != LabLoadSettings::Closer::Never) {
            const std::deque<int> held = m_held;
            for (const int fd : held)
                closeConnection(fd);
        }
    }

    void watch(int fd, std::uint32_t events, bool add)
    {
        epoll_event event {};
        event.events = events;
        event.data.fd = fd;
        ::epoll_ctl(m_epoll, add ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, fd, &event);
    }

    void closeConnection(int fd)
    {
        const auto found = m_connections.find(fd);
        if (found == m_connections.end())
            return;
        (found->second.client ? m_figures.clientsOpen : m_figures.serverOpen)--;
        // Descriptors are reused at once: none may stay listed as idle or held.
        if (found->second.phase == Connection::Phase::Idle)
            m_idle.erase(std::find(m_idle.begin(), m_idle.end(), fd));
        if (found->second.phase == Connection::Phase::Held) {
            --m_figures.held;
            m_held.erase(std::find(m_held.begin(), m_held.end(), fd));
        }
        m_connections.erase(found);
        ::close(fd); // also leaves the epoll set
    }

    // One request: on an idle pooled connection with keep-alive, else on a new connection.
    bool startExchange(std::int64_t now)
    {
        if (m_settings.keepAlive && !m_idle.empty()) {
            const int fd = m_idle.front();
            m_idle.pop_front();
            Connection &connection = m_connections[fd];
            connection.phase = Connection::Phase::Sending;
            connection.toSend = m_settings.requestBytes;
            connection.sinceMs = now;
            send(fd, connection);
            return true;
        }
        if (m_figures.clientsOpen >= m_settings.concurrency)
            return false;
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            ++m_figures.connectErrors[errno];
            return false;
        }
        if (m_settings.sourceAddresses > 1 || m_settings.bindAddressNoPort) {
            const int on = 1;
            if (m_settings.bindAddressNoPort)
                ::setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &on, sizeof on);
            sockaddr_in source {};
            source.sin_family = AF_INET;
            source.sin_addr.s_addr = m_settings.sourceAddress(m_nextSource++ % m_settings.sourceAddresses);
            if (::bind(fd, reinterpret_cast<sockaddr *>(&source), sizeof source) != 0) {
                ++m_figures.bindErrors[errno];
                ::close(fd);
                return false;
            }
        }
        sockaddr_in target {};
        target.sin_family = AF_INET;
        target.sin_port = htons(LabLoadSettings::ServerPort);
        target.sin_addr.s_addr = m_settings.targetAddress();
        ++m_figures.attempts;
        if (::connect(fd, reinterpret_cast<sockaddr *>(&target), sizeof target) != 0 && errno != EINPROGRESS) {
            ++m_figures.connectErrors[errno];
            ::close(fd);
            return true; // the attempt was made: it failed
        }
        Connection connection;
        connection.toSend = m_settings.requestBytes;
        connection.sinceMs = now;
        m_connections[fd] = connection;
        ++m_figures.clientsOpen;
        watch(fd, EPOLLOUT, true);
        return true;
    }

    bool acceptOne()
    {
        const int fd = ::accept4(m_listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return false;
        Connection connection;
        connection.client = false;
        connection.phase = Connection::Phase::Serving;
        m_connections[fd] = connection;
        ++m_figures.serverOpen;
        ++m_figures.accepted;
        watch(fd, EPOLLIN, true);
        return true;
    }

    void handle(int fd, std::uint32_t events)
    {
        if (fd == m_listener) {
            while (acceptOne()) {
            }
            return;
        }
        const auto found = m_connections.find(fd);
        if (found == m_connections.end())
            return;
        Connection &connection = found->second;
        if (connection.client)
            clientEvent(fd, connection, events);
        else
            serverEvent(fd, connection);
    }

    void send(int fd, Connection &connection)
    {
        char buffer[4096];
        while (connection.toSend > 0) {
            const int chunk = std::min<int>(connection.toSend, sizeof buffer);
            std::memset(buffer, 'x', std::size_t(chunk));
            if (chunk == connection.toSend)
                buffer[chunk - 1] = '\n';
            const ssize_t sent = ::send(fd, buffer, std::size_t(chunk), MSG_NOSIGNAL);
            if (sent < 0 && errno == EAGAIN) {
                watch(fd, EPOLLOUT, false);
                return;
            }
            if (sent <= 0) {
                closeConnection(fd);
                return;
            }
            connection.toSend -= int(sent);
        }
        connection.phase = Connection::Phase::Reading;
        watch(fd, EPOLLIN, false);
    }

    void clientEvent(int fd, Connection &connection, std::uint32_t events)
    {
        if (connection.phase == Connection::Phase::Connecting) {
            int error = 0;
            socklen_t length = sizeof error;
            ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
            if (error != 0 || (events & EPOLLERR)) {
                ++m_figures.connectErrors[error ? error : ECONNRESET];
                closeConnection(fd);
                return;
            }
            ++m_figures.connected;
            tcp_info info {};
            socklen_t infoLength = sizeof info;
            if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &infoLength) == 0 && (info.tcpi_options & TCPI_OPT_TIMESTAMPS))
                ++m_figures.connectedWithTimestamps;
            connection.phase = Connection::Phase::Sending;
        }
        if (connection.phase == Connection::Phase::Sending) {
            send(fd, connection);
            return;
        }
        char buffer[4096];
        const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
        if (got < 0 && errno == EAGAIN)
            return;
        if (got <= 0) {
            closeConnection(fd); // the server closed first (its TIME-WAIT), or an error
            return;
        }
        if (connection.phase != Connection::Phase::Reading || !std::memchr(buffer, '\n', std::size_t(got)))
            return;
        ++m_figures.completed;
        if (m_settings.keepAlive && m_settings.running) {
            connection.phase = Connection::Phase::Idle;
            m_idle.push_back(fd);
        } else if (m_settings.closer == LabLoadSettings::Closer::Server) {
            connection.phase = Connection::Phase::WaitingForEnd;
        } else {
            closeConnection(fd); // the client closes first: TIME-WAIT (or FIN-WAIT-2) here
        }
    }

    void serverEvent(int fd, Connection &connection)
    {
        char buffer[4096];
        const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
        if (got < 0 && errno == EAGAIN)
            return;
        if (got <= 0) {
            if (m_settings.closer == LabLoadSettings::Closer::Never) {
                hold(fd, connection); // the peer that never closes: CLOSE-WAIT here, FIN-WAIT-2 there
                return;
            }
            closeConnection(fd);
            return;
        }
        const char *end = buffer + got;
        for (const char *at = buffer; (at = static_cast<const char *>(std::memchr(at, '\n', std::size_t(end - at)))); ++at) {
            if (::send(fd, Answer, sizeof Answer - 1, MSG_NOSIGNAL) <= 0) {
                closeConnection(fd);
                return;
            }
            if (!m_settings.keepAlive && m_settings.closer == LabLoadSettings::Closer::Server) {
                closeConnection(fd); // the server closes first: TIME-WAIT on its port 8080
                return;
            }
        }
    }

    void hold(int fd, Connection &connection)
    {
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
        if (connection.phase == Connection::Phase::Held)
            return;
        connection.phase = Connection::Phase::Held;
        ++m_figures.held;
        m_held.push_back(fd);
        while (int(m_held.size()) > MaximumHeld)
            closeConnection(m_held.front());
    }

    void sweep(std::int64_t now)
    {
        std::vector<int> late;
        for (const auto &entry : m_connections) {
            const Connection &c = entry.second;
            if (c.client && c.phase != Connection::Phase::Idle && now - c.sinceMs > TimeoutMs)
                late.push_back(entry.first);
        }
        for (const int fd : late) {
            ++m_figures.timeouts;
            closeConnection(fd);
        }
    }

    LabLoad &m_owner;
    int m_listener;
    int m_epoll;
    bool m_listenerWatched = false;
    LabLoadSettings m_settings;
    Figures m_figures;
    std::unordered_map<int, Connection> m_connections;
    std::deque<int> m_idle;
    std::deque<int> m_held;
    unsigned m_nextSource = 0;
};

LabLoad::~LabLoad()
{
    stop();
}

bool LabLoad::listen(const LabLoadSettings &settings, CoreMessage *error)
{
    // Every descriptor the host allows this process (a lab holds thousands of connections).
    rlimit files {};
    if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &files);
    }
    m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int on = 1;
    sockaddr_in any {};
    any.sin_family = AF_INET;
    any.sin_port = htons(LabLoadSettings::ServerPort);
    if (m_listener < 0 || ::setsockopt(m_listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0
        || ::bind(m_listener, reinterpret_cast<sockaddr *>(&any), sizeof any) != 0
        || ::listen(m_listener, settings.backlog) != 0) {
        *error = {CoreMessageCode::LabNamespaceFailed, {"listen 0.0.0.0:8080", std::strerror(errno)}};
        if (m_listener >= 0)
            ::close(m_listener);
        m_listener = -1;
        return false;
    }
    m_settings = settings;
    ++m_generation;
    return true;
}

void LabLoad::startThread()
{
    if (!m_thread.joinable() && m_listener >= 0)
        m_thread = std::thread([this] { run(); });
}

void LabLoad::run()
{
    Loop loop(*this, m_listener);
    loop.run();
}

void LabLoad::stop()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
    if (m_listener >= 0)
        ::close(m_listener);
    m_listener = -1;
}

void LabLoad::setSettings(const LabLoadSettings &settings)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    // A new backlog takes effect with listen(), as in a real server restarted with it.
    m_relisten = m_relisten || settings.backlog != m_settings.backlog;
    m_settings = settings;
    ++m_generation;
}

LabLoadSettings LabLoad::settings() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_settings;
}

void LabLoad::relisten()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_relisten = true;
}

LabLoad::Figures LabLoad::figures() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_figures;
}
