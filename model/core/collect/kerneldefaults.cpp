#include "core/collect/kerneldefaults.h"

#include "core/collect/loopbackinterface.h"

#include "core/collect/textscan.h"

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

// Everything below up to detectInChild() runs in the forked child of a possibly multi-threaded
// process: only system calls and plain memory, no allocation, no Qt.
struct ChildOutput
{
    char text[8192];
    std::size_t length = 0;

    void append(const char *s, std::size_t n)
    {
        for (std::size_t i = 0; i < n && length + 1 < sizeof text; ++i)
            text[length++] = s[i];
    }
    void append(const char *s) { append(s, std::strlen(s)); }
};

// TCP_TIMESTAMP reads the connection's clock plus its offset (tcp.c, do_tcp_getsockopt).
bool connectionTimestamp(const sockaddr_in &to, std::uint32_t *value)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    socklen_t size = sizeof *value;
    const bool ok = connect(fd, reinterpret_cast<const sockaddr *>(&to), sizeof to) == 0
        && getsockopt(fd, IPPROTO_TCP, TCP_TIMESTAMP, value, &size) == 0;
    close(fd);
    return ok;
}

bool writeText(const char *path, const char *text)
{
    const int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const auto length = std::strlen(text);
    const bool ok = write(fd, text, length) == ssize_t(length);
    close(fd);
    return ok;
}

std::uint32_t distance(std::uint32_t a, std::uint32_t b)
{
    return a > b ? a - b : b - a;
}

// Two connections between the same addresses, then one with tcp_timestamps=2 (no offset: the bare
// clock). Random 32-bit offsets that land within a second of each other are a 1-in-2-million case.
const char *measureTimestampOffsets()
{
    char current[8] = {};
    const int fd = open("/proc/sys/net/ipv4/tcp_timestamps", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return "unknown";
    const ssize_t n = read(fd, current, sizeof current - 1);
    close(fd);
    if (n < 1 || current[0] != '1' || !LoopbackInterface::bringUp())
        return "unknown";
    const int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (listener < 0 || bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 || listen(listener, 8) != 0
        || getsockname(listener, reinterpret_cast<sockaddr *>(&address), &size) != 0)
        return "unknown";
    std::uint32_t first = 0, second = 0, bare = 0;
    if (!connectionTimestamp(address, &first) || !connectionTimestamp(address, &second)
        || !writeText("/proc/sys/net/ipv4/tcp_timestamps", "2") || !connectionTimestamp(address, &bare))
        return "unknown";
    constexpr std::uint32_t Close = 1000; // ms: the clock moves a little between the calls
    if (distance(first, second) > Close)
        return "connection";
    return distance(first, bare) > Close ? "pair" : "none";
}

[[noreturn]] void detectInChild(int out, const std::vector<std::string> &names, const std::vector<std::string> &paths)
{
    signal(SIGPIPE, SIG_IGN);
    ChildOutput o;
    // As root a network namespace alone; otherwise (or when root lacks CAP_SYS_ADMIN, as in a
    // container) a user namespace gives the child the rights to make one.
    if (geteuid() == 0 && unshare(CLONE_NEWNET) == 0) {
        o.append("method netns\n");
    } else if (unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0) {
        o.append("method userns\n");
    } else {
        // strerror() is not safe here: send the number, the parent words it.
        char number[16];
        int value = errno, digits = 0;
        do {
            number[digits++] = char('0' + value % 10);
            value /= 10;
        } while (value > 0 && digits < int(sizeof number));
        o.append("error ");
        while (digits > 0)
            o.append(&number[--digits], 1);
        o.append("\n");
        (void)!write(out, o.text, o.length);
        _exit(1);
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
        const int fd = open(paths[i].c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            o.append(errno == ENOENT ? "absent " : "unreadable ");
            o.append(names[i].c_str());
            o.append("\n");
            continue;
        }
        char value[512];
        const ssize_t n = read(fd, value, sizeof value);
        close(fd);
        if (n < 0) {
            o.append("unreadable ");
            o.append(names[i].c_str());
            o.append("\n");
            continue;
        }
        o.append("value ");
        o.append(names[i].c_str());
        o.append(" ");
        for (ssize_t c = 0; c < n; ++c)
            o.append(value[c] == '\n' ? " " : &value[c], 1);
        o.append("\n");
    }
    o.append("timestamps ");
    o.append(measureTimestampOffsets());
    o.append("\n");
    std::size_t written = 0;
    while (written < o.length) {
        const ssize_t n = write(out, o.text + written, o.length - written);
        if (n <= 0)
            _exit(1);
        written += std::size_t(n);
    }
    _exit(0);
}

std::string readAll(int fd, pid_t child, CoreMessage *error)
{
    std::string data;
    const auto start = std::chrono::steady_clock::now();
    constexpr int LimitMs = 5000; // a stuck child (it should take milliseconds) must not hang the caller
    for (;;) {
        const std::int64_t left =
            LimitMs - std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
        pollfd p {fd, POLLIN, 0};
        const int ready = left > 0 ? poll(&p, 1, int(left)) : 0;
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0) {
            kill(child, SIGKILL);
            *error = {CoreMessageCode::DefaultsNoAnswer, {}};
            return std::string();
        }
        char buffer[4096];
        const ssize_t n = read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return data;
        data.append(buffer, std::size_t(n));
    }
}

}

