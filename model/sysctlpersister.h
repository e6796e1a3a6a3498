#pragma once

#include "sysctlchange.h"

#include <QString>
#include <QStringList>

// Keeps changes across reboots in one file sockscope owns, /etc/sysctl.d/90-sockscope.conf,
// written atomically (temporary file, fsync, rename, fsync of the directory). sysctl.d is applied
// at boot to the host's network namespace only.
class SysctlPersister
{
public:
    static QString defaultDirectory() { return QStringLiteral("/etc/sysctl.d"); }
    static QString fileName() { return QStringLiteral("90-sockscope.conf"); }

    // Merges `changes` into directory/90-sockscope.conf and fills the report's savedTo and
    // overrides (later-sorting files that set the same key); on failure, persistPath and
    // persistErrorNumber, and returns false.
    static bool persist(const std::vector<SysctlChange> &changes, const QString &directory, SysctlApplyReport *report);
    // The file's text for these settings (name -> catalog-form value), as persist() writes it.
    static QByteArray render(const QList<QPair<QString, QString>> &settings);
};
