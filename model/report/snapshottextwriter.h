#pragma once

#include <QCoreApplication>
#include <QString>

struct Snapshot;

// The `--format text` summary, in the spirit of `ss -s`, for people at a terminal.
class SnapshotTextWriter
{
    Q_DECLARE_TR_FUNCTIONS(SnapshotTextWriter)

public:
    static QString format(const Snapshot &snapshot, int topPorts);
    static QString formatBytes(std::int64_t bytes);
};
