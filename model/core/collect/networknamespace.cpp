#include "core/collect/networknamespace.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <system_error>
#include <thread>

NetworkNamespace::~NetworkNamespace()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

NetworkNamespace::NetworkNamespace(NetworkNamespace &&other) noexcept
    : m_fd(other.m_fd)
    , m_spec(std::move(other.m_spec))
{
    other.m_fd = -1;
}

NetworkNamespace &NetworkNamespace::operator=(NetworkNamespace &&other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = other.m_fd;
        m_spec = std::move(other.m_spec);
        other.m_fd = -1;
    }
    return *this;
}

bool NetworkNamespace::open(const std::string &spec, CoreMessage *error)
{
    if (spec.empty()) {
        *error = {CoreMessageCode::NetnsEmptyName, {}};
        return false;
    }
    std::string path = spec;
    if (spec.find('/') == std::string::npos) {
        if (spec == "." || spec == "..") {
            *error = {CoreMessageCode::NetnsBadName, {spec}};
            return false;
        }
        path = "/var/run/netns/" + spec;
    }
    // O_NONBLOCK: a FIFO named here must not block the open; the ioctl below refuses it.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        *error = {CoreMessageCode::NetnsOpenFailed, {path, errnoText(err)}};
        return false;
    }
    // NS_GET_NSTYPE (4.11) tells a network namespace from any other file or namespace.
    const int type = ::ioctl(fd, NS_GET_NSTYPE);
    if (type != CLONE_NEWNET) {
        ::close(fd);
        *error = {CoreMessageCode::NetnsNotNetwork, {path}};
        return false;
    }
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = fd;
    m_spec = spec;
    return true;
}

bool NetworkNamespace::openVerified(const std::string &path, const NamespaceIdentity &expected)
{
    return adopt(NamespaceIdentity::openVerified(path, expected), expected);
}

bool NetworkNamespace::openCallersVerified(const std::string &path, const NamespaceIdentity &expected, std::int64_t caller,
                                           std::uint32_t callerUid)
{
    return adopt(NamespaceIdentity::openCallersVerified(path, expected, caller, callerUid), expected);
}

bool NetworkNamespace::adopt(int fd, const NamespaceIdentity &expected)
{
    if (fd < 0)
        return false;
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = fd;
    m_spec = expected.toString();
    return true;
}

NamespaceIdentity NetworkNamespace::identity() const
{
    return isCurrent() ? NamespaceIdentity::ofCallingThread() : NamespaceIdentity::ofDescriptor(m_fd);
}

NetworkNamespace NetworkNamespace::duplicate() const
{
    NetworkNamespace copy;
    copy.m_fd = isCurrent() ? ::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC) : ::fcntl(m_fd, F_DUPFD_CLOEXEC, 3);
    copy.m_spec = isCurrent() ? std::string() : m_spec;
    return copy;
}

std::string NetworkNamespace::label() const
{
    return isCurrent() ? std::string() : m_spec;
}

bool NetworkNamespace::enterInCallingThread(CoreMessage *error) const
{
    if (m_fd < 0)
        return true;
    if (::setns(m_fd, CLONE_NEWNET) != 0) {
        const int err = errno;
        *error = err == EPERM ? CoreMessage {CoreMessageCode::NetnsEnterDenied, {m_spec}}
                              : CoreMessage {CoreMessageCode::NetnsEnterFailed, {m_spec, errnoText(err)}};
        return false;
    }
    return true;
}

// setns(CLONE_NEWNET) moves only the calling thread (a network namespace is per task), and the
// kernel's own check decides (netns_install(): CAP_SYS_ADMIN over the namespace's user namespace
// and over the caller's): a thread that tries it and ends leaves every other thread where it is.
// Asked before the exporter binds its listening port, so an agent that may not enter fails
// before it listens, not after.
bool NetworkNamespace::mayEnter(CoreMessage *error) const
{
    if (m_fd < 0)
        return true;
    bool entered = false;
    CoreMessage reason;
    try {
        std::thread trial([this, &entered, &reason] { entered = enterInCallingThread(&reason); });
        trial.join();
    } catch (const std::system_error &) {
        return true; // no thread to be had: entering is tried where it is done, and says why there
    }
    if (!entered)
        *error = reason;
    return entered;
}

std::string NetworkNamespace::callingThreadNamespaceId()
{
    char target[64] = {};
    const ssize_t length = ::readlink("/proc/thread-self/ns/net", target, sizeof(target) - 1);
    return length > 0 ? std::string(target, std::size_t(length)) : std::string();
}
