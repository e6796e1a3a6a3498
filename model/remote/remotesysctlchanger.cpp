#include "remote/remotesysctlchanger.h"

#include "remote/remotesysctlapplier.h"

RemoteSysctlChanger::RemoteSysctlChanger(const RemoteHost &host, QObject *parent)
    : SysctlChanger(parent)
    , m_hostName(host.displayName())
    , m_applier(new RemoteSysctlApplier(host, this))
{
    // Decided on first use: whether sudo -n runs the helper there is known only by trying
    // (sudo -l itself may want a password).
    connect(m_applier, &RemoteSysctlApplier::finished, this, &RemoteSysctlChanger::applierFinished);
}

QStringList RemoteSysctlChanger::describe(const QStringList &pairs, bool persist) const
{
    Q_UNUSED(persist); // never offered (persistRefusal)
    QStringList lines;
    const QString command = m_applier->remoteCommand(pairs);
    if (!m_sudoRefused && !command.isEmpty())
        lines << tr("Apply runs over ssh on %1: %2").arg(m_hostName, command);
    lines << tr("Without a sudoers rule for the helper, run this on %1 as root:").arg(m_hostName);
    lines << RemoteSysctlApplier::manualCommands(pairs);
    return lines;
}

SysctlChanger::PersistRefusal RemoteSysctlChanger::persistRefusal() const
{
    // The helper runs there with `apply` only: the sudoers rule is for runtime changes, and
    // /proc/1/ns/net here says nothing about the remote host's namespaces.
    return {tr("Not available over ssh: set it in /etc/sysctl.d/ on the host"),
            tr("Keeping a value after reboot is done on the remote host itself, in /etc/sysctl.d/.")};
}

void RemoteSysctlChanger::start(const QStringList &pairs, bool persist)
{
    Q_UNUSED(persist);
    m_lastPairs = pairs;
    m_applier->apply(pairs);
}

void RemoteSysctlChanger::applierFinished(SysctlApplyReport report, bool refused)
{
    if (refused) {
        m_sudoRefused = true;
        report.error += QLatin1Char(' ') + tr("Run this there as root:") + QLatin1Char('\n')
            + RemoteSysctlApplier::manualCommands(m_lastPairs).join(QLatin1Char('\n'));
    } else if (report.ok) {
        m_sudoRefused = false;
    }
    finish(report);
}
