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

    SamplingSession session({options.stateMask, namespaceLabel, options.dumpBudget, options.tablePeriodMs});
    session.setWriter(&writer);
    AgentCommands commands;
    int intervalMs = options.intervalMs;
    bool paused = false;
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
            SamplingSession::Sample sample;
            CoreMessage failure;
            const SamplingSession::Result result = session.sample(now, &sample, &failure);
            // A dump that failed is said in the stream; a later tick tries again.
            if (result == SamplingSession::Result::OutputFailed
                || (result == SamplingSession::Result::CollectFailed && !writer.writeError(wallMs(), failure))) {
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
            case AgentCommands::Command::Kind::TablePeriod: session.setTablePeriodMs(c.milliseconds); break;
            case AgentCommands::Command::Kind::Table:
                // The table comes with a fresh sample, as soon as one is allowed.
                session.requestTable();
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
                    // A lab step changes what the sockets do: the next sample shows it.
                    session.requestDump();
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
    if (!stream && (!session.writeLastTable() || !writer.close())) {
        std::fprintf(stderr, "sockscope-agent: %s\n", coreMessagePlain(writer.error()).c_str());
        return 1;
    }
    return 0;
}

}
