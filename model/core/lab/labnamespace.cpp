#include "core/lab/labnamespace.h"

#include "core/collect/loopbackinterface.h"

#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

bool writeFile(const char *path, const std::string &text)
{
    const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, text.data(), text.size()) == ssize_t(text.size());
    const int saved = errno;
    ::close(fd);
    errno = saved;
    return ok;
}

CoreMessage systemError(const char *what)
{
    return {CoreMessageCode::LabNamespaceFailed, {what, std::strerror(errno)}};
}

// An alias on lo ("lo:N") with one of the lab's addresses, as `ip addr add 10.77.0.N/24 dev lo`.
bool addAddress(int fd, int number)
{
    ifreq request {};
    std::snprintf(request.ifr_name, IFNAMSIZ, "lo:%d", number);
    auto *address = reinterpret_cast<sockaddr_in *>(&request.ifr_addr);
    address->sin_family = AF_INET;
    if (inet_pton(AF_INET, LabNamespace::labAddress(number).c_str(), &address->sin_addr) != 1)
        return false;
    if (::ioctl(fd, SIOCSIFADDR, &request) != 0)
        return false;
    auto *mask = reinterpret_cast<sockaddr_in *>(&request.ifr_netmask);
    mask->sin_family = AF_INET;
    mask->sin_addr.s_addr = htonl(0xffffff00u);
    return ::ioctl(fd, SIOCSIFNETMASK, &request) == 0;
}

}

std::string LabNamespace::labAddress(int number)
{
    return "10.77.0." + std::to_string(number);
}

bool LabNamespace::enter(CoreMessage *error)
{
    const uid_t uid = ::getuid();
    const gid_t gid = ::getgid();
    if (::unshare(CLONE_NEWUSER | CLONE_NEWNET | CLONE_NEWPID) != 0) {
        *error = systemError("unshare(CLONE_NEWUSER|CLONE_NEWNET|CLONE_NEWPID)");
        return false;
    }
    // The caller is root in the user namespace and nobody else is mapped: what it may do there
    // reaches the host's objects with the caller's own rights only.
    if (!writeFile("/proc/self/setgroups", "deny") || !writeFile("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1")
        || !writeFile("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1")) {
        *error = systemError("/proc/self/uid_map");
        return false;
    }
    // The parent holds the write end: if it has gone when the child looks, the pipe says so
    // (the parent lies outside the child's PID namespace, where getppid() reads 0).
    int alive[2];
    if (::pipe2(alive, O_CLOEXEC) != 0) {
        *error = systemError("pipe");
        return false;
    }
    const pid_t child = ::fork();
    if (child < 0) {
        *error = systemError("fork");
        return false;
    }
    if (child == 0) {
        // The lab ends with whoever started it, even one killed without a chance to say so.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        ::close(alive[1]);
        pollfd parent {alive[0], POLLIN, 0};
        if (::poll(&parent, 1, 0) != 0)
            ::_exit(1); // the parent died before the line above
        ::close(alive[0]);
        const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        bool ok = fd >= 0 && LoopbackInterface::bringUp();
        for (int number = 1; ok && number <= 8; ++number)
            ok = addAddress(fd, number);
        if (fd >= 0)
            ::close(fd);
        if (!ok) {
            *error = systemError("lo");
            std::fprintf(stderr, "sockscope-agent: the lab's network could not be set up: %s\n", std::strerror(errno));
            ::_exit(1);
        }
        return true;
    }
    ::close(alive[0]);
    // The original process only waits: the lab's PID 1 has its standard input and output. A
    // signal that ends this process ends the lab too (PR_SET_PDEATHSIG above).
    for (int fd = 0; fd <= 2; ++fd)
        if (fd != STDERR_FILENO)
            ::close(fd);
    std::signal(SIGPIPE, SIG_IGN);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    ::_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
}
