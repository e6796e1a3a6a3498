#include "sshtestserver.h"

#include "core/collect/loopbackinterface.h"
#include "processrun.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <pwd.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

QString errnoText(const char *what)
{
    return QString::fromLatin1(what) + QStringLiteral(": ") + QString::fromLocal8Bit(std::strerror(errno));
}

QString s_unavailable;

QString passwdHome()
{
    const passwd *entry = getpwuid(getuid());
    return entry ? QString::fromLocal8Bit(entry->pw_dir) : QString();
}

}

QString SshTestServer::unavailableReason()
{
    return s_unavailable;
}

bool SshTestServer::isolateFiles(QString *error)
{
    if (geteuid() != 0) {
        s_unavailable = QStringLiteral("needs root: a mount namespace, sshd and nsenter");
        return true;
    }
    const QByteArray home = passwdHome().toLocal8Bit();
    if (home.isEmpty() || home == "/") {
        *error = QStringLiteral("no home directory in the passwd entry");
        return false;
    }
    if (unshare(CLONE_NEWNS) != 0) {
        *error = errnoText("unshare(CLONE_NEWNS)");
        return false;
    }
    // Private propagation first: our tmpfs mounts must not reach the host's mount namespace.
    if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0
        || mount("sockscope-home", home.constData(), "tmpfs", 0, "mode=0700") != 0
        || mount("sockscope-run", "/run", "tmpfs", 0, "mode=0755") != 0) {
        *error = errnoText("mount");
        return false;
    }
    if (mkdir("/run/sshd", 0755) != 0) {
        *error = errnoText("mkdir /run/sshd");
        return false;
    }
    return true;
}

SshTestServer::~SshTestServer()
{
    setDown(true);
    if (!m_netnsFile.isEmpty())
        umount2(m_netnsFile.toLocal8Bit().constData(), MNT_DETACH);
}

bool SshTestServer::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool SshTestServer::writeFile(const QString &path, const QByteArray &contents, bool executable)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(contents) != contents.size())
        return fail(QStringLiteral("cannot write ") + path);
    if (executable)
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return true;
}

bool SshTestServer::start(QString *error)
{
    const auto done = [this, error](bool ok) {
        if (!ok)
            *error = m_error;
        return ok;
    };
    m_home = passwdHome();
    m_dir = m_home + QStringLiteral("/sockscope-test");
    const QString sshDir = m_home + QStringLiteral("/.ssh");
    if (!QDir().mkpath(m_dir) || !QDir().mkpath(sshDir))
        return done(fail(QStringLiteral("cannot create ") + m_dir));
    const QStringList keys {m_dir + QStringLiteral("/host_key"), sshDir + QStringLiteral("/id_ed25519")};
    for (const QString &key : keys) {
        const ProcessRun keygen = ProcessRun::run(QStringLiteral("ssh-keygen"),
                                                  {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                                                   QStringLiteral("-N"), QString(), QStringLiteral("-f"), key});
        if (keygen.exitCode != 0)
            return done(fail(QStringLiteral("ssh-keygen: ") + QString::fromLocal8Bit(keygen.err)));
    }
    if (!QFile::copy(sshDir + QStringLiteral("/id_ed25519.pub"), m_dir + QStringLiteral("/authorized_keys")))
        return done(fail(QStringLiteral("cannot copy the public key")));

    // The server's namespace, kept alive by a bind mount of its nsfs file (no holder process).
    m_netnsFile = m_dir + QStringLiteral("/netns");
    if (!writeFile(m_netnsFile, {}))
        return done(false);
    const int own = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    if (own < 0 || unshare(CLONE_NEWNET) != 0)
        return done(fail(errnoText("unshare(CLONE_NEWNET)")));
    const bool made = LoopbackInterface::bringUp()
        && mount("/proc/thread-self/ns/net", m_netnsFile.toLocal8Bit().constData(), nullptr, MS_BIND, nullptr) == 0;
    const QString madeError = errnoText("server namespace");
    if (setns(own, CLONE_NEWNET) != 0)
        qFatal("cannot return to the test's own network namespace");
    close(own);
    if (!made)
        return done(fail(madeError));
    struct stat netns;
    if (stat(m_netnsFile.toLocal8Bit().constData(), &netns) != 0)
        return done(fail(errnoText("stat netns")));
    m_netnsInode = netns.st_ino;

    // One sshd per connection, in the server's namespace, unless the test took the server down.
    const QByteArray proxy = "#!/bin/sh\n"
                             "if [ -e '"
        + m_dir.toLocal8Bit()
        + "/down' ]; then echo 'test server is down' >&2; exit 1; fi\n"
          "exec nsenter --net='"
        + m_netnsFile.toLocal8Bit() + "' /usr/sbin/sshd -i -e -f '" + m_dir.toLocal8Bit() + "/sshd_config'\n";
    const QByteArray clientConfig = QByteArray("Host ") + Alias
        + "\n"
          "  ProxyCommand "
        + m_dir.toLocal8Bit()
        + "/proxy\n"
          "  UserKnownHostsFile "
        + m_dir.toLocal8Bit()
        + "/known_hosts\n"
          "  GlobalKnownHostsFile /dev/null\n"
          "  IdentityFile "
        + sshDir.toLocal8Bit()
        + "/id_ed25519\n"
          "  IdentitiesOnly yes\n";
    const bool ok = writeFile(m_dir + QStringLiteral("/proxy"), proxy, true)
        && writeFile(sshDir + QStringLiteral("/config"), clientConfig) && writeSshdConfig() && setHostKeyKnown(true);
    return done(ok);
}

