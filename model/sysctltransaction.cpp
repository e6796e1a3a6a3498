#include "sysctltransaction.h"

#include "networknamespace.h"
#include "sysctlpersister.h"
#include "sysctlrequest.h"
#include "sysctlwriter.h"

#include <unistd.h>

bool SysctlTransaction::inHostNamespace()
{
    char host[64] = {};
    const ssize_t length = readlink("/proc/1/ns/net", host, sizeof(host) - 1);
    return length > 0 && NetworkNamespace::callingThreadNamespaceId() == QLatin1String(host, int(length));
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
    const QString directory = request.persistDirectory.isEmpty() ? SysctlPersister::defaultDirectory()
                                                                 : request.persistDirectory;
    if (request.persist && directory == SysctlPersister::defaultDirectory() && !inHostNamespace()) {
        report.failure = SysctlApplyReport::Failure::Refused;
        report.refusals << tr("sysctl.d applies at boot to the host's network namespace only, and this is not the "
                          "host's; nothing was saved or changed.");
        return report;
    }

    report = SysctlWriter::apply(changes);
    if (!report.ok || !request.persist)
        return report;

    if (SysctlPersister::persist(changes, directory, &report))
        return report;
    // Saving was part of the request: without it, undo the runtime change as well.
    std::vector<SysctlChange> undo;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        if (report.items[i].status == SysctlItemResult::Status::Applied)
            undo.push_back({changes[i].entry, report.items[i].before});
    }
    SysctlWriter::apply(undo);
    for (SysctlItemResult &item : report.items) {
        if (item.status == SysctlItemResult::Status::Applied) {
            item.status = SysctlItemResult::Status::RolledBack;
            item.after = item.before;
            item.reason = SysctlItemResult::Reason::NotSaved;
        }
    }
    report.ok = false;
    report.failure = SysctlApplyReport::Failure::Persist;
    return report;
}
