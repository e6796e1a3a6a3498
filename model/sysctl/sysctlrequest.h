#pragma once

#include "sysctl/sysctlchange.h"
#include "sysctl/sysctlvalue.h"

#include <QCoreApplication>

// Turns "name=value" words (the helper's arguments) into checked changes. Only catalog names are
// accepted, compared as whole strings: no path, no "..", nothing a shell would expand. Any bad
// word refuses the whole request.
class SysctlRequest
{
    Q_DECLARE_TR_FUNCTIONS(SysctlRequest)

public:
    static constexpr int MaximumPairs = 32;

    static bool parse(const QStringList &pairs, const SysctlValue::Limits &limits, std::vector<SysctlChange> *changes,
                      QStringList *refusals);
    // The words for a list of changes: what the GUI passes to the helper.
    static QStringList toArguments(const std::vector<SysctlChange> &changes);
};
