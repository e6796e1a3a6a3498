// Benchmark (prints figures; not a pass/fail test): sockscope-agent --stream at 262,144 TIME-WAIT
// + 20,000 established pairs in a private network namespace (issue 12, "Performance"): its CPU per
// sample against a bare two-pass dump measured in the same run (interleaved with the agent's
// samples), what decoding its stream costs the reading side, the stream's bytes, its peak RSS.
#include "baredump.h"
#include "benchsupport.h"
#include "core/stream/crc32.h"
#include "loadgenerator.h"
#include "core/stream/recordingformat.h"
#include "core/snapshot/snapshot.h"
#include "core/snapshot/snapshotaggregator.h"
#include "recording/snapshotjsonreader.h"
#include "sshtestserver.h"
#include "core/stream/sockettablecodec.h"
#include "core/stream/summarycodec.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <signal.h>
#include <sstream>
#include <string>
#include <QDir>
#include <QFile>

#include <fcntl.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

double nowMs()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// This thread's CPU, user + system: the kernel's dump work runs in our recvmsg, so it counts.
double threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

std::string readText(const std::string &path)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The agent's CPU in nanoseconds: the first field of /proc/PID/schedstat (sum_exec_runtime, user
// and system, ns resolution; the agent is one thread, so its main thread is all of it).
double schedstatMs(pid_t pid)
{
    return std::strtod(readText("/proc/" + std::to_string(pid) + "/schedstat").c_str(), nullptr) / 1e6;
}

long statusKb(pid_t pid, const char *key)
{
    std::istringstream status(readText("/proc/" + std::to_string(pid) + "/status"));
    for (std::string line; std::getline(status, line);) {
        if (line.rfind(key, 0) == 0)
            return std::atol(line.c_str() + std::strlen(key) + 1);
    }
    return -1;
}

// A TcpExt counter of /proc/net/netstat in this namespace. "TW" counts sockets that entered
// TIME-WAIT (__inet_twsk_schedule, net/ipv4/inet_timewait_sock.c); "TCPTimeWaitOverflow" closes
// that found the table at tcp_max_tw_buckets and got no TIME-WAIT entry.
long tcpExt(const char *counter)
{
    std::istringstream netstat(readText("/proc/net/netstat"));
    std::string names, values;
    while (std::getline(netstat, names) && std::getline(netstat, values)) {
        if (names.rfind("TcpExt:", 0) != 0)
            continue;
        std::istringstream n(names), v(values);
        for (std::string name, value; n >> name && v >> value;) {
            if (name == counter)
                return std::atol(value.c_str());
        }
    }
    return -1;
}

std::uint32_t le32(const char *p)
{
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v; // the format is little-endian, as this machine
}

struct Frame
{
    std::uint8_t type = 0;
    std::string payload;
};

// One agent run: the frames read between the end of its first sample (header and first table
// excluded: start-up) and the end of the table that follows `samples` more samples.
struct AgentRun
{
    std::vector<Frame> frames;
    std::vector<double> sampleCpuMs; // schedstat delta from one SUMMARY to the next
    std::vector<bool> sampleDumped; // that SUMMARY's socket figures are fresh (age 0)
    double cpuMs = 0, statCpu = 0, wallMs = 0;
    long summaries = 0, summaryBytes = 0, tables = 0, tableBytes = 0, tableRows = 0, otherBytes = 0;
    long hwmKb = -1, rssKb = -1;
    std::vector<double> bareMs; // bare dumps made between the agent's samples
    std::array<long, 16> lastStates {};
    bool ok = false;
};

