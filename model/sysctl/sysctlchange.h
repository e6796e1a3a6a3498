#pragma once

#include "sysctl/sysctlcatalog.h"

#include <QCoreApplication>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <vector>

// One requested write: a catalog entry and a value already checked and in canonical form.
struct SysctlChange
{
    const SysctlEntry *entry = nullptr;
    QString value;
};

// What became of each requested write. Reasons are codes, not sentences: the privileged helper
// runs without the user's language, so the window words them (describe()) in its own.
struct SysctlItemResult
{
    Q_DECLARE_TR_FUNCTIONS(SysctlItemResult)

public:
    enum class Status {
        Applied, // written and read back
        Unchanged, // already had that value: nothing written
        Refused, // not present or not readable here: nothing was written at all
        Failed, // the kernel refused it (or kept another value)
        RolledBack, // written, then put back because a later item failed or saving failed
        NotAttempted, // an earlier item failed
    };
    enum class Reason {
        None,
        Absent, // not on this kernel, or not in this namespace
        Unreadable, // errorNumber
        KernelRefused, // the write failed: errorNumber
        KernelKept, // read back `after` instead; put back to `before` when `restored`
        PutBack, // restored to `before`
        PutBackFailed, // restoring failed: errorNumber
        NotSaved, // put back because saving to sysctl.d failed
    };

    QString name;
    Status status = Status::NotAttempted;
    Reason reason = Reason::None;
    int errorNumber = 0;
    bool restored = false;
    QString before; // catalog form
    QString requested;
    QString after; // what the kernel holds at the end, re-read (empty: unreadable)

    // After a failed request: whether the kernel holds `before` again (or never lost it).
    bool isAsBefore() const;
    // The reason in the current language ("the kernel refused the value (Invalid argument)").
    QString describe() const;
};

struct SysctlApplyReport
{
    Q_DECLARE_TR_FUNCTIONS(SysctlApplyReport)

public:
    // Where it stopped: checking (nothing written), the kernel (all put back), or saving to
    // sysctl.d (all put back).
    enum class Failure { None, Refused, Kernel, Persist };
    struct Override
    {
        QString name;
        QString file;
        QString value;
    };

    bool ok = false;
    Failure failure = Failure::None;
    std::vector<SysctlItemResult> items;
    QStringList refusals; // why a request was refused before anything was looked at
    QString savedTo; // the sysctl.d file written, when persisting
    std::vector<Override> overrides; // later sysctl.d files that set the same keys
    int persistErrorNumber = 0;
    QString persistPath;
    QString error; // a failure no code describes (authorization, the helper itself)

    // Sentences for the notes and the failure, in the current language.
    QStringList notes() const;
    QString describeError() const;
};
Q_DECLARE_METATYPE(SysctlApplyReport)
