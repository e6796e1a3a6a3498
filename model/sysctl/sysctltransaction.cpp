#include "sysctl/sysctltransaction.h"

#include "core/collect/networknamespace.h"
#include "sysctl/sysctlpersister.h"
#include "sysctl/sysctlrequest.h"
#include "sysctl/sysctlwriter.h"

bool SysctlTransaction::inHostNamespace()
{
    // Identities, not "net:[…]" strings: a path or a readlink text says nothing about which
    // namespace a descriptor was opened on.
    bool known = false;
    return NamespaceIdentity::isHost(NamespaceIdentity::ofCallingThread(), &known) && known;
}

SysctlApplyReport SysctlTransaction::run(const Request &request)
{
    SysctlApplyReport report;
    std::vector<SysctlChange> changes;
    QStringList refusals;
    if (!SysctlRequest::parse(request.pairs, SysctlWriter::currentLimits(), &changes, &refusals)) {
        report.failure = SysctlApplyReport::Failure::Refused;
        report.refusals = refusals;
        return report;
    }
    const QString directory = request.persistDirectory.isEmpty() ? SysctlPersister::defaultDirectory() : request.persistDirectory;
    if (request.persist && directory == SysctlPersister::defaultDirectory() && !inHostNamespace()) {
        report.failure = SysctlApplyReport::Failure::Refused;
        report.refusals << tr("sysctl.d applies at boot to the host's network namespace only, and this is not the "
                              "host's; nothing was saved or changed.");
        return report;
    }

    QByteArray fileText;
    if (request.persist && !SysctlPersister::prepare(changes, directory, &fileText, &report)) {
        report.failure = SysctlApplyReport::Failure::Persist; // nothing written anywhere
        return report;
    }
    report = SysctlWriter::apply(changes);
    if (!report.ok || !request.persist)
        return report;

    if (SysctlPersister::persist(changes, directory, fileText, &report))
        return report;
    // Saving was part of the request: without it, undo the runtime change as well.
    SysctlWriter::putBack(changes, &report, SysctlItemResult::Reason::NotSaved);
    report.ok = false;
    report.failure = SysctlApplyReport::Failure::Persist;
    return report;
}