AgentRun runAgent(const char *agent, int samples, int tablePeriodS, BareDump *bare)
{
    AgentRun run;
    int toAgent[2], fromAgent[2];
    if (pipe(toAgent) != 0 || pipe(fromAgent) != 0)
        return run;
    const std::string period = std::to_string(tablePeriodS);
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(toAgent[0], 0);
        dup2(fromAgent[1], 1);
        for (int fd : {toAgent[0], toAgent[1], fromAgent[0], fromAgent[1]})
            close(fd);
        execl(agent, agent, "--stream", "--interval", "1", "--table-period", period.c_str(), nullptr);
        _exit(127);
    }
    close(toAgent[0]);
    close(fromAgent[1]);
    std::string in;
    std::size_t pos = 0;
    bool headerDone = false, started = false;
    double cpu0 = 0, stat0 = 0, wall0 = 0, lastSummaryCpu = 0;
    char chunk[65536];
    for (;;) {
        const ssize_t got = read(fromAgent[0], chunk, sizeof chunk);
        if (got <= 0)
            break;
        in.append(chunk, std::size_t(got));
        if (!headerDone) {
            if (in.size() < RecordingFormat::MagicSize + 6u)
                continue;
            const std::size_t headerEnd = RecordingFormat::MagicSize + 6 + le32(in.data() + RecordingFormat::MagicSize + 2);
            if (in.size() < headerEnd)
                continue;
            pos = headerEnd;
            headerDone = true;
        }
        bool finished = false;
        while (!finished && in.size() - pos >= std::size_t(RecordingFormat::FrameHeaderSize)) {
            const std::uint32_t length = le32(in.data() + pos + 1);
            const std::size_t whole = RecordingFormat::FrameHeaderSize + std::size_t(length);
            if (in.size() - pos < whole)
                break;
            Frame frame {std::uint8_t(in[pos]), in.substr(pos + RecordingFormat::FrameHeaderSize, length)};
            pos += whole;
            if (!started) {
                // The first sample's table ends the start-up: measure from here.
                if (frame.type == RecordingFormat::Snapshot) {
                    started = true;
                    cpu0 = lastSummaryCpu = schedstatMs(pid);
                    stat0 = BenchSupport::processCpuMs(pid);
                    wall0 = nowMs();
                }
                continue;
            }
            if (frame.type == RecordingFormat::Summary) {
                ++run.summaries;
                run.summaryBytes += long(whole);
                const double cpu = schedstatMs(pid);
                run.sampleCpuMs.push_back(cpu - lastSummaryCpu);
                lastSummaryCpu = cpu;
                SampleSummary summary;
                run.sampleDumped.push_back(SummaryCodec::decode(frame.payload, &summary) && summary.socketAgeMs == 0);
                // The agent sleeps ~0.9 s now: a bare dump here shares the population and the
                // machine's state with the agent's samples.
                if (bare) {
                    const double start = threadCpuMs();
                    run.lastStates = bare->count();
                    run.bareMs.push_back(threadCpuMs() - start);
                }
            } else if (frame.type == RecordingFormat::Snapshot) {
                ++run.tables;
                run.tableBytes += long(whole);
                std::uint32_t jsonLength = le32(frame.payload.data());
                std::uint32_t rows = 0;
                SocketTableCodec::inspect(std::string_view(frame.payload).substr(4 + jsonLength), &rows);
                run.tableRows += rows;
                if (run.summaries >= samples) {
                    run.cpuMs = schedstatMs(pid) - cpu0;
                    run.statCpu = BenchSupport::processCpuMs(pid) - stat0;
                    run.wallMs = nowMs() - wall0;
                    run.hwmKb = statusKb(pid, "VmHWM:");
                    run.rssKb = statusKb(pid, "VmRSS:");
                    finished = true;
                }
            } else {
                run.otherBytes += long(whole);
            }
            run.frames.push_back(std::move(frame));
        }
        in.erase(0, pos);
        pos = 0;
        if (finished)
            break;
    }
    close(toAgent[1]); // stdin closed: the agent ends, as when the window goes away
    close(fromAgent[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    run.ok = run.wallMs > 0;
    return run;
}

// The reading side, as the window does it with a stream: check each frame's CRC, decode every
// summary, and decode each table into a Snapshot (JSON, rows, aggregates) as
// Recording::loadSnapshot does. Returns this thread's CPU for all of `frames`.
double decodeFrames(const std::vector<Frame> &frames, long *rows)
{
    const double start = threadCpuMs();
    *rows = 0;
    for (const Frame &frame : frames) {
        volatile std::uint32_t crc = Crc32::of(frame.payload);
        (void)crc;
        if (frame.type == RecordingFormat::Summary) {
            SampleSummary summary;
            SummaryCodec::decode(frame.payload, &summary);
        } else if (frame.type == RecordingFormat::Snapshot) {
            const std::uint32_t jsonLength = le32(frame.payload.data());
            Snapshot snapshot;
            QString error;
            SnapshotJsonReader::read(QByteArray(frame.payload.data() + 4, int(jsonLength)), &snapshot, &error);
            SocketTableCodec::decode(std::string_view(frame.payload).substr(4 + jsonLength), &snapshot.sockets);
            SnapshotAggregator::aggregate(snapshot);
            *rows += long(snapshot.sockets.size());
        }
    }
    return threadCpuMs() - start;
}

// The whole window, offscreen, watching the agent through `--host sockscope-test`: the system ssh,
// whose ProxyCommand runs `sshd -i` in the server's network namespace, which runs
// `sockscope-agent --stream` from the server's PATH (tests/support/sshtestserver.h). Measured:
// the window process's own utime + stime (/proc/PID/stat fields 14 and 15, all its threads; not
// ssh, a child, nor sshd and the agent) over `seconds` after `warmUp` seconds, per second, i.e.
// per sample at the 1 s interval. `problem` says why nothing could be measured.
struct WindowRun
{
    double cpuMsPerSecond = 0;
    long hwmKb = -1;
    int agents = 0; // agents running in the server namespace during the measurement
    std::string problem;
};

WindowRun runWindow(SshTestServer *server, int clientNs, int warmUp, int seconds)
{
    WindowRun run;
    const pid_t pid = fork();
    if (pid == 0) {
        // The client side stays out of the server's namespace, as a user's desktop would.
        if (clientNs >= 0 && setns(clientNs, CLONE_NEWNET) != 0)
            _exit(126);
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
        execl(SOCKSCOPE_BINARY, SOCKSCOPE_BINARY, "--host", SshTestServer::Alias, "--interval", "1", nullptr);
        _exit(127);
    }
    if (pid < 0) {
        run.problem = "fork failed";
        return run;
    }
    sleep(unsigned(warmUp));
    const double cpu0 = BenchSupport::processCpuMs(pid), wall0 = nowMs();
    sleep(unsigned(seconds));
    run.cpuMsPerSecond = (BenchSupport::processCpuMs(pid) - cpu0) / ((nowMs() - wall0) / 1000);
    run.hwmKb = statusKb(pid, "VmHWM:");
    run.agents = server->agentsRunning();
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
        run.problem = "the window exited early (status " + std::to_string(status) + ")";
        return run;
    }
    kill(pid, SIGTERM);
    waitpid(pid, &status, 0);
    // A window whose ssh failed idles too: without an agent at the other end its CPU is no figure.
    if (run.agents < 1)
        run.problem = "no sockscope-agent ran on the ssh server during the measurement";
    return run;
}

