#pragma once

#include "sysctlcatalog.h"

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

// What became of each requested write.
struct SysctlItemResult
{
    enum class Status {
        Applied,      // written and read back
        Unchanged,    // already had that value: nothing written
        Refused,      // not valid, or not present here: nothing was written at all
        Failed,       // the kernel refused it (or kept another value)
        RolledBack,   // written, then put back because a later item failed
        NotAttempted, // an earlier item failed
    };
    QString name;
    Status status = Status::NotAttempted;
    QString before; // catalog form
    QString requested;
    QString after;
    QString message;
};

struct SysctlApplyReport
{
    // Where it stopped: checking (nothing written), the kernel (all put back), or saving to
    // sysctl.d (all put back).
    enum class Failure { None, Refused, Kernel, Persist };

    bool ok = false;
    Failure failure = Failure::None;
    std::vector<SysctlItemResult> items;
    QString error; // a failure that is about no single item (authorization, the helper, persisting)
    QStringList notes; // e.g. "persisted to ...", "overridden by ..."
};
Q_DECLARE_METATYPE(SysctlApplyReport)
