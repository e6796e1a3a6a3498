#include "loadgenerator.h"

#include <QFile>

#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

constexpr quint16 FirstServerPort = 8000;
constexpr quint16 FirstClientPort = 10000;
constexpr int ClientPortsPerAddress = 16384; // 127.1.0.1, 127.1.1.1, ... each lends 16384 ports
constexpr quint16 FirstHolderPort = 7000;
constexpr int PairsPerHolder = 5000; // 10,000 descriptors: half the per-process limit

sockaddr_in address(quint32 hostOrder, quint16 port)
{
    sockaddr_in a {};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(hostOrder);
    a.sin_port = htons(port);
    return a;
}

int listenOn(quint16 port)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    const sockaddr_in a = address(INADDR_LOOPBACK, port);
    if (bind(fd, reinterpret_cast<const sockaddr *>(&a), sizeof(a)) != 0 || listen(fd, 4096) != 0) {
        std::perror("listen");
        _exit(3);
    }
    return fd;
}

// One connection that ends with the server's TIME-WAIT entry: the server closes first, the
// client sees the FIN as end of file and closes, its FIN moves the server into TIME-WAIT.
bool oneTimeWait(int listener, quint32 clientAddress, quint16 clientPort, quint16 serverPort)
{
    const int client = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int one = 1;
    setsockopt(client, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    const sockaddr_in local = address(clientAddress, clientPort);
    const sockaddr_in server = address(INADDR_LOOPBACK, serverPort);
    if (bind(client, reinterpret_cast<const sockaddr *>(&local), sizeof(local)) != 0
        || connect(client, reinterpret_cast<const sockaddr *>(&server), sizeof(server)) != 0) {
        close(client);
        return false;
    }
    const int accepted = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    if (accepted < 0) {
        close(client);
        return false;
    }
    close(accepted);
    char byte;
    const bool eof = recv(client, &byte, 1, 0) == 0;
    close(client);
    return eof;
}

[[noreturn]] void fillWorker(int worker, int workers, int count, int serverPorts)
{
    int made = 0;
    for (int p = worker; p < serverPorts; p += workers) {
        const quint16 serverPort = quint16(FirstServerPort + p);
        const int listener = listenOn(serverPort);
        const int perPort = count / serverPorts + (p < count % serverPorts ? 1 : 0);
        for (int i = 0; i < perPort; ++i) {
            // 127.1.<n>.1 with ports 10000..59999: distinct 4-tuples per server port.
            const quint32 clientAddress = (127u << 24) | (1u << 16) | (quint32(i / ClientPortsPerAddress) << 8) | 1u;
            const quint16 clientPort = quint16(FirstClientPort + i % ClientPortsPerAddress);
            if (!oneTimeWait(listener, clientAddress, clientPort, serverPort)) {
                std::fprintf(stderr, "worker %d: connection %d to port %u failed: %s\n", worker, i, serverPort,
                             std::strerror(errno));
                _exit(4);
            }
            ++made;
        }
        close(listener);
    }
    _exit(made > 0 || count == 0 ? 0 : 5);
}

}

[[noreturn]] static void churnWorker(int worker, int workers, int perSecond, int serverPorts)
{
    std::vector<int> listeners;
    std::vector<quint16> ports;
    for (int p = worker; p < serverPorts; p += workers) {
        ports.push_back(quint16(FirstServerPort + 16 + p)); // apart from fillTimeWait's ports
        listeners.push_back(listenOn(ports.back()));
    }
    // 4 source addresses × 50,000 ports per server port: a tuple comes back after > 60 s, once
    // its TIME-WAIT entry is gone.
    constexpr int Tuples = 4 * 50000;
    long long made = 0;
    timespec start {};
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        const std::size_t which = std::size_t(made % qint64(ports.size()));
        const int tuple = int((made / qint64(ports.size())) % Tuples);
        const quint32 clientAddress = (127u << 24) | (2u << 16) | (quint32(tuple / 50000) << 8) | 1u;
        const quint16 clientPort = quint16(FirstClientPort + tuple % 50000);
        oneTimeWait(listeners[which], clientAddress, clientPort, ports[which]);
        ++made;
        // Pace to the rate: sleep when ahead of it.
        timespec now {};
        clock_gettime(CLOCK_MONOTONIC, &now);
        const double elapsed = double(now.tv_sec - start.tv_sec) + double(now.tv_nsec - start.tv_nsec) / 1e9;
        const double ahead = double(made) / perSecond - elapsed;
        if (ahead > 0.002)
            usleep(useconds_t(ahead * 1e6));
    }
}

