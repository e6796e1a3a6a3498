#include "snapshotcollector.h"

#include "networknamespace.h"
#include "procfile.h"
#include "procnetcountersparser.h"
#include "slabestimator.h"
#include "slabinfoparser.h"
#include "snapshotaggregator.h"
#include "sockstatparser.h"
#include "sysctlreader.h"

#include <QDateTime>

#include <ctime>
#include <unistd.h>

namespace {
qint64 monotonicNow()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

}

SnapshotCollector::SnapshotCollector(Options options)
    : m_options(std::move(options))
{
}

std::shared_ptr<Snapshot> SnapshotCollector::collect(QString *error)
{
    const qint64 start = monotonicNow();
    auto snapshot = std::make_shared<Snapshot>();
    snapshot->wallTimeMs = QDateTime::currentMSecsSinceEpoch();
    snapshot->namespaceLabel = m_options.namespaceLabel;
    snapshot->namespaceId = NetworkNamespace::callingThreadNamespaceId();
    snapshot->namespaceIdentity = NamespaceIdentity::ofCallingThread();
    snapshot->stateMask = m_options.stateMask;

    // sockstat is cheap and tells roughly how many records to expect: reserve once instead of
    // letting the vector double (and briefly hold 1.5× the table) during the dump.
    readSockstat(*snapshot);
    std::size_t expected = m_lastSocketCount;
    if (snapshot->sockstat.valid) {
        expected = std::max<std::size_t>(expected, std::size_t(snapshot->sockstat.tcpInUse + snapshot->sockstat.tcpTimeWait
                                                               + snapshot->sockstat.tcp6InUse));
    }
    snapshot->sockets.reserve(expected + expected / 8 + 256);

    const qint64 dumpStart = monotonicNow();
    SockDiagCollector::Request request;
    request.stateMask = m_options.stateMask;
    const SockDiagCollector::Outcome outcome = m_diag.dump(request, snapshot->sockets);
    snapshot->monotonicNs = monotonicNow();
    snapshot->dumpNs = snapshot->monotonicNs - dumpStart;
    if (!outcome.ok) {
        *error = outcome.error;
        return nullptr;
    }
    snapshot->consistent = outcome.consistent;
    snapshot->ipv6Available = outcome.ipv6Available;
    snapshot->warnings << outcome.warnings;
    m_lastSocketCount = snapshot->sockets.size();

    readCounters(*snapshot);
    readSysctls(*snapshot);
    SnapshotAggregator::aggregate(*snapshot);
    readSlab(*snapshot);

    snapshot->collectNs = monotonicNow() - start;
    return snapshot;
}

void SnapshotCollector::readSockstat(Snapshot &snapshot)
{
    const ProcFile sockstat = ProcFile::read(ProcFile::threadNetPath("sockstat"));
    if (!sockstat.ok()) {
        snapshot.warnings << tr("Cannot read /proc/net/sockstat: %1.").arg(sockstat.error);
    } else if (!SockstatParser::parseSockstat(sockstat.contents, &snapshot.sockstat)) {
        snapshot.warnings << tr("/proc/net/sockstat has no readable TCP line.");
    }
    const ProcFile sockstat6 = ProcFile::read(ProcFile::threadNetPath("sockstat6"));
    if (sockstat6.ok())
        SockstatParser::parseSockstat6(sockstat6.contents, &snapshot.sockstat);
    // sockstat6 is absent when IPv6 is disabled: nothing to report.
}

void SnapshotCollector::readCounters(Snapshot &snapshot)
{
    bool ok = true;
    for (const char *file : {"netstat", "snmp"}) {
        const ProcFile counters = ProcFile::read(ProcFile::threadNetPath(file));
        QString error;
        if (!counters.ok()) {
            snapshot.warnings << tr("Cannot read /proc/net/%1: %2.").arg(QLatin1String(file), counters.error);
            ok = false;
        } else if (!ProcNetCountersParser::parse(counters.contents, &snapshot.counters, &error)) {
            snapshot.warnings << tr("/proc/net/%1 is malformed: %2").arg(QLatin1String(file), error);
            ok = false;
        }
    }
    snapshot.countersValid = ok;
}

void SnapshotCollector::readSlab(Snapshot &snapshot)
{
    const ProcFile slabinfo = ProcFile::read(QStringLiteral("/proc/slabinfo"));
    QString error;
    if (slabinfo.ok()) {
        if (!SlabinfoParser::parse(slabinfo.contents, sysconf(_SC_PAGESIZE), &snapshot.slab, &error)) {
            snapshot.slab = SlabFigures();
            snapshot.slab.slabinfoError = error;
        }
    } else {
        snapshot.slab.slabinfoError = slabinfo.status == ProcFile::Status::PermissionDenied
            ? tr("/proc/slabinfo is readable by root only")
            : tr("cannot read /proc/slabinfo: %1").arg(slabinfo.error);
    }
    SlabEstimator::estimateMissing(snapshot);
    if (!snapshot.slab.slabinfoReadable && !m_slabWarningGiven) {
        // Said once per collector: the status bar shows it for good, a warning every second would drown others.
        m_slabWarningGiven = true;
        snapshot.warnings << tr("Slab memory is estimated: %1.").arg(snapshot.slab.slabinfoError);
    }
}

void SnapshotCollector::readSysctls(Snapshot &snapshot)
{
    snapshot.sysctls.reserve(std::size_t(SysctlReader::snapshotSet().size()));
    for (const QString &name : SysctlReader::snapshotSet())
        snapshot.sysctls.push_back(SysctlReader::read(name));
}
