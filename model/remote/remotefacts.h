#pragma once

#include <QCoreApplication>
#include <QString>

// What the remote said about itself when it had no agent: the line
// "SOCKSCOPE-NO-AGENT arch=x86_64 glibc=2.36 libmnl=yes" our run script prints. It comes from
// the remote, so it is parsed strictly and every value is checked before it is shown.
class RemoteFacts
{
    Q_DECLARE_TR_FUNCTIONS(RemoteFacts)

public:
    // The oldest glibc the pushed agent runs on ("2.35"): the newest GLIBC_x.y symbol version
    // the agent needs, set once in the top-level CMakeLists.txt, where the agent_links test checks it.
    static QString minimumGlibc();

    // Finds the line in `stderrText` (ssh may add its own lines around it).
    static bool parse(const QByteArray &stderrText, RemoteFacts *facts);

    QString architecture() const { return m_architecture; } // `uname -m`
    QString glibc() const { return m_glibc; } // "2.36", or "none" (musl, or getconf missing)
    bool hasLibmnl() const { return m_libmnl; }

    // Empty when an agent built for `agentArchitecture` runs there; otherwise the one reason it
    // does not, saying what to install.
    QString whyAgentCannotRun(const QString &agentArchitecture) const;

private:
    QString m_architecture;
    QString m_glibc;
    bool m_libmnl = false;
};
