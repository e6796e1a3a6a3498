#pragma once

#include "sysctl/sysctlchange.h"
#include "sysctl/sysctlvalue.h"

#include <QCoreApplication>

// Writes sysctls in the calling thread's network namespace, all or nothing: every item is
// checked (present here, readable) before the first write; each write is read back; when the
// kernel refuses an item, those already written are put back, and each item's `after` is what
// the kernel holds at the end, re-read. Used by the privileged helper and, when sockscope already
// has the right, in-process.
class SysctlWriter
{
    Q_DECLARE_TR_FUNCTIONS(SysctlWriter)

public:
    // Longer values are refused rather than cut: 65,536 single ports as text take ~360 KiB.
    static constexpr int MaximumValueBytes = 1 << 20;

    static SysctlApplyReport apply(const std::vector<SysctlChange> &changes);
    // Restores every Applied item of `report` (made by apply(changes)) to its `before`, checked
    // by reading it again: RolledBack with `reason`, or PutBackFailed and what the kernel holds.
    static void putBack(const std::vector<SysctlChange> &changes, SysctlApplyReport *report, SysctlItemResult::Reason reason);
    // What the kernel imposes here (ip_unprivileged_port_start), for validation.
    static SysctlValue::Limits currentLimits();

    // The whole value, however long. proc_do_large_bitmap (ip_local_reserved_ports) formats the
    // value once, at offset 0, and returns EOF for any later offset: a buffer that fills is too
    // small, so the read starts over with a larger one instead of continuing.
    static bool readText(const QString &path, QByteArray *text, int *errorNumber);
    // The whole value on one open file. proc_do_large_bitmap takes at most PAGE_SIZE - 1 bytes per
    // write() (stopping before a cut number) and ORs what later writes at a non-zero offset add,
    // so a long list needs every short write continued; one short write alone sets a prefix.
    static bool writeText(const QString &path, const QByteArray &text, int *errorNumber);

private:
    static bool readValue(const SysctlEntry &entry, QString *value, int *errorNumber);
    static bool writeValue(const SysctlEntry &entry, const QString &canonical, int *errorNumber);
    // Puts `item` back to its `before` and records what the kernel holds afterwards.
    static void restore(const SysctlEntry &entry, SysctlItemResult *item);
};
