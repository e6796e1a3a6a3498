#include "sysctl/sysctlchange.h"

#include <cerrno>
#include <cstring>

namespace {
QString errnoText(int errorNumber)
{
    return QString::fromLocal8Bit(std::strerror(errorNumber));
}
}

QString SysctlItemResult::describe() const
{
    switch (reason) {
    case Reason::None: return QString();
    case Reason::Absent: return tr("not present on this kernel or in this namespace");
    case Reason::Unreadable: return tr("cannot read it: %1").arg(errnoText(errorNumber));
    case Reason::KernelRefused:
        return errorNumber == EINVAL ? tr("the kernel refused the value (%1)").arg(errnoText(errorNumber))
                                     : errnoText(errorNumber);
    case Reason::KernelKept:
        return restored ? tr("the kernel kept %1 instead; put back to %2").arg(after, before)
                        : tr("the kernel kept %1 instead").arg(after);
    case Reason::PutBack: return tr("put back to %1").arg(before);
    case Reason::PutBackFailed:
        return tr("could not be put back to %1 (%2); the kernel holds %3")
            .arg(before, errnoText(errorNumber), after.isEmpty() ? tr("an unreadable value") : after);
    case Reason::NotSaved: return tr("put back: it could not be saved");
    }
    return QString();
}

bool SysctlItemResult::isAsBefore() const
{
    switch (status) {
    case Status::RolledBack: return reason != Reason::PutBackFailed;
    case Status::Failed: return after == before;
    default: return true;
    }
}

QStringList SysctlApplyReport::notes() const
{
    QStringList notes;
    if (!savedTo.isEmpty())
        notes << tr("Saved to %1; applied at every boot.").arg(savedTo);
    for (const Override &o : overrides)
        notes << tr("%1 is set again in %2 (= %3), which is applied later and wins at boot.").arg(o.name, o.file, o.value);
    return notes;
}

QString SysctlApplyReport::describeError() const
{
    // An undo that did not take comes first: the system is in neither the old state nor the new.
    for (const SysctlItemResult &item : items) {
        if (!item.isAsBefore())
            return tr("%1 could not be restored to %2; the kernel holds %3. Check it and set it by hand.")
                .arg(item.name, item.before, item.after.isEmpty() ? tr("an unreadable value") : item.after);
    }
    switch (failure) {
    case Failure::None: return error;
    case Failure::Refused: return refusals.isEmpty() ? tr("Nothing was changed.") : refusals.join(QLatin1Char('\n'));
    case Failure::Kernel:
        for (const SysctlItemResult &item : items) {
            if (item.status == SysctlItemResult::Status::Failed)
                return item.reason == SysctlItemResult::Reason::KernelKept
                    ? tr("%1 did not take the value; everything was put back.").arg(item.name)
                    : tr("%1 was not changed; nothing else was either.").arg(item.name);
        }
        return tr("Nothing was changed.");
    case Failure::Persist:
        return (QStringList {(items.empty() ? tr("Cannot save to %1: %2. Nothing was changed.")
                                            : tr("Cannot save to %1: %2. The change was put back."))
                                 .arg(persistPath, QString::fromLocal8Bit(std::strerror(persistErrorNumber)))}
                + refusals)
            .join(QLatin1Char('\n'));
    }
    return error;
}
