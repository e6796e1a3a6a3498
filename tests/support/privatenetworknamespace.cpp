#include "privatenetworknamespace.h"

#include "core/collect/loopbackinterface.h"

#include <QFile>
#include <QProcess>
#include <QStringList>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

bool writeFile(const char *path, const QByteArray &contents)
{
    QFile file(QString::fromLatin1(path));
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size();
}

bool enterUserNamespace(QString *error)
{
    const uid_t uid = getuid();
    const gid_t gid = getgid();
    if (unshare(CLONE_NEWUSER) != 0) {
        *error = QStringLiteral("unshare(CLONE_NEWUSER): ") + errnoText();
        return false;
    }
    if (!writeFile("/proc/self/setgroups", "deny")
        || !writeFile("/proc/self/uid_map", QByteArray("0 ") + QByteArray::number(uid) + " 1")
        || !writeFile("/proc/self/gid_map", QByteArray("0 ") + QByteArray::number(gid) + " 1")) {
        *error = QStringLiteral("cannot map the caller to root in the user namespace");
        return false;
    }
    return true;
}

bool bringLoopbackUp(QString *error)
{
    if (LoopbackInterface::bringUp())
        return true;
    *error = QStringLiteral("bringing lo up: ") + errnoText();
    return false;
}

}

namespace PrivateNetworkNamespace {

bool enterFresh(QString *error)
{
    static bool userNamespaceTried = false;
    if (unshare(CLONE_NEWNET) != 0) {
        if (errno != EPERM || userNamespaceTried) {
            *error = QStringLiteral("unshare(CLONE_NEWNET): ") + errnoText();
            return false;
        }
        userNamespaceTried = true;
        if (!enterUserNamespace(error))
            return false;
        if (unshare(CLONE_NEWNET) != 0) {
            *error = QStringLiteral("unshare(CLONE_NEWNET) in a user namespace: ") + errnoText();
            return false;
        }
    }
    userNamespaceTried = true;
    return bringLoopbackUp(error);
}

bool run(const QStringList &argv, QString *error)
{
    QProcess process;
    process.start(argv.first(), argv.mid(1));
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error = argv.join(QLatin1Char(' ')) + QStringLiteral(": ")
            + QString::fromLocal8Bit(process.readAllStandardError()).trimmed() + process.errorString();
        return false;
    }
    return true;
}

}
