#include "httpscrape.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/fsuid.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <strings.h>

namespace HttpScrape {

std::string Reply::header(const std::string &name) const
{
    std::istringstream lines(headers);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.size() > name.size() && strncasecmp(line.c_str(), name.c_str(), name.size()) == 0 && line[name.size()] == ':') {
            std::string value = line.substr(name.size() + 1);
            while (!value.empty() && (value.front() == ' '))
                value.erase(0, 1);
            while (!value.empty() && (value.back() == '\r' || value.back() == ' '))
                value.pop_back();
            return value;
        }
    }
    return std::string();
}

void closeWithoutTimeWait(int fd)
{
    const linger reset {1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    ::close(fd);
}

namespace {

// Binds to `source` when it is set, connects to `destination`; closes `fd` and gives -1 on failure.
int bindAndConnect(int fd, const sockaddr *source, const sockaddr *destination, socklen_t length)
{
    if (fd < 0)
        return -1;
    if ((source && ::bind(fd, source, length) != 0) || ::connect(fd, destination, length) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

int connectFromSocket(int fd, std::uint32_t source, std::uint32_t destination, std::uint16_t port)
{
    sockaddr_in from {};
    from.sin_family = AF_INET;
    from.sin_addr.s_addr = htonl(source);
    sockaddr_in to {};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(destination);
    return bindAndConnect(fd, source != INADDR_ANY ? reinterpret_cast<sockaddr *>(&from) : nullptr,
                          reinterpret_cast<sockaddr *>(&to), sizeof to);
}

}

int connectFrom(std::uint32_t source, std::uint32_t destination, std::uint16_t port)
{
    return connectFromSocket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), source, destination, port);
}

int connectFromAs(unsigned uid, std::uint32_t source, std::uint32_t destination, std::uint16_t port, const char *device)
{
    // setfsuid() is per thread (glibc does not pass it to the other threads), and a socket's
    // owner is the fsuid of the thread that created it (sock_alloc).
    const unsigned previous = unsigned(::setfsuid(uid));
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    ::setfsuid(previous);
    if (fd >= 0 && device && ::setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, device, socklen_t(std::strlen(device))) != 0) {
        ::close(fd);
        return -1;
    }
    return connectFromSocket(fd, source, destination, port);
}

namespace {

int connectFrom6Socket(int fd, const std::string &source, const std::string &destination, std::uint16_t port)
{
    sockaddr_in6 from {};
    from.sin6_family = AF_INET6;
    sockaddr_in6 to {};
    to.sin6_family = AF_INET6;
    to.sin6_port = htons(port);
    if ((!source.empty() && ::inet_pton(AF_INET6, source.c_str(), &from.sin6_addr) != 1)
        || ::inet_pton(AF_INET6, destination.c_str(), &to.sin6_addr) != 1) {
        if (fd >= 0)
            ::close(fd);
        return -1;
    }
    return bindAndConnect(fd, source.empty() ? nullptr : reinterpret_cast<sockaddr *>(&from), reinterpret_cast<sockaddr *>(&to),
                          sizeof to);
}

}

int connectFrom6(const std::string &source, const std::string &destination, std::uint16_t port)
{
    return connectFrom6Socket(::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0), source, destination, port);
}

int connectFrom6As(unsigned uid, const std::string &source, const std::string &destination, std::uint16_t port,
                   const char *device)
{
    const unsigned previous = unsigned(::setfsuid(uid));
    const int fd = ::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
    ::setfsuid(previous);
    const int on = 1;
    if (fd >= 0
        && (::setsockopt(fd, IPPROTO_IPV6, IPV6_FREEBIND, &on, sizeof on) != 0
            || ::setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, device, socklen_t(std::strlen(device))) != 0)) {
        ::close(fd);
        return -1;
    }
    return connectFrom6Socket(fd, source, destination, port);
}

Reply raw(std::uint16_t port, const std::string &request, int timeoutMs, std::uint32_t sourceAddress,
          std::uint32_t destinationAddress)
{
    Reply reply;
    const auto start = std::chrono::steady_clock::now();
    const auto elapsedMs = [&] {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    };
    const int fd = connectFrom(sourceAddress, destinationAddress, port);
    if (fd < 0) {
        reply.error = std::string("connect: ") + std::strerror(errno);
        return reply;
    }
    std::size_t sent = 0;
    while (sent < request.size()) {
        const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n <= 0)
            break; // the server may answer (431) and close before taking everything
        sent += std::size_t(n);
    }
    std::string answer;
    char buffer[65536];
    for (;;) {
        const int left = timeoutMs - int(elapsedMs());
        pollfd in {fd, POLLIN, 0};
        if (left <= 0 || ::poll(&in, 1, left) <= 0) {
            reply.error = "timed out";
            break;
        }
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            reply.error = std::string("recv: ") + std::strerror(errno);
            break;
        }
        if (n == 0)
            break;
        answer.append(buffer, std::size_t(n));
    }
    closeWithoutTimeWait(fd);
    reply.milliseconds = elapsedMs();
    const std::size_t end = answer.find("\r\n\r\n");
    if (answer.compare(0, 9, "HTTP/1.1 ") == 0 || answer.compare(0, 9, "HTTP/1.0 ") == 0)
        reply.status = std::atoi(answer.c_str() + 9);
    if (end != std::string::npos) {
        reply.headers = answer.substr(0, end + 2);
        reply.body = answer.substr(end + 4);
    }
    if (strcasecmp(reply.header("Transfer-Encoding").c_str(), "chunked") == 0) { // Prometheus's API answers so
        std::string body;
        std::size_t at = 0;
        for (;;) {
            const std::size_t lineEnd = reply.body.find("\r\n", at);
            const std::size_t size = lineEnd == std::string::npos ? 0 : std::strtoul(reply.body.c_str() + at, nullptr, 16);
            if (size == 0 || lineEnd + 2 + size > reply.body.size())
                break;
            body.append(reply.body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        reply.body = body;
    }
    return reply;
}

Reply get(std::uint16_t port, const std::string &path, const std::string &extraHeaders, int timeoutMs,
          std::uint32_t sourceAddress, std::uint32_t destinationAddress)
{
    return raw(port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extraHeaders + "\r\n", timeoutMs,
               sourceAddress, destinationAddress);
}

std::map<std::string, double> samples(const std::string &body)
{
    std::map<std::string, double> out;
    std::istringstream lines(body);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        const std::size_t space = line.rfind(' ');
        if (space == std::string::npos)
            continue;
        out[line.substr(0, space)] = std::strtod(line.c_str() + space + 1, nullptr);
    }
    return out;
}

namespace {
bool isSampleOf(const std::string &key, const std::string &name)
{
    return key.compare(0, name.size(), name) == 0 && (key.size() == name.size() || key[name.size()] == '{');
}
}

double sum(const std::map<std::string, double> &samples, const std::string &name, const std::string &labelFilter)
{
    double total = 0;
    for (const auto &[key, value] : samples) {
        if (isSampleOf(key, name) && (labelFilter.empty() || key.find(labelFilter) != std::string::npos))
            total += value;
    }
    return total;
}

int count(const std::map<std::string, double> &samples, const std::string &name)
{
    int n = 0;
    for (const auto &entry : samples)
        n += isSampleOf(entry.first, name) ? 1 : 0;
    return n;
}

}
