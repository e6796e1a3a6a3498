#include "ownedsockets.h"

#include "core/collect/sockdiagcollector.h"

#include <QTest>

#include <arpa/inet.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <thread>

void Child::send() const
{
    const char c = 'x';
    QCOMPARE(::write(out, &c, 1), ssize_t(1));
}

bool Child::receive() const
{
    char c = 0;
    return ::read(in, &c, 1) == 1;
}

void Child::reap()
{
    if (pid > 0)
        ::waitpid(pid, nullptr, 0);
    ::close(in);
    ::close(out);
    pid = -1;
}

Child spawn(const char *name, const std::function<void(int commands, int answers)> &body)
{
    int toChild[2], fromChild[2];
    if (::pipe(toChild) != 0 || ::pipe(fromChild) != 0)
        return Child();
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::prctl(PR_SET_NAME, name);
        ::close(toChild[1]);
        ::close(fromChild[0]);
        body(toChild[0], fromChild[1]);
        ::_exit(0);
    }
    ::close(toChild[0]);
    ::close(fromChild[1]);
    return Child {pid, fromChild[0], toChild[1]};
}

void say(int fd)
{
    const char c = 'x';
    (void)!::write(fd, &c, 1);
}

void hear(int fd)
{
    char c;
    (void)!::read(fd, &c, 1);
}

sockaddr_in loopback(quint16 port)
{
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

int listenOn(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    const sockaddr_in address = loopback(port);
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0 || ::listen(fd, 64) != 0)
        return -1;
    return fd;
}

int connectTo(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const sockaddr_in address = loopback(port);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0)
        return -1;
    return fd;
}

void waitForEof(int fd)
{
    char buffer[64];
    while (::read(fd, buffer, sizeof buffer) > 0) {
    }
}

bool waitForTimeWait(int count, const std::function<bool(const SocketRecord &)> &which)
{
    SockDiagCollector diag;
    for (int attempt = 0; attempt < 200; ++attempt) {
        std::vector<SocketRecord> records;
        diag.dump({}, records);
        const auto n = std::count_if(records.begin(), records.end(),
                                     [&](const SocketRecord &r) { return r.state == TcpState::TimeWait && which(r); });
        if (n == count)
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

Child closingServer(const char *name, quint16 port, int connections)
{
    return spawn(name, [port, connections](int commands, int answers) {
        const int listener = listenOn(port);
        say(answers);
        for (int i = 0; i < connections; ++i)
            ::close(::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC));
        hear(commands);
    });
}

void connectAndWaitForClose(quint16 port, int connections)
{
    for (int i = 0; i < connections; ++i) {
        const int fd = connectTo(port);
        QVERIFY(fd >= 0);
        waitForEof(fd);
        ::close(fd);
    }
}

// Accepts `connections` on `listener`, each served by a thread of `served` until its client
// closes (first: the TIME-WAIT is the client's).
std::thread serveClientsClosingFirst(int listener, int connections, std::vector<std::thread> &served)
{
    return std::thread([listener, connections, &served] {
        for (int i = 0; i < connections; ++i) {
            const int fd = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0)
                return; // the test ended early
            served.emplace_back([fd] {
                waitForEof(fd);
                ::close(fd);
            });
        }
    });
}

bool noTimeWaitTakeover()
{
    const int fd = ::open("/proc/sys/net/ipv4/tcp_tw_reuse", O_WRONLY | O_CLOEXEC);
    const bool written = fd >= 0 && ::write(fd, "0\n", 2) == 2;
    if (fd >= 0)
        ::close(fd);
    return written;
}