std::string KernelDefaults::value(const std::string &name) const
{
    const auto found = values.find(name);
    return found == values.end() ? std::string() : found->second;
}

namespace {
std::mutex detectionsLock;
std::map<std::thread::id, int> detectionsByThread;
}

int KernelDefaults::detectionsOnThread(std::thread::id id)
{
    const std::lock_guard<std::mutex> lock(detectionsLock);
    const auto found = detectionsByThread.find(id);
    return found == detectionsByThread.end() ? 0 : found->second;
}

KernelDefaults KernelDefaults::detect(const std::vector<std::string> &names)
{
    {
        const std::lock_guard<std::mutex> lock(detectionsLock);
        ++detectionsByThread[std::this_thread::get_id()];
    }
    KernelDefaults result;
    std::vector<std::string> latin = names, paths;
    latin.push_back("net.ipv4.tcp_ehash_entries");
    for (const std::string &name : latin) {
        std::string path = "/proc/sys/" + name;
        for (std::size_t i = 10; i < path.size(); ++i) {
            if (path[i] == '.')
                path[i] = '/';
        }
        paths.push_back(path);
    }
    int pipeFds[2];
    if (pipe2(pipeFds, O_CLOEXEC) != 0) {
        result.error = {CoreMessageCode::SystemError, {errnoText(errno)}};
        return result;
    }
    const pid_t child = fork();
    if (child < 0) {
        result.error = {CoreMessageCode::SystemError, {errnoText(errno)}};
        close(pipeFds[0]);
        close(pipeFds[1]);
        return result;
    }
    if (child == 0) {
        close(pipeFds[0]);
        detectInChild(pipeFds[1], latin, paths);
    }
    close(pipeFds[1]);
    CoreMessage error;
    const std::string data = readAll(pipeFds[0], child, &error);
    close(pipeFds[0]);
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }

    Method method = Method::None;
    for (const std::string_view line : TextScan::lines(data)) {
        const std::size_t space = line.find(' ');
        const std::string_view word = line.substr(0, space);
        const std::string_view rest = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
        if (word == "method") {
            method = rest == "netns" ? Method::NetworkNamespace : Method::UserAndNetworkNamespace;
        } else if (word == "error") {
            std::int64_t number = 0;
            error = {CoreMessageCode::SystemError, {errnoText(TextScan::toInt64(rest, &number) ? int(number) : 0)}};
        } else if (word == "value") {
            const std::size_t nameEnd = rest.find(' ');
            const std::string name(rest.substr(0, nameEnd));
            const std::string value =
                nameEnd == std::string_view::npos ? std::string() : TextScan::simplified(rest.substr(nameEnd + 1));
            if (name == "net.ipv4.tcp_ehash_entries") {
                std::int64_t hash = 0;
                result.establishedHash = TextScan::toInt64(value, &hash) ? (hash < 0 ? -hash : hash) : 0;
            } else {
                result.values[name] = value;
            }
        } else if (word == "absent") {
            result.absent.emplace_back(rest);
        } else if (word == "timestamps") {
            result.timestampOffsets = rest == "connection" ? TimestampOffsets::PerConnection
                : rest == "pair"                           ? TimestampOffsets::PerAddressPair
                : rest == "none"                           ? TimestampOffsets::NoOffset
                                                           : TimestampOffsets::Unknown;
        }
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || method == Method::None) {
        result.values.clear();
        result.absent.clear();
        result.error = error.isEmpty() ? CoreMessage {CoreMessageCode::DefaultsFailed, {}} : error;
        return result;
    }
    result.method = method;
    return result;
}
