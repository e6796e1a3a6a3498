#include "lab/labsysctlchanger.h"

#include "lab/labsource.h"
#include "sysctl/sysctlrequest.h"

#include <QFileInfo>

LabSysctlChanger::LabSysctlChanger(LabSource *lab, const QString &helperProgram)
    : SysctlChanger(lab)
    , m_lab(lab)
    , m_helper(helperProgram)
{
    // Every report of the lab, also of the sysctls its scenario set (LabSource::applySysctls).
    connect(lab, &LabSource::sysctlsApplied, this, &LabSysctlChanger::finish);
}

QStringList LabSysctlChanger::describe(const QStringList &pairs, bool persist) const
{
    Q_UNUSED(persist); // never offered (persistRefusal)
    return {tr("Apply writes them in the lab's own network namespace, as root of the lab's user namespace (no "
               "password, nothing of the host changes): %1 apply %2")
                .arg(QFileInfo(m_helper).fileName(), pairs.join(QLatin1Char(' ')))};
}

SysctlChanger::PersistRefusal LabSysctlChanger::persistRefusal() const
{
    return {tr("Not available in the lab: its sysctls end with it"),
            tr("The lab's sysctls belong to its own network namespace and end with it; /etc/sysctl.d applies to the "
               "host only.")};
}

void LabSysctlChanger::start(const QStringList &pairs, bool persist)
{
    Q_UNUSED(persist);
    // The lab's agent reads one command per line: only catalog names with values SysctlValue
    // accepts, in their canonical words, are sent, so no word can carry a newline (another
    // command) or anything else the agent would take for more than a sysctl.
    std::vector<SysctlChange> changes;
    QStringList refusals;
    if (pairs.isEmpty() || !SysctlRequest::parse(pairs, SysctlValue::Limits(), &changes, &refusals)) {
        SysctlApplyReport report;
        report.error = tr("Nothing was sent: %1").arg(refusals.join(QLatin1Char(' ')));
        finish(report);
        return;
    }
    m_lab->applySysctls(SysctlRequest::toArguments(changes));
}
