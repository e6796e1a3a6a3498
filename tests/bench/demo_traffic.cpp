// Demo traffic for screenshots and training: in a private network namespace, an "HTTP server"
// that closes first (TIME-WAIT on local port 80), a client that closes first towards an
// "upstream" on 443 (TIME-WAIT towards remote port 443, using ephemeral ports), and a pool of
// held connections; then runs the given command inside the namespace and stops with it.
//
//   demo_traffic [--rate N] [--buckets N] -- sockscope --screenshot window.png --samples 60
#include "benchsupport.h"
#include "socketpopulation.h"

#include <QByteArray>
#include <QFile>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

int main(int argc, char *argv[])
{
    int rate = 400; // connections per second to each of the two services
    int buckets = 0;
    int i = 1;
    for (; i < argc && QByteArray(argv[i]) != "--"; i += 2) {
        const QByteArray option(argv[i]);
        if (i + 1 >= argc)
            break;
        if (option == "--rate")
            rate = atoi(argv[i + 1]);
        else if (option == "--buckets")
            buckets = atoi(argv[i + 1]);
    }
    if (i >= argc - 1) {
        std::fprintf(stderr, "usage: demo_traffic [--rate N] [--buckets N] -- command [arguments]\n");
        return 2;
    }
    char **command = argv + i + 1;

    if (!BenchSupport::enterPrivateNamespace())
        return 1;
    if (buckets > 0) {
        QFile file(QStringLiteral("/proc/sys/net/ipv4/tcp_max_tw_buckets"));
        if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray::number(buckets) + '\n') < 0)
            std::fprintf(stderr, "demo_traffic: cannot set tcp_max_tw_buckets\n");
    }
    SocketPopulation population;
    const SocketPopulation::Endpoint http {AF_INET, "127.0.0.1", 80};
    const SocketPopulation::Endpoint upstream {AF_INET, "127.0.0.2", 443};
    const SocketPopulation::Endpoint database {AF_INET6, "::1", 5432};
    if (!population.listen(http) || !population.listen(upstream) || !population.listen(database)
        || !population.establishedPairs(database, 40)) {
        std::fprintf(stderr, "demo_traffic: %s\n", qPrintable(population.error()));
        return 1;
    }

    std::atomic<bool> stop {false};
    std::thread traffic([&] {
        const auto tick = std::chrono::milliseconds(20);
        const int perTick = std::max(1, rate / 50);
        auto next = std::chrono::steady_clock::now();
        while (!stop) {
            population.closedConnections(http, perTick, SocketPopulation::CloseOrder::ServerFirst);
            population.closedConnections(upstream, perTick / 2, SocketPopulation::CloseOrder::ClientFirst);
            next += tick;
            std::this_thread::sleep_until(next);
        }
    });

    const pid_t pid = fork();
    if (pid == 0) {
        execvp(command[0], command);
        std::perror("demo_traffic: exec");
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    stop = true;
    traffic.join();
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
