#include "agentloop.h"

#include "agentcommands.h"
#include "agentheader.h"
#include "core/stream/recordingwriter.h"
#include "core/stream/samplingsession.h"

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
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::int64_t wallMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// The loop between samples and commands, and what it keeps from one to the next.
class SampleLoop
{
public:
    enum class Step { Go, Stop, Fail }; // Stop: a normal end (signal, --samples, stdin closed)

    SampleLoop(const AgentOptions &options, const std::string &namespaceLabel, RecordingWriter &writer,
               AgentLoop::Extension *extension)
        : m_options(options)
        , m_writer(writer)
        , m_extension(extension)
        , m_session({options.stateMask, namespaceLabel, options.dumpBudget, options.tablePeriodMs})
        , m_intervalMs(options.intervalMs)
        , m_next(nowMs())
        , m_lastSampleMs(m_next - AgentOptions::MinimumIntervalMs)
    {
        m_session.setWriter(&writer);
    }

    // Samples every interval and, when `readStdin`, takes commands from stdin, until it stops.
    Step run(bool readStdin)
    {
        for (;;) {
            if (stopSignal)
                return Step::Stop;
            const std::int64_t now = nowMs();
            const Step step = !m_paused && now >= m_next ? sample(now) : waitAndRead(now, readStdin);
            if (step != Step::Go)
                return step;
        }
    }

    // --record: the END frame says the recording was closed normally.
    bool close() { return m_session.writeLastTable() && m_writer.close(); }

private:
    // Commands bring the next sample forward, but never closer than MinimumIntervalMs to the
    // last one: "interval", "resume" or "table" repeated must not make the agent dump the
    // kernel's sockets back to back.
    std::int64_t soonest() const { return std::max(nowMs(), m_lastSampleMs + AgentOptions::MinimumIntervalMs); }

    Step sample(std::int64_t now)
    {
        m_lastSampleMs = now;
        SamplingSession::Sample sample;
        CoreMessage failure;
        const SamplingSession::Result result = m_session.sample(now, &sample, &failure);
        // A dump that failed is said in the stream; a later tick tries again.
        if (result == SamplingSession::Result::OutputFailed
            || (result == SamplingSession::Result::CollectFailed && !m_writer.writeError(wallMs(), failure))) {
            std::fprintf(stderr, "sockscope-agent: %s\n", coreMessagePlain(m_writer.error()).c_str());
            return Step::Fail; // stdout broke (the connection went) or the disk is full
        }
        if (m_extension && !m_extension->afterSample(m_writer))
            return Step::Fail;
        ++m_samples;
        if (m_options.samples > 0 && m_samples >= m_options.samples)
            return Step::Stop;
        // Ticks missed while busy are dropped, not made up for.
        do
            m_next += m_intervalMs;
        while (m_next <= nowMs());
        return Step::Go;
    }

    // Waits for the next sample or a command on stdin, and carries out the commands that came.
    Step waitAndRead(std::int64_t now, bool readStdin)
    {
        const int timeout = m_paused ? -1 : int(m_next - now);
        pollfd in {STDIN_FILENO, POLLIN, 0};
        const int ready = poll(&in, readStdin ? 1 : 0, readStdin || timeout >= 0 ? timeout : 1000);
        if (ready < 0 && errno != EINTR)
            return Step::Fail;
        if (ready <= 0 || !(in.revents & (POLLIN | POLLHUP | POLLERR)))
            return Step::Go;
        char buffer[512];
        const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (got < 0 && (errno == EINTR || errno == EAGAIN))
            return Step::Go;
        if (got <= 0)
            return Step::Stop; // stdin closed: the window (or the SSH connection) went away, so do we
        m_commands.feed(buffer, std::size_t(got));
        AgentCommands::Command c;
        while (m_commands.next(&c)) {
            if (!carryOut(c))
                return Step::Fail;
        }
        return Step::Go;
    }

    // False when the output broke.
    bool carryOut(AgentCommands::Command &c)
    {
        switch (c.kind) {
        case AgentCommands::Command::Kind::None: break;
        case AgentCommands::Command::Kind::Interval:
            m_intervalMs = c.milliseconds;
            m_next = soonest();
            break;
        case AgentCommands::Command::Kind::TablePeriod: m_session.setTablePeriodMs(c.milliseconds); break;
        case AgentCommands::Command::Kind::Table:
            // The table comes with a fresh sample, as soon as one is allowed.
            m_session.requestTable();
            m_next = std::min(m_next, std::max(soonest(), m_session.nextTableAllowedMs()));
            break;
        case AgentCommands::Command::Kind::Pause: m_paused = true; break;
        case AgentCommands::Command::Kind::Resume:
            m_paused = false;
            m_next = soonest();
            break;
        case AgentCommands::Command::Kind::Lab:
            if (m_extension) {
                if (!m_extension->command(c.words, m_writer))
                    return false;
                // A lab step changes what the sockets do: the next sample shows it.
                m_session.requestDump();
                break;
            }
            c.error = {CoreMessageCode::AgentUnknownCommand, {"lab"}};
            [[fallthrough]];
        case AgentCommands::Command::Kind::Invalid: return m_writer.writeError(wallMs(), c.error);
        }
        return true;
    }

    const AgentOptions &m_options;
    RecordingWriter &m_writer;
    AgentLoop::Extension *const m_extension;
    SamplingSession m_session;
    AgentCommands m_commands;
    int m_intervalMs;
    bool m_paused = false;
    long m_samples = 0;
    std::int64_t m_next;
    std::int64_t m_lastSampleMs;
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
    const bool opened =
        stream ? writer.openDescriptor(STDOUT_FILENO, header, &error) : writer.open(options.recordPath, header, &error);
    if (!opened) {
        std::fprintf(stderr, "sockscope-agent: %s\n", coreMessagePlain(error).c_str());
        return 1;
    }
    SampleLoop loop(options, namespaceLabel, writer, extension);
    if (loop.run(stream) == SampleLoop::Step::Fail)
        return 1;
    // A stream just stops.
    if (!stream && !loop.close()) {
        std::fprintf(stderr, "sockscope-agent: %s\n", coreMessagePlain(writer.error()).c_str());
        return 1;
    }
    return 0;
}

}
