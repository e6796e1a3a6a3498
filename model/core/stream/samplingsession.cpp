#include "core/stream/samplingsession.h"

#include "core/snapshot/counterrates.h"

#include <ctime>

namespace {
// The collecting thread's CPU, user + system: the kernel's dump work runs in its recvmsg, so it
// counts; other threads of the process (a window's GUI) do not.
double threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}
}

SamplingSession::SamplingSession(Options options)
    : m_options(std::move(options))
    , m_collector(SnapshotCollector::Options {m_options.stateMask, m_options.namespaceLabel})
    , m_pacer(m_options.dumpBudget)
{
}

void SamplingSession::setWriter(RecordingWriter *writer)
{
    m_writer = writer;
    m_lastTableMs = -1;
    m_lastDumpWritten = false;
    if (writer)
        m_dumpWanted = true;
}

std::int64_t SamplingSession::nextTableAllowedMs() const
{
    return m_lastTableMs < 0 ? 0 : m_lastTableMs + MinimumTablePeriodMs;
}

bool SamplingSession::tableDue(std::int64_t nowMs) const
{
    if (!m_writer)
        return false;
    if (m_lastTableMs < 0)
        return true;
    if (m_options.tablePeriodMs >= 0 && nowMs - m_lastTableMs + TableSlackMs >= m_options.tablePeriodMs)
        return true;
    return m_tableWanted && nowMs >= nextTableAllowedMs();
}

bool SamplingSession::writeTable(std::int64_t nowMs, const Snapshot &snapshot)
{
    if (!m_writer->writeSnapshot(snapshot))
        return false;
    m_lastTableMs = nowMs;
    m_tableWanted = false;
    m_lastDumpWritten = true;
    return true;
}

SamplingSession::Result SamplingSession::sample(std::int64_t nowMs, Sample *out, CoreMessage *error)
{
    const double cpuStart = threadCpuMs();
    const bool dump = !m_lastDump || m_dumpWanted || m_pacer.dumpDue(nowMs);
    std::shared_ptr<Snapshot> snapshot;
    if (dump) {
        // The last dump's rows go back to the collector, which fills them again (one table's
        // memory, not two), unless someone still holds that snapshot (the window shows it).
        if (m_lastDump && m_lastDump.use_count() == (m_previous == m_lastDump ? 2 : 1)) {
            m_collector.recycle(std::move(m_lastDump->sockets));
            m_lastDump->sockets = std::vector<SocketRecord>();
            m_lastDump->owners.perSocket = std::vector<OwnerRef>();
        }
        snapshot = m_collector.collect(error);
        if (!snapshot) {
            m_pacer.spend(nowMs, threadCpuMs() - cpuStart);
            return Result::CollectFailed; // a later sample tries again
        }
        m_dumpWanted = false;
    } else {
        snapshot = m_collector.refresh(*m_lastDump);
    }
    if (m_previous && m_previous->namespaceId == snapshot->namespaceId)
        snapshot->rates = CounterRatesCalculator::between(*m_previous, *snapshot);
    out->summary = m_summarizer.summarize(*snapshot, &out->ownerLabels);
    out->dumped = dump;
    bool ok = !m_writer || m_writer->writeSummary(out->summary, out->ownerLabels);
    // A table is the rows of a dump: one due (or asked for) goes out with the next dump.
    const bool tabled = ok && dump && tableDue(nowMs);
    if (tabled)
        ok = writeTable(nowMs, *snapshot);
    m_previous = snapshot;
    if (dump) {
        m_pacer.spend(nowMs, threadCpuMs() - cpuStart + m_collector.lastWalkCpuMs());
        m_lastDump = snapshot;
        m_lastDumpWritten = tabled;
    }
    out->snapshot = std::move(snapshot);
    return ok ? Result::Sampled : Result::OutputFailed;
}

bool SamplingSession::writeLastTable()
{
    if (!m_writer || !m_lastDump || m_lastDumpWritten)
        return true;
    return writeTable(m_lastTableMs, *m_lastDump);
}
