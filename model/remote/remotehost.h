#pragma once

#include <QCoreApplication>
#include <QString>

// Where to connect, as typed by the user: `[user@]host[:port]`, `[user@][v6addr]:port`, or a plain
// alias from ~/.ssh/config ("web1"). The text reaches ssh's argv, and ssh expands %h into
// ProxyCommand/LocalCommand strings that a shell runs, so only a strict alphabet passes: letters,
// digits, '.', '_', '-' (no leading '-', which ssh would read as an option), IPv6 literals in
// brackets. Everything else is refused with a message saying which part is wrong.
class RemoteHost
{
    Q_DECLARE_TR_FUNCTIONS(RemoteHost)

public:
    // Fills `host` and returns true, or returns false with a one-line reason in `error`.
    static bool parse(const QString &text, RemoteHost *host, QString *error);

    QString user() const { return m_user; } // empty: ssh's own choice (~/.ssh/config, login name)
    QString host() const { return m_host; } // alias, name or address (IPv6 without brackets)
    int port() const { return m_port; } // 0: ssh's own choice
    // The canonical text, e.g. "alice@[fe80::1]:2222": a key for per-host settings and a label.
    QString displayName() const;

    bool operator==(const RemoteHost &other) const
    {
        return m_user == other.m_user && m_host == other.m_host && m_port == other.m_port;
    }

private:
    QString m_user;
    QString m_host;
    int m_port = 0;
};
