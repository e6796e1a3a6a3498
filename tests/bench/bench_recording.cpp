// Benchmark (prints figures; not a pass/fail test): the size of a recording at 1 s while the
// namespace sits at tcp_max_tw_buckets = 262,144 TIME-WAIT (kept full by steady churn, as on the
// busy HTTP server), plus 20,000 established pairs.
//
//   bench_recording [--seconds S] [--rate N] [--file F]
#include "loadgenerator.h"
#include "benchsupport.h"
#include "recording/recording.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QFileInfo>

#include <cstdio>
#include <cstdlib>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
    const int seconds = BenchSupport::intOption(argc, argv, "--seconds", 3600);
    const int rate = BenchSupport::intOption(argc, argv, "--rate", 5000);
    const QByteArray file = BenchSupport::option(argc, argv, "--file", "/tmp/sockscope-bench.sockrec");
    if (!BenchSupport::enterPrivateNamespace())
        return 1;
    QCoreApplication app(argc, argv);
    QString error;
    LoadGenerator load;
    // The real case: the table full at 262,144, closes overflowing it.
    if (!load.raiseTimeWaitLimit(262144, &error) || !load.holdEstablished(20000, &error)
        || !load.fillTimeWait(262144, 8, 2, &error) || !load.churn(rate, 8, 2, &error))
        return BenchSupport::fail(error);
    std::printf("recording %d s at 1 s while churning %d TIME-WAIT/s into a table capped at 262,144...\n", seconds, rate);
    std::fflush(stdout);
    const pid_t pid = fork();
    if (pid == 0) {
        const QByteArray duration = QByteArray::number(seconds);
        execl(SOCKSCOPE_BINARY, SOCKSCOPE_BINARY, "--record", file.constData(), "--duration", duration.constData(), "--interval",
              "1", nullptr);
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);

    Recording recording;
    if (!recording.read(QString::fromLocal8Bit(file), &error))
        return BenchSupport::fail(error);
    const qint64 bytes = QFileInfo(QString::fromLocal8Bit(file)).size();
    quint64 timeWait = 0, sockets = 0;
    double overflow = 0;
    for (const SampleSummary &s : recording.summaries) {
        timeWait += s.count(TcpState::TimeWait);
        sockets += s.totalSockets;
        overflow += s.hasRate(TcpCounter::TimeWaitOverflow) ? s.rate(TcpCounter::TimeWaitOverflow) : 0;
    }
    const double samples = double(qMax<std::size_t>(1, recording.summaries.size()));
    std::printf("%zu samples, %zu socket tables, %zu markers, closed normally: %s\n", recording.summaries.size(),
                recording.snapshots.size(), recording.markers.size(), recording.endedCleanly ? "yes" : "no");
    std::printf("mean per sample: %.0f sockets, %.0f TIME-WAIT, TCPTimeWaitOverflow %.0f/s\n", double(sockets) / samples,
                double(timeWait) / samples, overflow / samples);
    qint64 tableBytes = 0;
    for (const auto &frame : recording.snapshots)
        tableBytes += frame.length + 9;
    std::printf("file: %.2f MB in all; socket tables %.2f MB (%.2f MB each, %.1f bytes per socket); summaries %.0f bytes each\n",
                double(bytes) / 1e6, double(tableBytes) / 1e6,
                double(tableBytes) / 1e6 / qMax<std::size_t>(1, recording.snapshots.size()),
                double(tableBytes) / qMax<std::size_t>(1, recording.snapshots.size()) / (double(sockets) / samples),
                double(bytes - tableBytes) / samples);
    std::printf(
        "per hour at 1 s, a table every 300 s: %.1f MB\n",
        (double(bytes - tableBytes) / samples * 3600 + double(tableBytes) / qMax<std::size_t>(1, recording.snapshots.size()) * 13)
            / 1e6);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
