#include "namespaceidentity.h"

#include <QFile>

#include <sys/stat.h>

NamespaceIdentity NamespaceIdentity::ofPath(const QString &path)
{
    struct stat info = {};
    NamespaceIdentity identity;
    // stat, not lstat: the magic link leads to the namespace's nsfs inode.
    if (::stat(QFile::encodeName(path).constData(), &info) == 0) {
        identity.device = quint64(info.st_dev);
        identity.inode = quint64(info.st_ino);
    }
    return identity;
}

NamespaceIdentity NamespaceIdentity::ofCallingThread()
{
    return ofPath(QStringLiteral("/proc/thread-self/ns/net"));
}

PersistTarget persistTarget(const NamespaceIdentity &observed, const NamespaceIdentity &initial)
{
    if (!observed.isValid())
        return PersistTarget::Unknown;
    if (!initial.isValid())
        return PersistTarget::Unverified;
    return observed == initial ? PersistTarget::HostNamespace : PersistTarget::ChildNamespace;
}