bool SshTestServer::writeSshdConfig()
{
    const QByteArray dir = m_dir.toLocal8Bit();
    const QByteArray config = "HostKey " + dir
        + "/host_key\n"
          "AuthorizedKeysFile "
        + dir
        + "/authorized_keys\n"
          "UsePAM no\n"
          "PermitRootLogin prohibit-password\n"
          "PasswordAuthentication no\n"
          "KbdInteractiveAuthentication no\n"
          "StrictModes no\n"
          "PrintMotd no\n"
          "LogLevel ERROR\n"
          "SetEnv PATH="
        + m_serverPath.toLocal8Bit() + "\n";
    return writeFile(m_dir + QStringLiteral("/sshd_config"), config);
}

bool SshTestServer::setServerPath(const QString &path)
{
    m_serverPath = path;
    return writeSshdConfig();
}

bool SshTestServer::installAgent(const QString &agent)
{
    m_installedDir = m_dir + QStringLiteral("/installed");
    const QString installed = m_installedDir + QStringLiteral("/sockscope-agent");
    if (!QDir().mkpath(m_installedDir) || !QFile::copy(agent, installed)
        || !QFile::setPermissions(installed, QFile::ReadOwner | QFile::ExeOwner))
        return fail(QStringLiteral("cannot install the agent %1 on the server").arg(agent));
    return true;
}

bool SshTestServer::setAgentOnPath(bool onPath)
{
    const QString system = QString::fromLatin1(SystemPath);
    return setServerPath(onPath ? m_installedDir + QLatin1Char(':') + system : system);
}

bool SshTestServer::setHostKeyKnown(bool known)
{
    QFile key(m_dir + QStringLiteral("/host_key.pub"));
    if (!key.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("no host key"));
    const QByteArray line = known ? QByteArray(Alias) + ' ' + key.readAll() : QByteArray();
    return writeFile(m_dir + QStringLiteral("/known_hosts"), line);
}

void SshTestServer::setDown(bool down)
{
    const QString flag = m_dir + QStringLiteral("/down");
    if (!down) {
        QFile::remove(flag);
        return;
    }
    writeFile(flag, {});
    // The running `sshd -i` of open connections: what a crashed or rebooted server ends.
    const QList<QPair<int, QString>> processes = serverProcesses();
    for (const auto &process : processes) {
        if (process.second == QLatin1String("/usr/sbin/sshd"))
            kill(process.first, SIGKILL);
    }
}

QList<QPair<int, QString>> SshTestServer::serverProcesses() const
{
    QList<QPair<int, QString>> processes;
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList({QStringLiteral("[0-9]*")}, QDir::Dirs);
    for (const QString &pid : pids) {
        const QString proc = QStringLiteral("/proc/") + pid;
        struct stat netns;
        if (m_netnsInode == 0 || stat((proc + QStringLiteral("/ns/net")).toLocal8Bit().constData(), &netns) != 0
            || netns.st_ino != m_netnsInode)
            continue;
        // A zombie has no exe link: it is gone for our purposes.
        const QString exe = QFile::symLinkTarget(proc + QStringLiteral("/exe"));
        if (!exe.isEmpty())
            processes.append({pid.toInt(), exe});
    }
    return processes;
}

QStringList SshTestServer::serverExecutables() const
{
    QStringList executables;
    const QList<QPair<int, QString>> processes = serverProcesses();
    for (const auto &process : processes)
        executables << process.second;
    return executables;
}

bool SshTestServer::inServerNamespace(const std::function<bool()> &work)
{
    const int own = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    const int server = open(m_netnsFile.toLocal8Bit().constData(), O_RDONLY | O_CLOEXEC);
    if (own < 0 || server < 0 || setns(server, CLONE_NEWNET) != 0) {
        m_error = errnoText("entering the server namespace");
        if (own >= 0)
            close(own);
        if (server >= 0)
            close(server);
        return false;
    }
    close(server);
    const bool ok = work();
    if (setns(own, CLONE_NEWNET) != 0)
        qFatal("cannot return to the test's own network namespace");
    close(own);
    return ok;
}

int SshTestServer::agentsRunning() const
{
    int count = 0;
    for (const QString &exe : serverExecutables()) {
        const QString name = QFileInfo(exe).fileName();
        count += name.startsWith(QLatin1String("agent-")) || name == QLatin1String("sockscope-agent");
    }
    return count;
}
