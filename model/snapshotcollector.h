#pragma once

#include "snapshot.h"
#include "sockdiagcollector.h"

#include <QCoreApplication>
#include <QString>

#include <memory>

// Builds Snapshots: the socket dump plus the cheap /proc and /sys figures. Lives in the
// collecting thread (after it entered the observed namespace) and keeps its netlink socket
// across refreshes.
class SnapshotCollector
{
    Q_DECLARE_TR_FUNCTIONS(SnapshotCollector)

public:
    struct Options
    {
        quint32 stateMask = AllTcpStatesMask;
        QString namespaceLabel;
    };

    explicit SnapshotCollector(Options options);

    // Returns null and a one-line reason when the socket table cannot be read at all; anything
    // less (slabinfo unreadable, IPv6 missing, a /proc file malformed) becomes a warning.
    std::shared_ptr<Snapshot> collect(QString *error);

    const Options &options() const { return m_options; }

private:
    void readSockstat(Snapshot &snapshot);
    void readCounters(Snapshot &snapshot);
    void readSlab(Snapshot &snapshot);
    void readSysctls(Snapshot &snapshot);

    Options m_options;
    SockDiagCollector m_diag;
    std::size_t m_lastSocketCount = 0;
    bool m_slabWarningGiven = false;
};
