#pragma once

#include "sysctlchange.h"
#include "sysctlvalue.h"

#include <QCoreApplication>

// Writes sysctls in the calling thread's network namespace, all or nothing: every item is
// checked (present here, readable) before the first write; each write is read back; when the
// kernel refuses an item, those already written are put back. Used by the privileged helper
// and, when sockscope already has the right, in-process.
class SysctlWriter
{
    Q_DECLARE_TR_FUNCTIONS(SysctlWriter)

public:
    static SysctlApplyReport apply(const std::vector<SysctlChange> &changes);
    // What the kernel imposes here (ip_unprivileged_port_start), for validation.
    static SysctlValue::Limits currentLimits();

private:
    static bool readValue(const SysctlEntry &entry, QString *value, int *errorNumber);
    static bool writeValue(const SysctlEntry &entry, const QString &canonical, int *errorNumber);
};
