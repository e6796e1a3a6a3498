#include "networknamespace.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <unistd.h>

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

bool NetworkNamespace::open(const QString &spec, QString *error)
{
    if (spec.isEmpty()) {
        *error = tr("Empty network namespace name.");
        return false;
    }
    QString path = spec;
    if (!spec.contains(QLatin1Char('/'))) {
        if (spec == QLatin1String(".") || spec == QLatin1String("..")) {
            *error = tr("\"%1\" is not a network namespace name.").arg(spec);
            return false;
        }
        path = QStringLiteral("/var/run/netns/") + spec;
    }
    // O_NONBLOCK: a FIFO named here must not block the open; the ioctl below refuses it.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        *error = tr("Cannot open network namespace %1: %2.").arg(path, QString::fromLocal8Bit(std::strerror(err)));
        return false;
    }
    // NS_GET_NSTYPE (4.11) tells a network namespace from any other file or namespace.
    const int type = ::ioctl(fd, NS_GET_NSTYPE);
    if (type != CLONE_NEWNET) {
        ::close(fd);
        *error = tr("%1 is not a network namespace.").arg(path);
        return false;
    }
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = fd;
    m_spec = spec;
    return true;
}

bool NetworkNamespace::openVerified(const QString &path, const NamespaceIdentity &expected)
{
    return adopt(NamespaceIdentity::openVerified(path, expected), expected);
}

bool NetworkNamespace::openCallersVerified(const QString &path, const NamespaceIdentity &expected, qint64 caller,
                                           quint32 callerUid)
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
    copy.m_spec = isCurrent() ? tr("current") : m_spec;
    return copy;
}

QString NetworkNamespace::label() const
{
    return isCurrent() ? tr("current") : m_spec;
}

bool NetworkNamespace::enterInCallingThread(QString *error) const
{
    if (m_fd < 0)
        return true;
    if (::setns(m_fd, CLONE_NEWNET) != 0) {
        const int err = errno;
        *error = err == EPERM
            ? tr("Not allowed to enter network namespace %1 (needs CAP_SYS_ADMIN over it).").arg(m_spec)
            : tr("Cannot enter network namespace %1: %2.").arg(m_spec, QString::fromLocal8Bit(std::strerror(err)));
        return false;
    }
    return true;
}

QString NetworkNamespace::callingThreadNamespaceId()
{
    char target[64] = {};
    const ssize_t length = ::readlink("/proc/thread-self/ns/net", target, sizeof(target) - 1);
    return length > 0 ? QString::fromLatin1(target, length) : QString();
}
