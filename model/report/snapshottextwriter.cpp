#include "report/snapshottextwriter.h"

#include "wording/coremessagetext.h"
#include "wording/portbudgettext.h"
#include "core/snapshot/snapshot.h"
#include "core/snapshot/snapshottextreport.h"
#include "sysctl/sysctlcatalog.h"

#include <QLocale>

namespace {
std::string s(const QString &text)
{
    return text.toStdString();
}
}

QString SnapshotTextWriter::formatBytes(std::int64_t bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

SnapshotTextLabels SnapshotTextWriter::labels()
{
    SnapshotTextLabels l;
    // With the UTC offset ("2026-11-25T01:04:50+01:00"): a pasted report must say which time.
    l.header = s(tr("sockscope %1 — host %2, kernel %3, network namespace %4 (%5), %6\n"));
    l.sockets = s(tr("TCP sockets: %1 (IPv4 %2, IPv6 %3), listed in %4 ms%5\n"));
    l.inconsistent = s(tr(" — inconsistent: the table changed during the dump"));
    l.statesCounted = s(tr("states counted: %1 (filter)\n"));
    l.states = s(tr("States: %1\n"));
    l.rows = s(tr("%1 rows"));
    l.notCounted = s(tr("not counted (not in --states)"));
    l.timeWaitTable = s(tr("TIME-WAIT: %1; timewait table (sockstat tw, TIME-WAIT and orphaned FIN-WAIT-2) %2 of "
                           "tcp_max_tw_buckets %3 (%4%)\n"));
    l.timeWait = s(tr("TIME-WAIT: %1\n"));
    l.byLocalPort = s(tr("  by local port:  %1\n"));
    l.byRemotePort = s(tr("  by remote port: %1\n"));
    l.byProcess = s(tr("  by process:     %1\n"));
    //: TIME-WAIT by process: command[pid] ×count
    l.processCount = s(tr("%1[%2] ×%3"));
    //: TIME-WAIT by unit (no process known): unit ×count
    l.unitCount = s(tr("%1 ×%2"));
    //: TIME-WAIT attributed via a listener held by one process: command(s) ×count (no pid: which process closed is not known)
    l.listenerHolder = s(tr("%1 (the process holding the listener) ×%2"));
    //: TIME-WAIT attributed via a listener held by several processes: command(s), number of processes, ×count
    l.listenerHolders = s(tr("%1 (%2 processes holding the listener) ×%3"));
    //: TIME-WAIT attributed "likely" to the processes of one command (a pre-fork client): command, number of processes, ×count
    l.clientProcesses = s(tr("%1 (%2 processes with connections there) ×%3"));
    //: A number of processes that is a floor: more were there than are counted (the %2 of the lines above)
    l.atLeast = s(tr("at least %1"));
    l.evidenceCounts = s(tr(" (%1 exact, %2 via listener, %3 likely, %4 by cgroup)"));
    //: %5: live connections of no known owner to the endpoints of the %4 entries
    l.evidenceCountsUnknown =
        s(tr(" (%1 exact, %2 via listener, %3 likely, %4 likely with %5 unknown connections there, %6 by cgroup)"));
    l.listenerNote = s(tr("                  via listener: to the processes holding the port's listening socket, "
                          "not necessarily the one that served and closed the connection\n"));
    l.unattributed = s(tr("not attributed ×%1"));
    //: TIME-WAIT on the ports inside ip_local_port_range, as one entry: lowest port, highest port, ×count
    l.ephemeralPorts = s(tr("ephemeral %1–%2 ×%3"));
    l.ephemeral = s(tr("Ephemeral ports %1–%2 (%3 per destination):"));
    l.noneInUse = s(tr(" none in use\n"));
    l.busiest = s(tr(" busiest %1 → %2 uses %3 (%4%)\n"));
    l.budget = s(tr("  budget: %1\n"));
    l.sockstat = s(tr("sockstat: this namespace inuse %1, tw %3; host-wide orphan %2, alloc %4, mem %5 pages\n"));
    l.slabCache = s(tr("%1 %2 objects, %3%4"));
    l.estimate = s(tr(" (estimate)"));
    l.slab = s(tr("Slab: %1\n"));
    l.estimated = s(tr("  estimated (%1): %2\n"));
    l.counters = s(tr("Counters: %1\n"));
    l.perSecond = s(tr("Per second over %1 s: %2\n"));
    l.absent = s(tr("(%1)"));
    l.unreadable = s(tr("(unreadable: %1)"));
    l.empty = s(tr("(empty)"));
    l.negativeHash = s(tr("%1 (negative: this namespace shares the host's hash table)"));
    l.stillRecycle = s(tr("%1 (this kernel still has it; it was removed in Linux 4.12)"));
    l.sysctls = s(tr("Sysctls:\n%1\n"));
    l.warning = s(tr("Warning: %1\n"));
    l.message = &CoreMessageText::utf8;
    l.budgetPhrases = PortBudgetText::phrases();
    l.whyAbsent = [](const SysctlReading &reading) {
        return s(SysctlCatalog::absentText(SysctlCatalog::find(QString::fromStdString(reading.name))));
    };
    return l;
}

QString SnapshotTextWriter::format(const Snapshot &snapshot, int topPorts, bool ephemeralPorts)
{
    return QString::fromStdString(SnapshotTextReport::format(snapshot, topPorts, labels(), ephemeralPorts));
}