LoadGenerator::~LoadGenerator()
{
    for (pid_t pid : m_churners) {
        kill(pid, SIGTERM);
        waitpid(pid, nullptr, 0);
    }
    for (int fd : m_holderPipes)
        close(fd); // holders exit when their pipe closes
    for (pid_t pid : m_holders)
        waitpid(pid, nullptr, 0);
}

bool LoadGenerator::build(int timeWait, int pairs, QString *error)
{
    return raiseTimeWaitLimit(timeWait + 10000, error) && holdEstablished(pairs, error) && fillTimeWait(timeWait, 8, 2, error);
}

bool LoadGenerator::raiseTimeWaitLimit(int count, QString *error)
{
    QFile file(QStringLiteral("/proc/sys/net/ipv4/tcp_max_tw_buckets"));
    if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray::number(count) + '\n') < 0) {
        *error = QStringLiteral("cannot raise tcp_max_tw_buckets: ") + file.errorString();
        return false;
    }
    return true;
}

bool LoadGenerator::fillTimeWait(int count, int serverPorts, int workers, QString *error)
{
    std::vector<pid_t> children;
    for (int w = 0; w < workers; ++w) {
        const pid_t pid = fork();
        if (pid == 0)
            fillWorker(w, workers, count, serverPorts);
        children.push_back(pid);
    }
    bool ok = true;
    for (pid_t pid : children) {
        int status = 0;
        waitpid(pid, &status, 0);
        ok = ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    if (!ok)
        *error = QStringLiteral("a TIME-WAIT worker failed");
    return ok;
}

bool LoadGenerator::churn(int perSecond, int serverPorts, int workers, QString *error)
{
    for (int w = 0; w < workers; ++w) {
        const pid_t pid = fork();
        if (pid < 0) {
            *error = QStringLiteral("fork failed");
            return false;
        }
        if (pid == 0)
            churnWorker(w, workers, std::max(1, perSecond / workers), serverPorts);
        m_churners.push_back(pid);
    }
    return true;
}

bool LoadGenerator::holdEstablished(int pairs, QString *error)
{
    for (int h = 0; pairs > 0; ++h) {
        const int here = std::min(pairs, PairsPerHolder);
        pairs -= here;
        int ready[2], release[2];
        if (pipe2(ready, O_CLOEXEC) != 0 || pipe2(release, O_CLOEXEC) != 0) {
            *error = QStringLiteral("pipe failed");
            return false;
        }
        const pid_t pid = fork();
        if (pid == 0) {
            close(ready[0]);
            close(release[1]);
            const quint16 port = quint16(FirstHolderPort + h);
            const int listener = listenOn(port);
            std::vector<int> held;
            for (int i = 0; i < here; ++i) {
                const int client = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
                const sockaddr_in server = address(INADDR_LOOPBACK, port);
                if (connect(client, reinterpret_cast<const sockaddr *>(&server), sizeof(server)) != 0)
                    _exit(6);
                held.push_back(client);
                held.push_back(accept4(listener, nullptr, nullptr, SOCK_CLOEXEC));
            }
            const char byte = 1;
            if (write(ready[1], &byte, 1) != 1)
                _exit(7);
            char ignored;
            while (read(release[0], &ignored, 1) > 0) {
            }
            _exit(0);
        }
        close(ready[1]);
        close(release[0]);
        char byte = 0;
        const bool started = read(ready[0], &byte, 1) == 1;
        close(ready[0]);
        m_holders.push_back(pid);
        m_holderPipes.push_back(release[1]);
        if (!started) {
            *error = QStringLiteral("a connection holder failed");
            return false;
        }
    }
    return true;
}
