#include "peernetworknamespace.h"

#include "privatenetworknamespace.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

namespace {

// Runs `work` in the namespace `netns` and comes back; false when it cannot enter.
bool inNamespace(int netns, const std::function<bool()> &work)
{
    const int own = ::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    if (own < 0 || ::setns(netns, CLONE_NEWNET) != 0) {
        if (own >= 0)
            ::close(own);
        return false;
    }
    const bool ok = work();
    if (::setns(own, CLONE_NEWNET) != 0)
        qFatal("cannot return to the test's own network namespace");
    ::close(own);
    return ok;
}

bool addAddresses(const QString &device, const QStringList &addresses, QString *error)
{
    for (const QString &address : addresses) {
        QStringList argv {
            QStringLiteral("ip"), QStringLiteral("addr"), QStringLiteral("add"), address, QStringLiteral("dev"), device};
        if (address.contains(QLatin1Char(':')))
            argv << QStringLiteral("nodad");
        if (!PrivateNetworkNamespace::run(argv, error))
            return false;
    }
    return PrivateNetworkNamespace::run(
        {QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"), device, QStringLiteral("up")}, error);
}

}

PeerNetworkNamespace::~PeerNetworkNamespace()
{
    if (m_netns >= 0)
        ::close(m_netns); // the namespace and its end of the pair go with its last socket
}

bool PeerNetworkNamespace::create(const QString &here, const QStringList &hereAddresses, const QString &there,
                                  const QStringList &thereAddresses, QString *error)
{
    // The new namespace is made on this thread and held by a descriptor; the thread goes back.
    const int own = ::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    if (own < 0 || ::unshare(CLONE_NEWNET) != 0) {
        *error = QStringLiteral("unshare(CLONE_NEWNET): ") + QString::fromLocal8Bit(std::strerror(errno));
        if (own >= 0)
            ::close(own);
        return false;
    }
    m_netns = ::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    if (::setns(own, CLONE_NEWNET) != 0)
        qFatal("cannot return to the test's own network namespace");
    ::close(own);
    if (m_netns < 0) {
        *error = QStringLiteral("cannot hold the peer namespace");
        return false;
    }
    // `ip link set … netns PATH` opens the path: this process's descriptor of the namespace.
    const QString path = this->path();
    if (!PrivateNetworkNamespace::run({QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("add"), here,
                                       QStringLiteral("type"), QStringLiteral("veth"), QStringLiteral("peer"),
                                       QStringLiteral("name"), there},
                                      error)
        || !PrivateNetworkNamespace::run(
            {QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"), there, QStringLiteral("netns"), path}, error)
        || !addAddresses(here, hereAddresses, error))
        return false;
    bool ok = false;
    const bool entered = inNamespace(m_netns, [&] {
        ok = PrivateNetworkNamespace::run({QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"),
                                           QStringLiteral("lo"), QStringLiteral("up")},
                                          error)
            && addAddresses(there, thereAddresses, error);
        return ok;
    });
    if (!entered && error->isEmpty())
        *error = QStringLiteral("cannot enter the peer namespace");
    return entered && ok;
}

int PeerNetworkNamespace::inside(const std::function<int()> &make)
{
    int result = -1;
    if (m_netns < 0 || !inNamespace(m_netns, [&] {
            result = make();
            return true;
        }))
        return -1;
    return result;
}

QString PeerNetworkNamespace::path() const
{
    return QStringLiteral("/proc/%1/fd/%2").arg(::getpid()).arg(m_netns);
}