void printStates(const char *when, const std::array<long, 16> &s)
{
    std::printf("population %s (bare dump): %ld TIME-WAIT, %ld ESTABLISHED, %ld LISTEN, %ld other\n", when, s[6], s[1], s[10],
                s[2] + s[3] + s[4] + s[5] + s[7] + s[8] + s[9] + s[11]);
}

}

// Everything below runs with the main thread in the ssh server's network namespace (when there is
// one), so the agent that sshd starts for the window (3b) sees the same population as the agent
// run directly (2, 4) and the bare dumps (1).
int runBench(int argc, char *argv[], SshTestServer *server, int clientNs, const std::string &serverProblem)
{
    const int timeWait = BenchSupport::intOption(argc, argv, "--time-wait", 262144);
    const int established = BenchSupport::intOption(argc, argv, "--established", 20000);
    const int samples = std::max(10, BenchSupport::intOption(argc, argv, "--samples", 20) / 10 * 10);
    const int churnSeconds = std::max(10, BenchSupport::intOption(argc, argv, "--churn-seconds", 30) / 10 * 10);
    const int churnRate = BenchSupport::intOption(argc, argv, "--churn", 5000);
    const QByteArray agent = BenchSupport::option(argc, argv, "--agent", AGENT_BINARY);
    utsname uts {};
    uname(&uts);
    LoadGenerator load;
    QString error;
    const double fillStart = nowMs();
    if (!load.build(timeWait, established, &error))
        return BenchSupport::fail(error);
    std::printf("kernel %s; %d TIME-WAIT + %d established pairs asked, filled in %.1f s (TIME-WAIT lasts 60 s)\n", uts.release,
                timeWait, established, (nowMs() - fillStart) / 1000);
    BareDump bare;
    std::vector<double> bareMs;
    std::array<long, 16> states {};
    for (int r = 0; r < 5; ++r) {
        const double start = threadCpuMs();
        states = bare.count();
        bareMs.push_back(threadCpuMs() - start);
    }
    printStates("before", states);
    std::fflush(stdout);

    // 1 + 2: the agent at 1 s with a table every 10 s, a bare dump after each of its samples.
    const AgentRun run = runAgent(agent.constData(), samples, 10, &bare);
    if (!run.ok)
        return BenchSupport::fail(QStringLiteral("the agent's stream ended early"));
    printStates("after the agent run", run.lastStates);
    bareMs.insert(bareMs.end(), run.bareMs.begin(), run.bareMs.end());
    const double floor = median(bareMs);
    const double agentPerSample = run.cpuMs / double(run.summaries);

    // 3: the reading side on the same bytes, five times.
    std::vector<double> decodeMs;
    long decodedRows = 0;
    for (int r = 0; r < 5; ++r)
        decodeMs.push_back(decodeFrames(run.frames, &decodedRows) / double(run.summaries));
    const double decodePerSample = median(decodeMs);

    // 3b: the real window on the stream, 10 s (one table at the default period), while the
    // population still stands.
    WindowRun window;
    if (serverProblem.empty())
        window = runWindow(server, clientNs, 3, 10);
    else
        window.problem = serverProblem;

    // Where a table's bytes go: the last table again, with one column made constant at a time.
    std::vector<SocketRecord> lastTable;
    for (const Frame &frame : run.frames) {
        if (frame.type == RecordingFormat::Snapshot)
            SocketTableCodec::decode(std::string_view(frame.payload).substr(4 + le32(frame.payload.data())), &lastTable);
    }
    const auto perSocket = [&](void (*blank)(SocketRecord &)) {
        std::vector<SocketRecord> rows = lastTable;
        for (SocketRecord &r : rows)
            blank(r);
        return double(SocketTableCodec::encode(rows).size()) / double(std::max<std::size_t>(1, rows.size()));
    };
    const double asIs = perSocket([](SocketRecord &) {});
    const double noCookie = perSocket([](SocketRecord &r) { r.cookie = 0; });
    const double noExpiry = perSocket([](SocketRecord &r) { r.expiresMs = 0; });
    const double noInode = perSocket([](SocketRecord &r) { r.inode = 0; });

    // The delta ending at SUMMARY i covers that sample's collection (a dump, or the /proc figures
    // alone) and the table written after the sample before, if any.
    std::vector<double> dumped, repeated;
    for (std::size_t i = 0; i < run.sampleCpuMs.size(); ++i)
        (run.sampleDumped[i] ? dumped : repeated).push_back(run.sampleCpuMs[i]);
    const auto lowest = [](const std::vector<double> &v) { return v.empty() ? 0.0 : *std::min_element(v.begin(), v.end()); };
    const auto highest = [](const std::vector<double> &v) { return v.empty() ? 0.0 : *std::max_element(v.begin(), v.end()); };

    const double seconds = run.wallMs / 1000;
    std::printf("\n%-58s %12s %8s %8s\n", "figure", "value", "ratio", "target");
    std::printf("%-58s %9.1f ms %8s %8s\n", "1. bare two-pass dump, CPU per dump (median of all)", floor, "1.00", "");
    std::printf("   (%zu dumps: min %.1f, max %.1f ms)\n", bareMs.size(), *std::min_element(bareMs.begin(), bareMs.end()),
                *std::max_element(bareMs.begin(), bareMs.end()));
    std::printf("%-58s %9.1f ms %8.2f %8s\n", "2. agent CPU per sample (mean over run, tables included)", agentPerSample,
                agentPerSample / floor, "<= 0.6");
    std::printf("   (%ld samples, %ld tables, %.1f s; schedstat %.0f ms, /proc stat utime+stime %.0f ms;\n"
                "    default --dump-budget 5 %%: %zu samples dumped the sockets, median %.1f ms (min %.1f, max %.1f,\n"
                "    tables included); %zu repeated the last dump's figures with fresh /proc figures, median %.2f ms\n"
                "    (min %.2f, max %.2f))\n",
                run.summaries, run.tables, seconds, run.cpuMs, run.statCpu, dumped.size(), median(dumped), lowest(dumped),
                highest(dumped), repeated.size(), median(repeated), lowest(repeated), highest(repeated));
    std::printf("%-58s %9.1f ms %8.2f %8s\n", "3. reader: CRC + decode summaries and tables, per sample", decodePerSample,
                decodePerSample / floor, "<= 0.8");
    std::printf("   (5 decodes of the run's frames: min %.1f, max %.1f ms per sample; %ld rows per pass)\n",
                *std::min_element(decodeMs.begin(), decodeMs.end()), *std::max_element(decodeMs.begin(), decodeMs.end()),
                decodedRows);
    if (window.problem.empty()) {
        std::printf("%-58s %9.1f ms %8.2f %8s\n", "3b. window offscreen on --host (ssh, real sshd), CPU/sample",
                    window.cpuMsPerSecond, window.cpuMsPerSecond / floor, "<= 0.8");
        std::printf("   (window process only, all threads, /proc stat utime+stime over 10 s after 3 s; not ssh, sshd\n"
                    "    or the agent; %d agent(s) on the server; window peak RSS %.1f MB)\n",
                    window.agents, double(window.hwmKb) / 1024);
    } else {
        std::printf("%-58s %12s\n", "3b. window offscreen on --host, CPU per sample", "not measured");
        std::printf("   (not measured: %s)\n", window.problem.c_str());
    }
    std::printf("%-58s %9.0f B/s %8s %8s\n", "4a. summary bytes per second", double(run.summaryBytes) / seconds, "", "<= 1000");
    std::printf("   (%.0f bytes per SUMMARY frame)\n", double(run.summaryBytes) / double(run.summaries));
    std::printf("%-58s %9.2f B   %8s %8s\n", "4b. table bytes per socket per table",
                double(run.tableBytes) / double(run.tableRows), "", "<= 4");
    std::printf("   (%ld tables, %ld rows, %.0f bytes each on average)\n", run.tables, run.tableRows,
                double(run.tableBytes) / double(run.tables));
    // Frames beside summaries and tables: the OWNERS frame before each table (and any ERROR).
    std::printf("   (OWNERS and other frames: %.3f B/socket per table, %ld bytes in all)\n",
                double(run.otherBytes) / double(std::max(run.tableRows, 1L)), run.otherBytes);
    std::printf("   (codec only, last table: %.2f B/socket; with cookies blanked %.2f, expiry blanked %.2f, inode "
                "blanked %.2f)\n",
                asIs, noCookie, noExpiry, noInode);
    std::printf("%-58s %9.1f MB %8s %8s\n", "5. agent peak RSS (VmHWM)", double(run.hwmKb) / 1024, "", "<= 60");
    std::printf("   (VmRSS at the end %.1f MB)\n", double(run.rssKb) / 1024);
    std::fflush(stdout);

    // 4c: the default table period under churn: new TIME-WAIT at `churnRate` a second.
    if (!load.churn(churnRate, 8, 2, &error))
        return BenchSupport::fail(error);
    sleep(2);
    const long tw0 = tcpExt("TW"), overflow0 = tcpExt("TCPTimeWaitOverflow");
    const double churnStart = nowMs();
    const AgentRun churned = runAgent(agent.constData(), churnSeconds, 10, nullptr);
    const double churnWall = (nowMs() - churnStart) / 1000;
    const long tw1 = tcpExt("TW"), overflow1 = tcpExt("TCPTimeWaitOverflow");
    if (!churned.ok)
        return BenchSupport::fail(QStringLiteral("the agent's stream ended early under churn"));
    const double total = double(churned.summaryBytes + churned.tableBytes + churned.otherBytes);
    std::printf("%-58s %9.0f B/s %8s %8s\n", "4c. stream bytes/s, table every 10 s, with churn", total / (churned.wallMs / 1000),
                "", "");
    std::printf("   (closes per second: %.0f entered TIME-WAIT (TcpExt TW) + %.0f refused at tcp_max_tw_buckets "
                "(TCPTimeWaitOverflow);\n    %ld samples, %ld tables of %.0f rows on average, "
                "%.2f B/socket; agent %.1f ms CPU per sample)\n",
                double(tw1 - tw0) / churnWall, double(overflow1 - overflow0) / churnWall, churned.summaries, churned.tables,
                double(churned.tableRows) / double(churned.tables), double(churned.tableBytes) / double(churned.tableRows),
                churned.cpuMs / double(churned.summaries));
    return 0;
}

