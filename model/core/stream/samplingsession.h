#pragma once

#include "core/collect/coremessage.h"
#include "core/snapshot/dumppacer.h"
#include "core/stream/recordingwriter.h"
#include "core/snapshot/samplesummary.h"
#include "core/snapshot/snapshot.h"
#include "core/snapshot/snapshotcollector.h"

#include <cstdint>
#include <memory>
#include <string>

// One sampling session: collect -> counter rates -> summary and its owners' names -> frames,
// with the dump pacer (which samples dump the sockets) and the table cadence (which dumps go out
// as a socket table). The agent's --stream and --record, `sockscope --record` and the window's
// local source all drive one of these, so they sample and write alike; the driver only keeps
// the clock (when to call sample()) and carries the results where they go.
//
// Lives in the collecting thread (after it entered the observed namespace).
class SamplingSession
{
public:
    // A reader repeating "table" must not make a session walk and encode a 262k-socket table
    // as fast as it can: a table asked for comes at most this often.
    static constexpr std::int64_t MinimumTablePeriodMs = 1000;
    // Samples come on a clock whose ticks wander by a few ms: one a little early for its table
    // (a table every 1 s, samples every 1 s) still takes it rather than leaving it to the next.
    static constexpr std::int64_t TableSlackMs = 50;

    struct Options
    {
        std::uint32_t stateMask = AllTcpStatesMask;
        std::string namespaceLabel;
        double dumpBudget = DumpPacer::DefaultBudget;
        // A table every this many ms (0: with every dump; negative: only the first and those
        // asked for).
        std::int64_t tablePeriodMs = 10000;
    };

    struct Sample
    {
        // This sample's figures; between dumps the socket figures are the last dump's (with their
        // age) and `sockets` is empty.
        std::shared_ptr<const Snapshot> snapshot;
        SampleSummary summary;
        OwnerLabels ownerLabels; // the names of summary.owners
        bool dumped = false;
    };

    enum class Result { Sampled, CollectFailed, OutputFailed };

    explicit SamplingSession(Options options);

    // Where frames go (not owned; null: nowhere). A new writer starts with a table: the next
    // sample dumps, whatever the pacer says.
    void setWriter(RecordingWriter *writer);
    RecordingWriter *writer() const { return m_writer; }
    void setTablePeriodMs(std::int64_t periodMs) { m_options.tablePeriodMs = periodMs; }
    // A table with the next dump, at most once per MinimumTablePeriodMs.
    void requestTable() { m_tableWanted = true; }
    bool tableWanted() const { return m_tableWanted; }
    // The next sample dumps the sockets whatever the pacer says: a sysctl just changed, or a
    // lab step, and what it does must be seen at once.
    void requestDump() { m_dumpWanted = true; }
    // When (monotonic ms) a table asked for may go out.
    std::int64_t nextTableAllowedMs() const;

    // One sample at `nowMs` (monotonic). CollectFailed: the socket table could not be read
    // (*error says why; a later sample tries again). OutputFailed: the writer broke (its error()).
    Result sample(std::int64_t nowMs, Sample *out, CoreMessage *error);
    // Extra work on the last dump's rows done by the driver (the window's sorted table): paid
    // from the same budget.
    void spend(std::int64_t nowMs, double cpuMs) { m_pacer.spend(nowMs, cpuMs); }
    // The last dump, rows included (null before the first).
    std::shared_ptr<const Snapshot> lastDump() const { return m_lastDump; }
    // Writes the last dump's table unless it went out already, so a recording's last table
    // matches its last moments; false when the writer broke.
    bool writeLastTable();

    const SnapshotCollector &collector() const { return m_collector; }
    double dumpBudget() const { return m_pacer.budget(); }

private:
    bool tableDue(std::int64_t nowMs) const;
    bool writeTable(std::int64_t nowMs, const Snapshot &snapshot);

    Options m_options;
    SnapshotCollector m_collector;
    DumpPacer m_pacer;
    SampleSummarizer m_summarizer;
    RecordingWriter *m_writer = nullptr;
    std::shared_ptr<const Snapshot> m_previous; // for the counter rates
    std::shared_ptr<Snapshot> m_lastDump;
    std::int64_t m_lastTableMs = -1; // -1: no table in this writer yet
    bool m_lastDumpWritten = false;
    bool m_tableWanted = false;
    bool m_dumpWanted = false;
};
