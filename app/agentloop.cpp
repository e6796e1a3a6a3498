#include "agentloop.h"

#include "agentcommands.h"
#include "agentheader.h"
#include "counterrates.h"
#include "dumppacer.h"
#include "recordingwriter.h"
#include "samplesummary.h"
#include "snapshotcollector.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <ctime>
#include <cstdio>
#include <memory>
#include <poll.h>
#include <unistd.h>

namespace {

volatile std::sig_atomic_t stopSignal = 0;

void onStopSignal(int signalNumber)
{
    stopSignal = signalNumber;
}

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// The agent's CPU, user + system: the kernel's dump work runs in our recvmsg, so it counts.
double cpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

std::int64_t wallMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// One sampling session: the collector, what rates need of the last sample, the writer, and the
// pacer that decides which samples dump the sockets (the others repeat the last dump's figures,
// with their age, and read the cheap /proc figures afresh).
class Session
{
public:
    Session(const AgentOptions &options, RecordingWriter &writer)
        : m_writer(writer)
        , m_collector(SnapshotCollector::Options {options.stateMask, std::string()})
        , m_pacer(options.dumpBudget)
    {
    }

    void setLabel(const std::string &label) { m_label = label; }

    // Collects and writes a summary, and the table when due; false when the output broke.
    // *tableWanted is cleared once a table asked for went out.
    bool sample(std::int64_t now, bool *tableWanted)
    {
        const double cpuStart = cpuMs();
        const bool dump = !m_lastDump || m_pacer.dumpDue(now);
        std::shared_ptr<Snapshot> snapshot;
        if (dump) {
            CoreMessage error;
            snapshot = m_collector.collect(&error);
            if (!snapshot) {
                m_pacer.spend(now, cpuMs() - cpuStart);
                return m_writer.writeError(wallMs(), error); // a later tick tries again
            }
        } else {
            snapshot = m_collector.refresh(*m_lastDump);
        }
        snapshot->namespaceLabel = m_label;
        if (m_previous && m_previous->namespaceId == snapshot->namespaceId)
            snapshot->rates = CounterRatesCalculator::between(*m_previous, *snapshot);
        const SampleSummary summary = m_summarizer.summarize(*snapshot, &m_ownerLabels);
        if (!m_writer.writeSummary(summary, m_ownerLabels))
            return false;
        // A table is the rows of a dump: one due (or asked for) goes out with the next dump.
        if (dump && (m_lastTableMs < 0 || now - m_lastTableMs >= m_tablePeriodMs || (*tableWanted && tableAllowed(now)))) {
            if (!m_writer.writeSnapshot(*snapshot))
                return false;
            m_lastTableMs = now;
            *tableWanted = false;
        }
        m_previous = snapshot;
        if (dump) {
            m_pacer.spend(now, cpuMs() - cpuStart);
            // Later samples need only the dump's aggregates: its table goes back to the
            // collector, which fills it again next time, so the agent holds one table's memory.
            m_collector.recycle(std::move(snapshot->sockets));
            snapshot->sockets = std::vector<SocketRecord>();
            snapshot->owners.perSocket = std::vector<OwnerRef>();
            m_lastDump = std::move(snapshot);
        }
        return true;
    }

    // A table asked for comes at most once per MinimumTablePeriodMs: a reader repeating "table"
    // must not make the agent walk and send a 262k-socket table as fast as it can.
    bool tableAllowed(std::int64_t now) const
    {
        return m_lastTableMs < 0 || now - m_lastTableMs >= AgentOptions::MinimumTablePeriodMs;
    }
    std::int64_t nextTableAllowedMs() const
    {
        return m_lastTableMs < 0 ? 0 : m_lastTableMs + AgentOptions::MinimumTablePeriodMs;
    }

    int m_tablePeriodMs = AgentOptions::DefaultTablePeriodMs;

private:
    RecordingWriter &m_writer;
    SnapshotCollector m_collector;
    DumpPacer m_pacer;
    SampleSummarizer m_summarizer;
    OwnerLabels m_ownerLabels; // the names of the last summary's owners
    std::shared_ptr<const Snapshot> m_previous;
    std::shared_ptr<const Snapshot> m_lastDump; // its aggregates; its rows went back to the collector
    std::string m_label;
    std::int64_t m_lastTableMs = -1;
};

}