int main(int argc, char *argv[])
{
    // First, while single-threaded: a private mount namespace for ssh's files (no-op when not root).
    QString error;
    if (!SshTestServer::isolateFiles(&error))
        return BenchSupport::fail(error);
    if (!BenchSupport::enterPrivateNamespace())
        return 1;
    const QByteArray agent = BenchSupport::option(argc, argv, "--agent", AGENT_BINARY);
    SshTestServer server;
    std::string serverProblem = SshTestServer::unavailableReason().toStdString();
    if (serverProblem.empty() && !server.start(&error))
        serverProblem = "the ssh test server did not start: " + error.toStdString();
    if (serverProblem.empty()) {
        // The server finds the agent on its PATH under its installed name, whatever --agent named.
        if (!server.installAgent(QString::fromLocal8Bit(agent)) || !server.setAgentOnPath(true))
            serverProblem = "cannot install the agent on the ssh test server";
    }
    if (!serverProblem.empty())
        return runBench(argc, argv, &server, -1, serverProblem);
    const int clientNs = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    int result = 1;
    if (!server.inServerNamespace([&] {
            result = runBench(argc, argv, &server, clientNs, clientNs < 0 ? "cannot open the client namespace" : "");
            return true;
        }))
        return BenchSupport::fail(server.error());
    return result;
}
