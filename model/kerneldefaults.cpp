#include "kerneldefaults.h"

#include "loopbackinterface.h"

#include <QByteArray>
#include <QElapsedTimer>

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
bool connectionTimestamp(const sockaddr_in &to, quint32 *value)
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

quint32 distance(quint32 a, quint32 b)
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
    if (listener < 0 || bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
        || listen(listener, 8) != 0 || getsockname(listener, reinterpret_cast<sockaddr *>(&address), &size) != 0)
        return "unknown";
    quint32 first = 0, second = 0, bare = 0;
    if (!connectionTimestamp(address, &first) || !connectionTimestamp(address, &second)
        || !writeText("/proc/sys/net/ipv4/tcp_timestamps", "2") || !connectionTimestamp(address, &bare))
        return "unknown";
    constexpr quint32 Close = 1000; // ms: the clock moves a little between the calls
    if (distance(first, second) > Close)
        return "connection";
    return distance(first, bare) > Close ? "pair" : "none";
}

[[noreturn]] void detectInChild(int out, const std::vector<QByteArray> &names, const std::vector<QByteArray> &paths)
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
        const int fd = open(paths[i].constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            o.append(errno == ENOENT ? "absent " : "unreadable ");
            o.append(names[i].constData());
            o.append("\n");
            continue;
        }
        char value[512];
        const ssize_t n = read(fd, value, sizeof value);
        close(fd);
        if (n < 0) {
            o.append("unreadable ");
            o.append(names[i].constData());
            o.append("\n");
            continue;
        }
        o.append("value ");
        o.append(names[i].constData());
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

QByteArray readAll(int fd, pid_t child, QString *error)
{
    QByteArray data;
    QElapsedTimer timer;
    timer.start();
    constexpr int LimitMs = 5000; // a stuck child (it should take milliseconds) must not hang the caller
    for (;;) {
        const qint64 left = LimitMs - timer.elapsed();
        pollfd p {fd, POLLIN, 0};
        const int ready = left > 0 ? poll(&p, 1, int(left)) : 0;
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0) {
            kill(child, SIGKILL);
            *error = KernelDefaults::tr("the detecting process did not answer in time");
            return QByteArray();
        }
        char buffer[4096];
        const ssize_t n = read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return data;
        data.append(buffer, n);
    }
}

}

KernelDefaults KernelDefaults::detect(const QStringList &names)
{
    KernelDefaults result;
    std::vector<QByteArray> latin, paths;
    const QStringList all = QStringList(names) << QStringLiteral("net.ipv4.tcp_ehash_entries");
    for (const QString &name : all) {
        latin.push_back(name.toLatin1());
        paths.push_back("/proc/sys/" + name.toLatin1().replace('.', '/'));
    }
    int pipeFds[2];
    if (pipe2(pipeFds, O_CLOEXEC) != 0) {
        result.error = QString::fromLocal8Bit(std::strerror(errno));
        return result;
    }
    const pid_t child = fork();
    if (child < 0) {
        result.error = QString::fromLocal8Bit(std::strerror(errno));
        close(pipeFds[0]);
        close(pipeFds[1]);
        return result;
    }
    if (child == 0) {
        close(pipeFds[0]);
        detectInChild(pipeFds[1], latin, paths);
    }
    close(pipeFds[1]);
    QString error;
    const QByteArray data = readAll(pipeFds[0], child, &error);
    close(pipeFds[0]);
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }

    Method method = Method::None;
    for (const QByteArray &line : data.split('\n')) {
        const int space = line.indexOf(' ');
        const QByteArray word = line.left(space);
        const QByteArray rest = space < 0 ? QByteArray() : line.mid(space + 1);
        if (word == "method") {
            method = rest == "netns" ? Method::NetworkNamespace : Method::UserAndNetworkNamespace;
        } else if (word == "error") {
            error = QString::fromLocal8Bit(std::strerror(rest.toInt()));
        } else if (word == "value") {
            const int nameEnd = rest.indexOf(' ');
            const QString name = QString::fromLatin1(rest.left(nameEnd));
            const QString value = QString::fromUtf8(rest.mid(nameEnd + 1)).simplified();
            if (name == QLatin1String("net.ipv4.tcp_ehash_entries"))
                result.establishedHash = qAbs(value.toLongLong());
            else
                result.values.insert(name, value);
        } else if (word == "absent") {
            result.absent << QString::fromLatin1(rest);
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
        result.error = error.isEmpty() ? tr("the detecting process failed") : error;
        return result;
    }
    result.method = method;
    return result;
}
