// Benchmark (prints figures; not a pass/fail test): what the one sampling session costs where it
// runs, against a bare two-pass dump measured in the same run (issue 23, "Performance"). At
// 262,144 TIME-WAIT + 9,000 established pairs (18,000 descriptors held by one process) in a
// private network namespace:
//   1. `sockscope --once --format json` (owners included) wall time against a bare dump's and
//      `ss -tanp`'s (the peer that reads every descriptor's link too);
//   2. the window offscreen at a 1 s refresh: its process CPU per second against a bare dump;
//   3. `sockscope --record` against `sockscope-agent --record`, each process's CPU per second.
// TIME-WAIT lasts 60 s: the runs are short and follow the fill at once.
// --once-only measures part 1 alone; --before PATH adds an earlier sockscope's --once, measured
// interleaved with the others so both sides of a change see the same load. --profile COMMAND runs
// a shell command inside the namespace once the population is built (perf, strace), then exits.
#include "baredump.h"
#include "benchsupport.h"
#include "loadgenerator.h"

#include <QDir>
#include <QTemporaryDir>

#include <csignal>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

double threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

pid_t spawn(const std::vector<const char *> &argv, bool offscreen)
{
    const pid_t pid = fork();
    if (pid == 0) {
        const int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        if (offscreen)
            setenv("QT_QPA_PLATFORM", "offscreen", 1);
        execvp(argv[0], const_cast<char *const *>(argv.data()));
        _exit(127);
    }
    return pid;
}

double wallOf(const std::vector<const char *> &argv)
{
    const double start = BenchSupport::monotonicMs();
    const pid_t pid = spawn(argv, false);
    int status = 0;
    waitpid(pid, &status, 0);
    return BenchSupport::monotonicMs() - start;
}

// The CPU per second of the processes `argvs` started together, over `seconds` after `warmUp`.
std::vector<double> cpuPerSecond(const std::vector<std::vector<const char *>> &argvs, bool offscreen, int warmUp, int seconds)
{
    std::vector<pid_t> pids;
    for (const auto &argv : argvs)
        pids.push_back(spawn(argv, offscreen));
    sleep(unsigned(warmUp));
    std::vector<double> cpu0;
    for (const pid_t pid : pids)
        cpu0.push_back(BenchSupport::processCpuMs(pid));
    const double wall0 = BenchSupport::monotonicMs();
    sleep(unsigned(seconds));
    const double wall = (BenchSupport::monotonicMs() - wall0) / 1000;
    std::vector<double> perSecond;
    for (std::size_t i = 0; i < pids.size(); ++i)
        perSecond.push_back((BenchSupport::processCpuMs(pids[i]) - cpu0[i]) / wall);
    for (const pid_t pid : pids) {
        kill(pid, SIGTERM);
        int status = 0;
        waitpid(pid, &status, 0);
    }
    return perSecond;
}

}

