#pragma once

#include "core/snapshot/snapshottextreport.h"

#include <QCoreApplication>
#include <QString>

struct Snapshot;

// The `--format text` summary in the user's language: the core's report (SnapshotTextReport)
// with its patterns from tr(), its port budgets and the catalog's notes on absent sysctls.
class SnapshotTextWriter
{
    Q_DECLARE_TR_FUNCTIONS(SnapshotTextWriter)

public:
    static QString format(const Snapshot &snapshot, int topPorts, bool ephemeralPorts = false);
    static QString formatBytes(std::int64_t bytes);
    static SnapshotTextLabels labels();
};
