#include "sysctl/readonlysysctlchanger.h"

ReadOnlySysctlChanger::ReadOnlySysctlChanger(const QString &reason, QObject *parent)
    : SysctlChanger(parent)
    , m_reason(reason)
{
}

QStringList ReadOnlySysctlChanger::describe(const QStringList &pairs, bool persist) const
{
    Q_UNUSED(pairs);
    Q_UNUSED(persist);
    return {m_reason};
}

void ReadOnlySysctlChanger::start(const QStringList &pairs, bool persist)
{
    // Never reached: apply() reports the reason before asking an implementation.
    Q_UNUSED(pairs);
    Q_UNUSED(persist);
    SysctlApplyReport report;
    report.error = m_reason;
    finish(report);
}