int main(int argc, char *argv[])
{
    const int timeWait = BenchSupport::intOption(argc, argv, "--time-wait", 262144);
    const int established = BenchSupport::intOption(argc, argv, "--established", 9000);
    const int seconds = BenchSupport::intOption(argc, argv, "--seconds", 12);
    const QByteArray sockscope = BenchSupport::option(argc, argv, "--sockscope", SOCKSCOPE_BINARY);
    const QByteArray agent = BenchSupport::option(argc, argv, "--agent", AGENT_BINARY);
    const QByteArray before = BenchSupport::option(argc, argv, "--before", nullptr);
    const QByteArray profile = BenchSupport::option(argc, argv, "--profile", nullptr);
    bool onceOnly = false;
    for (int i = 1; i < argc; ++i)
        onceOnly = onceOnly || std::strcmp(argv[i], "--once-only") == 0;
    if (!BenchSupport::enterPrivateNamespace())
        return 1;
    QTemporaryDir dir;
    LoadGenerator load;
    QString error;
    const double fillStart = BenchSupport::monotonicMs();
    if (!load.build(timeWait, established, &error))
        return BenchSupport::fail(error);
    BareDump bare;
    std::vector<double> bareCpu, bareWall;
    std::array<long, 16> states {};
    for (int r = 0; r < 7; ++r) {
        const double cpu = threadCpuMs(), wall = BenchSupport::monotonicMs();
        states = bare.count();
        bareCpu.push_back(threadCpuMs() - cpu);
        bareWall.push_back(BenchSupport::monotonicMs() - wall);
    }
    std::printf("population: %ld TIME-WAIT, %ld ESTABLISHED (filled in %.1f s; TIME-WAIT lasts 60 s)\n", states[6], states[1],
                (BenchSupport::monotonicMs() - fillStart) / 1000);
    std::fflush(stdout);
    if (!profile.isEmpty())
        return std::system(profile.constData()) == 0 ? 0 : 1;

    // 1: one-shot wall times, interleaved.
    std::vector<double> once, ss, agentOnce, beforeOnce, startOnly;
    for (int r = 0; r < 5; ++r) {
        once.push_back(wallOf({sockscope.constData(), "--once", "--format", "json", nullptr}));
        agentOnce.push_back(wallOf({agent.constData(), "--once", "--format", "json", nullptr}));
        if (!before.isEmpty())
            beforeOnce.push_back(wallOf({before.constData(), "--once", "--format", "json", nullptr}));
        ss.push_back(wallOf({"ss", "-tanp", nullptr}));
        // What --once pays before it collects anything: loading Qt Core and starting the program.
        startOnly.push_back(wallOf({sockscope.constData(), "--version", nullptr}));
        const double wall = BenchSupport::monotonicMs();
        bare.count();
        bareWall.push_back(BenchSupport::monotonicMs() - wall);
    }
    // Where --once's time goes, as it reports it itself.
    const std::string json = dir.filePath(QStringLiteral("once.json")).toStdString();
    const std::string command = std::string(sockscope.constData()) + " --once --format json > " + json;
    const double shellStart = BenchSupport::monotonicMs();
    const int status = std::system(command.c_str());
    const double shellWall = BenchSupport::monotonicMs() - shellStart;
    std::ifstream jsonIn(json);
    std::stringstream jsonText;
    jsonText << jsonIn.rdbuf();
    const auto figure = [&](const char *key) {
        const std::size_t at = jsonText.str().find(std::string("\"") + key + "\":");
        return at == std::string::npos ? -1.0 : std::strtod(jsonText.str().c_str() + at + std::strlen(key) + 3, nullptr);
    };
    std::printf("--once (exit %d, %.1f ms through sh): collect %.1f ms, of which the dump %.1f ms\n", status, shellWall,
                figure("collect_ms"), figure("dump_ms"));
    std::fflush(stdout);
    double window = 0;
    std::vector<double> recorders {0, 1};
    if (!onceOnly) {
        // 2: the window, local, at 1 s.
        window = cpuPerSecond({{sockscope.constData(), "--interval", "1", nullptr}}, true, 3, seconds).front();
        // 3: the two recorders side by side (the same population, the same seconds).
        const std::string ours = dir.filePath(QStringLiteral("sockscope.rec")).toStdString();
        const std::string theirs = dir.filePath(QStringLiteral("agent.rec")).toStdString();
        recorders = cpuPerSecond({{sockscope.constData(), "--record", ours.c_str(), "--interval", "1", nullptr},
                                  {agent.constData(), "--record", theirs.c_str(), "--interval", "1", nullptr}},
                                 false, 2, seconds);
    }
    const std::array<long, 16> after = bare.count();

    const double floorCpu = BenchSupport::medianOf(bareCpu), floorWall = BenchSupport::medianOf(bareWall);
    const double onceWall = BenchSupport::medianOf(once), ssWall = BenchSupport::medianOf(ss);
    std::printf("population at the end: %ld TIME-WAIT, %ld ESTABLISHED\n\n", after[6], after[1]);
    std::printf("%-62s %10s %8s %8s\n", "figure", "value", "ratio", "target");
    std::printf("%-62s %7.1f ms %8s\n", "bare two-pass dump, CPU (median of 7)", floorCpu, "1.00");
    std::printf("%-62s %7.1f ms %8s\n", "bare two-pass dump, wall (median of 12)", floorWall, "1.00");
    std::printf("%-62s %7.1f ms %8.2f %8s\n", "sockscope --once --format json, wall (median of 5) / bare dump", onceWall,
                onceWall / floorWall, "<= 1.1");
    std::printf("%-62s %7.1f ms %8.2f %8s\n", "  the same / ss -tanp (median of 5)", ssWall, onceWall / ssWall, "<= 0.3");
    std::printf("%-62s %7.1f ms %8.2f\n", "  sockscope-agent --once --format json, wall / bare dump",
                BenchSupport::medianOf(agentOnce), BenchSupport::medianOf(agentOnce) / floorWall);
    std::printf("%-62s %7.1f ms %8.2f\n", "  of which starting the program (sockscope --version) / bare dump",
                BenchSupport::medianOf(startOnly), BenchSupport::medianOf(startOnly) / floorWall);
    if (!before.isEmpty()) {
        const double beforeWall = BenchSupport::medianOf(beforeOnce);
        std::printf("%-62s %7.1f ms %8.2f %8s\n", "  --before's --once, wall / bare dump", beforeWall, beforeWall / floorWall,
                    "");
        std::printf("%-62s %7.1f ms %8.2f %8s\n", "  --before's --once / ss -tanp", beforeWall, beforeWall / ssWall, "");
    }
    if (onceOnly)
        return 0;
    std::printf("%-62s %7.1f ms %8.2f %8s\n", "window at 1 s, process CPU per second / bare dump CPU", window, window / floorCpu,
                "<= 0.6");
    std::printf("%-62s %7.1f ms %8.2f %8s\n", "sockscope-agent --record, CPU per second / bare dump CPU", recorders[1],
                recorders[1] / floorCpu, "<= 0.6");
    std::printf("%-62s %7.1f ms %8.2f %8s\n", "sockscope --record, CPU per second / the agent's", recorders[0],
                recorders[0] / recorders[1], "<= 1.1");
    std::printf("(CPU: /proc/PID/stat utime+stime over %d s after a warm-up; wall: fork to exit)\n", seconds);
    return 0;
}
