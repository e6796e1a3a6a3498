#pragma once

#include <QString>
#include <QStringList>

#include <functional>

// A second network namespace beside the test's own, joined to it by a veth pair: a socket made in
// it is another host's to the test's namespace (sock_diag there does not see it), so a server
// under test meets a remote client without any traffic leaving namespaces the test made.
class PeerNetworkNamespace
{
public:
    PeerNetworkNamespace() = default;
    ~PeerNetworkNamespace();
    PeerNetworkNamespace(const PeerNetworkNamespace &) = delete;
    PeerNetworkNamespace &operator=(const PeerNetworkNamespace &) = delete;

    // The pair: `here` in the calling thread's namespace, `there` in the new one, each given its
    // addresses ("10.88.0.1/24", "fd88::1/64": IPv6 ones without duplicate address detection) and up.
    bool create(const QString &here, const QStringList &hereAddresses, const QString &there, const QStringList &thereAddresses,
                QString *error);

    // Runs `make` with the calling thread in the peer namespace (a socket it creates stays there),
    // and returns to the test's namespace.
    int inside(const std::function<int()> &make);

    // A path another process can open to enter the namespace (this process's descriptor of it),
    // as `--netns PATH` takes one.
    QString path() const;

private:
    int m_netns = -1;
};
