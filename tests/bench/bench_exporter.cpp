// sockscope-agent --metrics-listen against Debian's prometheus-node-exporter (1.5) with only its
// tcpstat collector, at the design case: 262,144 TIME-WAIT + established pairs, one population,
// scrapes interleaved. Prints the figures (docs/benchmarks.md); not a test.
//
// Each agent scrape is a fresh collection (--metrics-min-interval 0.25 and scrapes 0.5 s apart,
// checked with sockscope_collections_total), as node_exporter collects on every scrape: the two
// do the same kernel walk per scrape, and the agent exports per-port, port-pressure and slab
// figures besides that node_exporter has not.
#include "benchsupport.h"
#include "httpscrape.h"
#include "loadgenerator.h"

#include <QProcess>
#include <QThread>

#include <fstream>
#include <sstream>
#include <string>
#include <sys/utsname.h>
#include <unistd.h>

namespace {

constexpr quint16 AgentPort = 9941;
constexpr quint16 NodeExporterPort = 9100;

// A process's CPU, all its threads, user + system, in ms (/proc/PID/stat fields 14 and 15).
double processCpuMs(qint64 pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::size_t close = text.rfind(')');
    if (close == std::string::npos)
        return 0;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i) {
        if (i >= 14)
            ticks += std::stod(field);
    }
    return ticks * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

double peakRssMb(qint64 pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stod(line.substr(6)) / 1024.0;
    }
    return 0;
}

bool startServer(QProcess &process, const QString &program, const QStringList &arguments, quint16 port)
{
    process.setProgram(program);
    process.setArguments(arguments);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start();
    if (!process.waitForStarted())
        return false;
    for (int i = 0; i < 100; ++i) {
        if (HttpScrape::get(port, "/", {}, 1000).status == 200)
            return true;
        QThread::msleep(100);
    }
    return false;
}

}

int main(int argc, char *argv[])
{
    if (!BenchSupport::enterPrivateNamespace())
        return 1;
    const int timeWait = BenchSupport::intOption(argc, argv, "--time-wait", 262144);
    const int established = BenchSupport::intOption(argc, argv, "--established", 20000);
    const int rounds = BenchSupport::intOption(argc, argv, "--rounds", 11);
    const QByteArray nodeExporter = BenchSupport::option(argc, argv, "--node-exporter", "prometheus-node-exporter");

    utsname uts {};
    uname(&uts);
    LoadGenerator load;
    QString error;
    const double fillStart = BenchSupport::monotonicMs();
    if (!load.build(timeWait, established, &error))
        return BenchSupport::fail(error);
    std::printf("kernel %s; population: %d TIME-WAIT + %d established pairs, filled in %.1f s (TIME-WAIT lasts 60 s)\n",
                uts.release, timeWait, established, (BenchSupport::monotonicMs() - fillStart) / 1000);

    QProcess agent, node;
    if (!startServer(agent, AGENT_BINARY, {"--metrics-listen", QString::number(AgentPort), "--metrics-min-interval", "0.25"},
                     AgentPort))
        return BenchSupport::fail(QStringLiteral("sockscope-agent did not start"));
    if (!startServer(node, QString::fromLocal8Bit(nodeExporter),
                     {"--collector.disable-defaults", "--collector.tcpstat",
                      "--web.listen-address=127.0.0.1:" + QString::number(NodeExporterPort)},
                     NodeExporterPort))
        return BenchSupport::fail(QStringLiteral("%1 did not start (Debian: apt install prometheus-node-exporter)")
                                      .arg(QString::fromLocal8Bit(nodeExporter)));

    std::vector<double> agentMs, nodeMs;
    double agentCpu = 0, nodeCpu = 0, lastWalks = -1;
    std::size_t agentBytes = 0, nodeBytes = 0, agentSeries = 0, nodeSeries = 0;
    double agentTimeWait = 0, nodeTimeWait = 0;
    bool everyScrapeWalked = true;
    std::printf("\n%-8s %12s %16s\n", "round", "agent ms", "node_exporter ms");
    for (int round = 0; round <= rounds; ++round) {
        QThread::msleep(500); // past the agent's minimum interval: this scrape walks the kernel again
        // Alternate which goes first, so neither always finds the caches the other warmed.
        HttpScrape::Reply a, n;
        double aCpu = 0, nCpu = 0;
        for (int which = 0; which < 2; ++which) {
            const bool agentTurn = (which == 0) == (round % 2 == 0);
            QProcess &process = agentTurn ? agent : node;
            const double before = processCpuMs(process.processId());
            HttpScrape::Reply reply = HttpScrape::get(agentTurn ? AgentPort : NodeExporterPort, "/metrics", {}, 30000);
            const double cpu = processCpuMs(process.processId()) - before;
            (agentTurn ? a : n) = reply;
            (agentTurn ? aCpu : nCpu) = cpu;
        }
        if (a.status != 200 || n.status != 200)
            return BenchSupport::fail(QStringLiteral("a scrape failed: agent %1, node_exporter %2").arg(a.status).arg(n.status));
        const auto as = HttpScrape::samples(a.body), ns = HttpScrape::samples(n.body);
        const double walks = as.at("sockscope_collections_total");
        everyScrapeWalked = everyScrapeWalked && (lastWalks < 0 || walks == lastWalks + 1);
        lastWalks = walks;
        if (round == 0)
            continue; // warm-up: both servers' first scrape
        agentMs.push_back(a.milliseconds);
        nodeMs.push_back(n.milliseconds);
        agentCpu += aCpu;
        nodeCpu += nCpu;
        agentBytes = a.body.size();
        nodeBytes = n.body.size();
        agentSeries = as.size();
        nodeSeries = ns.size();
        agentTimeWait = HttpScrape::sum(as, "sockscope_sockets", "TIME-WAIT");
        const auto tw = ns.find("node_tcp_connection_states{state=\"time_wait\"}");
        nodeTimeWait = tw == ns.end() ? -1 : tw->second;
        std::printf("%-8d %12.1f %16.1f\n", round, a.milliseconds, n.milliseconds);
    }
    const double agentMedian = BenchSupport::medianOf(agentMs), nodeMedian = BenchSupport::medianOf(nodeMs);
    std::printf("\nmedians over %d interleaved rounds (wall time of GET /metrics on loopback, from connect to the last byte):\n",
                rounds);
    std::printf("  sockscope-agent           %7.1f ms   %.2f x node_exporter (target <= 0.8)\n", agentMedian,
                nodeMedian > 0 ? agentMedian / nodeMedian : 0.0);
    std::printf("  node_exporter tcpstat     %7.1f ms\n", nodeMedian);
    std::printf("CPU per scrape (/proc/PID/stat, all threads, 10 ms ticks): agent %.1f ms, node_exporter %.1f ms\n",
                agentCpu / rounds, nodeCpu / rounds);
    std::printf("every agent scrape a fresh kernel walk: %s\n", everyScrapeWalked ? "yes" : "NO (figures not comparable)");
    std::printf("TIME-WAIT seen: agent %.0f, node_exporter %.0f\n", agentTimeWait, nodeTimeWait);
    std::printf("answer: agent %zu bytes, %zu samples; node_exporter %zu bytes, %zu samples (Go runtime ones included)\n",
                agentBytes, agentSeries, nodeBytes, nodeSeries);
    std::printf("peak RSS: agent %.1f MB, node_exporter %.1f MB\n", peakRssMb(agent.processId()), peakRssMb(node.processId()));
    agent.terminate();
    node.terminate();
    agent.waitForFinished(10000);
    node.waitForFinished(10000);
    return 0;
}
