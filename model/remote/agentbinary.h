#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

// Our own agent executable, the one that may be copied to a server: where it is, its sha256
// (the name of the remote copy and the check before it runs) and the CPU it is built for, read
// from its ELF header (the machine sockscope runs on need not be the one the file targets).
class AgentBinary
{
    Q_DECLARE_TR_FUNCTIONS(AgentBinary)

public:
    // Next to the running sockscope first (a build tree, a relocated install), then the install
    // path CMake fixed (SOCKSCOPE_AGENT_PATH).
    static QStringList defaultCandidates();
    // The first candidate that exists and loads; false with the reason otherwise.
    static bool locate(const QStringList &candidates, AgentBinary *agent, QString *error);
    static bool load(const QString &path, AgentBinary *agent, QString *error);
    // Ours from the default candidates, or one with an empty path when there is none: a server
    // with an installed sockscope-agent is still watched, only nothing can be copied to one.
    static AgentBinary ours();

    QString path() const { return m_path; }
    QString sha256() const { return m_sha256; } // 64 lowercase hex digits
    QString architecture() const { return m_architecture; } // as `uname -m` names it
    QByteArray contents() const { return m_contents; }

private:
    QString m_path;
    QString m_sha256;
    QString m_architecture;
    QByteArray m_contents;
};
