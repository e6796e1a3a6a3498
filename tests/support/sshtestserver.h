#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <functional>

// A real OpenSSH server (Debian's /usr/sbin/sshd) for the remote tests, in a network namespace
// of its own, reached the way a user reaches a server: `ssh sockscope-test` through an entry in
// ~/.ssh/config whose ProxyCommand enters the server's namespace and runs `sshd -i` for that
// one connection. The client (the test process) stays in its own namespace.
//
// Nothing of the host changes: isolateFiles() moves the process into a private mount namespace
// with a tmpfs over the home directory (ssh reads ~/.ssh/config from the passwd entry, not
// $HOME, and the server side's ~/.cache lands there too) and over /run (sshd -i needs its
// privilege-separation directory /run/sshd). Root only: sshd and nsenter need it.
class SshTestServer
{
public:
    static constexpr const char *Alias = "sockscope-test";

    // Call first thing in main(), while the process is single-threaded. Not root: nothing is
    // done and unavailableReason() says why (tests skip; sshd and the mounts need root).
    static bool isolateFiles(QString *error);
    static QString unavailableReason();

    SshTestServer() = default;
    ~SshTestServer();
    SshTestServer(const SshTestServer &) = delete;
    SshTestServer &operator=(const SshTestServer &) = delete;

    // Keys, configs and the server's network namespace (loopback up).
    bool start(QString *error);
    QString error() const { return m_error; }

    // The server's PATH for the sessions that follow (sshd_config SetEnv; read per connection).
    bool setServerPath(const QString &path);
    // Puts `agent` on the server as an installed `sockscope-agent`, in a directory of its own
    // (executable by its owner, whatever `agent` was), for setAgentOnPath().
    bool installAgent(const QString &agent);
    // The server's PATH: that directory before the system's, or the system's alone (no agent).
    bool setAgentOnPath(bool onPath);
    // Down: the ProxyCommand fails and every running sshd in the server namespace is killed.
    void setDown(bool down);
    // Whether the client trusts the server's host key (known_hosts) or has never seen it.
    bool setHostKeyKnown(bool known);
    // Runs `work` with the calling thread in the server's network namespace (sockets made there
    // stay there).
    bool inServerNamespace(const std::function<bool()> &work);
    // The executables (/proc/PID/exe targets) of every process now in the server's namespace.
    QStringList serverExecutables() const;
    // How many of them are an agent: `sockscope-agent` from the PATH or a pushed `agent-<sha256>`.
    int agentsRunning() const;

    QString homeDirectory() const { return m_home; } // the same tmpfs for both sides (root)
    QString directory() const { return m_dir; }

private:
    bool writeFile(const QString &path, const QByteArray &contents, bool executable = false);
    bool writeSshdConfig();
    bool fail(const QString &message);
    QList<QPair<int, QString>> serverProcesses() const; // pid, executable

    QString m_home;
    QString m_dir;
    QString m_netnsFile;
    static constexpr const char *SystemPath = "/usr/bin:/bin";
    QString m_serverPath = QString::fromLatin1(SystemPath);
    QString m_installedDir;
    unsigned long m_netnsInode = 0;
    QString m_error;
};