namespace AgentLoop {

int run(const AgentOptions &options, const std::string &namespaceLabel, Extension *extension)
{
    const bool stream = options.mode == AgentOptions::Mode::Stream;
    // A broken stdout is an error return from write(), not a signal that kills the agent mid-frame.
    std::signal(SIGPIPE, SIG_IGN);
    std::signal(SIGTERM, onStopSignal);
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGHUP, onStopSignal);

    RecordingWriter writer;
    CoreMessage error;
    const RecordingWriter::Header header = AgentHeader::make(namespaceLabel, options.intervalMs, options.stateMask);
    const bool opened = stream ? writer.openDescriptor(STDOUT_FILENO, header, &error)
                               : writer.open(options.recordPath, header, &error);
    if (!opened) {
        std::fprintf(stderr, "sockscope-agent: %s\n", coreMessagePlain(error).c_str());
        return 1;
    }

    Session session(options, writer);
    session.setLabel(namespaceLabel);
    session.m_tablePeriodMs = options.tablePeriodMs;
    AgentCommands commands;
    int intervalMs = options.intervalMs;
    bool paused = false, tableWanted = false;
    long samples = 0;
    std::int64_t next = nowMs();
    // Commands bring the next sample forward, but never closer than MinimumIntervalMs to the
    // last one: "interval", "resume" or "table" repeated must not make the agent dump the
    // kernel's sockets back to back.
    std::int64_t lastSampleMs = next - AgentOptions::MinimumIntervalMs;
    const auto soonest = [&] { return std::max(nowMs(), lastSampleMs + AgentOptions::MinimumIntervalMs); };
    bool stdinOpen = stream;
    for (;;) {
        if (stopSignal)
            break;
        const std::int64_t now = nowMs();
        if (!paused && now >= next) {
            lastSampleMs = now;
            if (!session.sample(now, &tableWanted)) {
                std::fprintf(stderr, "sockscope-agent: %s\n", coreMessagePlain(writer.error()).c_str());
                return 1; // stdout broke (the connection went) or the disk is full
            }
            if (extension && !extension->afterSample(writer))
                return 1;
            ++samples;
            if (options.samples > 0 && samples >= options.samples)
                break;
            // Ticks missed while busy are dropped, not made up for.
            do
                next += intervalMs;
            while (next <= nowMs());
            continue;
        }
        const int timeout = paused ? -1 : int(next - now);
        pollfd in {STDIN_FILENO, POLLIN, 0};
        const int ready = poll(&in, stdinOpen ? 1 : 0, stdinOpen || timeout >= 0 ? timeout : 1000);
        if (ready < 0 && errno != EINTR)
            return 1;
        if (ready <= 0 || !(in.revents & (POLLIN | POLLHUP | POLLERR)))
            continue;
        char buffer[512];
        const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (got < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (got <= 0)
            break; // stdin closed: the window (or the SSH connection) went away, so do we
        commands.feed(buffer, std::size_t(got));
        AgentCommands::Command c;
        while (commands.next(&c)) {
            switch (c.kind) {
            case AgentCommands::Command::Kind::None: break;
            case AgentCommands::Command::Kind::Interval:
                intervalMs = c.milliseconds;
                next = soonest();
                break;
            case AgentCommands::Command::Kind::TablePeriod: session.m_tablePeriodMs = c.milliseconds; break;
            case AgentCommands::Command::Kind::Table:
                // The table comes with a fresh sample, as soon as one is allowed.
                tableWanted = true;
                next = std::min(next, std::max(soonest(), session.nextTableAllowedMs()));
                break;
            case AgentCommands::Command::Kind::Pause: paused = true; break;
            case AgentCommands::Command::Kind::Resume:
                paused = false;
                next = soonest();
                break;
            case AgentCommands::Command::Kind::Lab:
                if (extension) {
                    if (!extension->command(c.words, writer))
                        return 1;
                    break;
                }
                c.error = {CoreMessageCode::AgentUnknownCommand, {"lab"}};
                [[fallthrough]];
            case AgentCommands::Command::Kind::Invalid:
                if (!writer.writeError(wallMs(), c.error))
                    return 1;
                break;
            }
        }
    }
    // --record: the END frame says the recording was closed normally. A stream just stops.
    if (!stream)
        writer.close();
    return 0;
}

}
