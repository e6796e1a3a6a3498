#include "remote/remotefacts.h"

#include <QList>
#include <QRegularExpression>

bool RemoteFacts::parse(const QByteArray &stderrText, RemoteFacts *facts)
{
    static const QRegularExpression line(
        QStringLiteral("^SOCKSCOPE-NO-AGENT arch=([A-Za-z0-9_]{1,32}) glibc=([0-9]{1,3}\\.[0-9]{1,3}|none) libmnl=(yes|no)$"));
    const QList<QByteArray> lines = stderrText.split('\n');
    for (const QByteArray &candidate : lines) {
        const QRegularExpressionMatch match = line.match(QString::fromLatin1(candidate.trimmed()));
        if (!match.hasMatch())
            continue;
        facts->m_architecture = match.captured(1);
        facts->m_glibc = match.captured(2);
        facts->m_libmnl = match.captured(3) == QLatin1String("yes");
        return true;
    }
    return false;
}

QString RemoteFacts::minimumGlibc()
{
    return QStringLiteral(SOCKSCOPE_AGENT_MINIMUM_GLIBC);
}

QString RemoteFacts::whyAgentCannotRun(const QString &agentArchitecture) const
{
    if (m_architecture != agentArchitecture) {
        return tr("The remote host is a %1 machine and this sockscope's agent is built for %2: install the "
                  "sockscope-agent package for %1 on the remote host.")
            .arg(m_architecture, agentArchitecture);
    }
    const QString minimum = minimumGlibc();
    const QStringList parts = m_glibc.split(QLatin1Char('.'));
    const QStringList needed = minimum.split(QLatin1Char('.'));
    const bool oldEnough = parts.size() == 2
        && (parts[0].toInt() > needed[0].toInt()
            || (parts[0].toInt() == needed[0].toInt() && parts[1].toInt() >= needed[1].toInt()));
    if (!oldEnough) {
        return m_glibc == QLatin1String("none")
            ? tr("The remote host has no GNU C library (glibc %1 or newer is needed): install the "
                 "sockscope-agent package built for it.")
                  .arg(minimum)
            : tr("The remote host has glibc %1, older than the %2 the agent needs: install the "
                 "sockscope-agent package built for that system.")
                  .arg(m_glibc, minimum);
    }
    if (!m_libmnl)
        return tr("The remote host lacks libmnl.so.0: install it there with 'apt install libmnl0' (or "
                  "install the sockscope-agent package, which pulls it in).");
    return {};
}
