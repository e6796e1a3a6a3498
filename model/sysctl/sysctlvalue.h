#pragma once

#include "sysctl/sysctlcatalog.h"

#include <QCoreApplication>
#include <QString>

// Checks a value for a catalog sysctl, strictly: the same code decides in the GUI, in the
// privileged helper and in-process, so nothing the helper would refuse is ever offered.
//
// Value forms (no spaces anywhere, so a value is one argv word):
//   Choice, Integer  decimal digits; no sign, no leading zeros, no overflow
//   PortRange        LOW-HIGH        (written to the kernel as "LOW HIGH")
//   PortList         N or N-M, comma-separated, possibly empty (clears the list)
class SysctlValue
{
    Q_DECLARE_TR_FUNCTIONS(SysctlValue)

public:
    static constexpr int MaximumListItems = 64;

    // What the running kernel imposes beyond the catalog (read in the target namespace).
    struct Limits
    {
        int unprivilegedPortStart = 1024;
    };

    // Returns false and a reason. On success `canonical` is the value in the helper's form.
    static bool validate(const SysctlEntry &entry, const QString &value, const Limits &limits, QString *canonical,
                         QString *error);
    // The text to write to /proc/sys for a canonical value.
    static QByteArray procText(const SysctlEntry &entry, const QString &canonical);
    // A canonical value as people know it from sysctl(8): "32768 60999" for a range.
    static QString displayText(const SysctlEntry &entry, const QString &canonical);
    // The catalog form of what /proc/sys shows ("32768\t60999" -> "32768-60999").
    static QString fromProcText(const SysctlEntry &entry, const QString &text);
    // Strict non-negative decimal: digits only, no leading zero (but "0"), at most `maximum`.
    static bool parseDecimal(const QString &text, qint64 maximum, qint64 *value);
};
