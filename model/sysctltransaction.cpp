#include "sysctltransaction.h"

#include "networknamespace.h"
#include "sysctlpersister.h"
#include "sysctlrequest.h"
#include "sysctlwriter.h"

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
    const SysctlApplyReport undone = SysctlWriter::apply(undo);
    std::size_t next = 0;
    for (SysctlItemResult &item : report.items) {
        if (item.status != SysctlItemResult::Status::Applied)
            continue;
        const SysctlItemResult &back = undone.items.at(next++);
        item.status = SysctlItemResult::Status::RolledBack;
        // The undo's own check: what the kernel holds now, and whether that is `before` again.
        item.after = back.status == SysctlItemResult::Status::Failed ? back.after : back.before;
        if (back.status == SysctlItemResult::Status::Applied || back.status == SysctlItemResult::Status::Unchanged) {
            item.after = back.after;
            item.reason = SysctlItemResult::Reason::NotSaved;
        } else {
            item.reason = SysctlItemResult::Reason::PutBackFailed;
            item.errorNumber = back.errorNumber;
        }
    }
    report.ok = false;
    report.failure = SysctlApplyReport::Failure::Persist;
    return report;
}
