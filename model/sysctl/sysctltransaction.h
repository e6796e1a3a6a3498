#pragma once

#include "sysctl/sysctlchange.h"

#include <QCoreApplication>
#include <QStringList>

// One request to change sysctls, all or nothing: validated against the kernel here, written,
// read back, and, when asked, saved to sysctl.d; if saving fails the runtime change is undone
// too. Runs in the calling thread's network namespace: the helper's, or the sampler's thread for
// sockscope running with the right already.
class SysctlTransaction
{
    Q_DECLARE_TR_FUNCTIONS(SysctlTransaction)

public:
    struct Request
    {
        QStringList pairs; // name=value words
        bool persist = false;
        QString persistDirectory; // empty: /etc/sysctl.d
    };

    static SysctlApplyReport run(const Request &request);
    // Whether the calling thread is in the host's (pid 1's) network namespace.
    static bool inHostNamespace();
};
