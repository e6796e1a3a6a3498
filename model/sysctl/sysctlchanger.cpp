#include "sysctl/sysctlchanger.h"

void SysctlChanger::apply(const QStringList &pairs, bool persist)
{
    if (m_busy)
        return;
    m_busy = true;
    if (!canApply()) {
        SysctlApplyReport report;
        report.error = readOnlyReason();
        finish(report);
        return;
    }
    // Asked to keep what cannot be kept: refused whole, rather than changed until the next
    // reboot while the caller believes it kept.
    if (persist && persistRefusal().refused()) {
        SysctlApplyReport report;
        report.error = persistRefusal().reason;
        finish(report);
        return;
    }
    start(pairs, persist);
}

void SysctlChanger::finish(const SysctlApplyReport &report)
{
    m_busy = false;
    emit finished(report);
}
