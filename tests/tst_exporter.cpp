#include "exporterprocess.h"
#include "httpscrape.h"
#include "ownedsockets.h"
#include "peernetworknamespace.h"
#include "netnstestmain.h"
#include "processrun.h"
#include "socketpopulation.h"
#include "ssoracle.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <set>

// sockscope-agent --metrics-listen (issue 13) in the test's own network namespace: what it exports
// against a known population, a real Prometheus (Debian's 2.42) scraping it, promtool on a scrape,
// the series bound at 10,000 ports, hostile requests, and the options' errors.
class TestExporter : public QObject
{
    Q_OBJECT

    static constexpr quint16 AgentPort = 9941;
    static constexpr quint16 TopOnePort = 9942;
    static constexpr quint16 PrometheusPort = 9090;

    std::unique_ptr<SocketPopulation> m_population;
    QTemporaryDir m_dir;
    QProcess m_agent;

    static std::map<std::string, double> scrape(quint16 port)
    {
        const HttpScrape::Reply reply = HttpScrape::get(port, "/metrics");
        if (reply.status != 200)
            qWarning("scrape: status %d %s", reply.status, reply.error.c_str());
        return HttpScrape::samples(reply.body);
    }

    // promtool check metrics on a body: true when it finds nothing to say.
    static bool promtoolAccepts(const std::string &body, QByteArray *said)
    {
        QProcess promtool;
        promtool.start(QStringLiteral("promtool"), {QStringLiteral("check"), QStringLiteral("metrics")});
        if (!promtool.waitForStarted())
            return false;
        promtool.write(body.data(), qint64(body.size()));
        promtool.closeWriteChannel();
        promtool.waitForFinished(30000);
        *said = promtool.readAllStandardOutput() + promtool.readAllStandardError();
        return promtool.exitStatus() == QProcess::NormalExit && promtool.exitCode() == 0 && said->trimmed().isEmpty();
    }

    static std::set<std::string> familyNames(const std::string &body)
    {
        std::set<std::string> names;
        for (const auto &[key, value] : HttpScrape::samples(body)) {
            Q_UNUSED(value);
            names.insert(key.substr(0, key.find('{')));
        }
        return names;
    }

private slots:
    void initTestCase()
    {
        // 35 sockets: LISTEN 2, ESTABLISHED 6, TIME-WAIT 27 (9 on local port 9000, 12 towards it,
        // 6 IPv6 on local port 9443).
        m_population = std::make_unique<SocketPopulation>();
        QVERIFY2(m_population->commandLinePopulation(), qPrintable(m_population->error()));
        QVERIFY(m_dir.isValid());
        ExporterProcess::start(m_agent, {"--metrics-listen", QString::number(AgentPort), "--metrics-min-interval", "0.25"},
                               AgentPort);
    }

    void cleanupTestCase() { ExporterProcess::stop(m_agent); }

    // The figures of the population, exactly, in the text format Prometheus asks for by default.
    void exportsTheExactCounts()
    {
        const HttpScrape::Reply reply = HttpScrape::get(AgentPort, "/metrics");
        QCOMPARE(reply.status, 200);
        QCOMPARE(QByteArray::fromStdString(reply.header("Content-Type")), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
        const auto s = HttpScrape::samples(reply.body);
        QCOMPARE(s.at("sockscope_timewait_local_port_sockets{port=\"9000\"}"), 9.0);
        QCOMPARE(s.at("sockscope_timewait_local_port_sockets{port=\"9443\"}"), 6.0);
        QCOMPARE(s.at("sockscope_timewait_remote_port_sockets{port=\"9000\"}"), 12.0);
        // The remote ports of the 15 server-side entries are the clients' ephemeral ports, each
        // its own: one series port="ephemeral", as the 12 client-side entries' local ports are.
        QCOMPARE(s.at("sockscope_timewait_remote_port_sockets{port=\"ephemeral\"}"), 15.0);
        QCOMPARE(s.at("sockscope_timewait_remote_port_sockets{port=\"other\"}"), 0.0);
        QCOMPARE(HttpScrape::count(s, "sockscope_timewait_remote_port_sockets"), 3);
        QCOMPARE(s.at("sockscope_timewait_local_port_sockets{port=\"ephemeral\"}"), 12.0);
        QCOMPARE(HttpScrape::count(s, "sockscope_timewait_local_port_sockets"), 4);
        QCOMPARE(HttpScrape::sum(s, "sockscope_timewait_local_port_sockets"), 27.0);
        QCOMPARE(HttpScrape::sum(s, "sockscope_timewait_remote_port_sockets"), 27.0);
        QCOMPARE(s.at("sockscope_sockets{family=\"ipv4\",state=\"TIME-WAIT\"}"), 21.0);
        QCOMPARE(s.at("sockscope_sockets{family=\"ipv6\",state=\"TIME-WAIT\"}"), 6.0);
        // The population's and the agent's listener; its 6 ESTABLISHED and this scrape's connection.
        QCOMPARE(s.at("sockscope_sockets{family=\"ipv4\",state=\"LISTEN\"}"), 2.0);
        QCOMPARE(HttpScrape::sum(s, "sockscope_sockets", "ESTABLISHED"), 8.0);
        QCOMPARE(s.at("sockscope_timewait_table_entries"), 27.0);
        QCOMPARE(s.at("sockscope_collection_success"), 1.0);
        // The tuple towards 127.0.0.1:9000 holds 14 ephemeral ports: 12 client-side TIME-WAIT and
        // the client ends of the 2 IPv4 pairs.
        QCOMPARE(s.at("sockscope_ephemeral_ports_busiest_tuple"), 14.0);
        QCOMPARE(HttpScrape::sum(s, "sockscope_ephemeral_ports_in_use", "remote_port=\"9000\""), 14.0);
        QVERIFY(s.at("sockscope_ephemeral_port_range_size") > 0);
        // The limit is the range less its reserved ports, and a full range fails connect() for
        // good only where tcp_tw_reuse does not apply (tcp_twsk_unique).
        const auto help = [&](const char *family) {
            const std::string line = std::string("# HELP ") + family + ' ';
            const std::size_t at = reply.body.find(line);
            return at == std::string::npos ? std::string() : reply.body.substr(at, reply.body.find('\n', at) - at);
        };
        QVERIFY(help("sockscope_ephemeral_port_range_size").find("outside net.ipv4.ip_local_reserved_ports")
                != std::string::npos);
        QVERIFY(help("sockscope_ephemeral_ports_in_use").find("only while every entry is younger than tcp_tw_reuse_delay")
                != std::string::npos);
        // Reuse also needs a peer-timestamp record in the entry (tw_ts_recent_stamp != 0): without
        // timestamps a full range fails however old the entries are.
        QVERIFY(help("sockscope_ephemeral_ports_in_use").find("and the entries hold a record of the peer's timestamp")
                != std::string::npos);
        // The busiest tuples' port budget, the window's calculation (PortBudget): in this fresh
        // namespace 28,232 usable ports, tcp_tw_reuse 2 and a loopback tuple, so reuse applies with
        // tcp_tw_reuse_delay's 1000 ms; without it each port waits 60 s.
        const std::string tuple = "family=\"ipv4\",local_address=\"127.0.0.1\",remote_address=\"127.0.0.1\",remote_port=\"9000\"";
        QCOMPARE(s.at("sockscope_port_budget_connections_per_second{" + tuple + ",reuse=\"with\"}"), 28232.0);
        QCOMPARE(s.at("sockscope_port_budget_connections_per_second{" + tuple + ",reuse=\"without\"}"), 28232.0 / 60);
        QCOMPARE(s.at("sockscope_port_budget_reuse_applies{" + tuple + "}"), 1.0);
        // One series per tuple and reuse: as many tuples as sockscope_ephemeral_ports_in_use has.
        QCOMPARE(HttpScrape::count(s, "sockscope_port_budget_connections_per_second"),
                 2 * HttpScrape::count(s, "sockscope_ephemeral_ports_in_use"));
        QCOMPARE(HttpScrape::count(s, "sockscope_slab_bytes") > 0, true);
        QVERIFY(s.count("sockscope_netstat_tcpext_tcp_time_wait_overflow_total"));
        // PAWS rejects in TIME-WAIT have their own counter on this kernel (LINUX_MIB_PAWS_TW_REJECTED).
        QFile netstat(QStringLiteral("/proc/net/netstat"));
        QVERIFY(netstat.open(QIODevice::ReadOnly));
        QCOMPARE(s.count("sockscope_netstat_tcpext_paws_timewait_total"),
                 netstat.readAll().contains(" PAWSTimewait ") ? std::size_t(1) : std::size_t(0));
        // sockstat's orphan count is the host's, whatever namespace reads it (tcp_orphan_count_sum).
        QVERIFY2(reply.body.find("# HELP sockscope_sockstat_tcp_orphans Orphaned TCP sockets, host-wide") != std::string::npos,
                 reply.body.c_str());
        QVERIFY(s.count("sockscope_sysctl_net_ipv4_tcp_max_tw_buckets"));
        // TIME-WAIT by process (issue 15): the 15 server-side entries sit on ports this test process
        // listens on (the server closed first); the series, with "other" and the unattributed, sum
        // to the TIME-WAIT count.
        QCOMPARE(HttpScrape::sum(s, "sockscope_timewait_process_sockets", "evidence=\"listener\""), 15.0);
        for (const auto &[key, value] : s) {
            if (key.rfind("sockscope_timewait_process_sockets{", 0) == 0
                && key.find("evidence=\"listener\"") != std::string::npos)
                QVERIFY2(key.find("command=\"tst_exporter\"") != std::string::npos, key.c_str());
        }
        QCOMPARE(HttpScrape::sum(s, "sockscope_timewait_process_sockets") + s.at("sockscope_timewait_other_processes_sockets")
                     + s.at("sockscope_timewait_unattributed_sockets"),
                 27.0);
    }

    void promtoolAcceptsAScrape()
    {
        const HttpScrape::Reply reply = HttpScrape::get(AgentPort, "/metrics");
        QCOMPARE(reply.status, 200);
        QByteArray said;
        QVERIFY2(promtoolAccepts(reply.body, &said), said.constData());
    }

    // Asked for OpenMetrics, as Prometheus does: its content type, counters' families without
    // _total, "# EOF" at the end; the same figures.
    void openMetricsWhenAsked()
    {
        const HttpScrape::Reply reply = HttpScrape::get(
            AgentPort, "/metrics",
            "Accept: application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
            "text/plain;version=0.0.4;q=0.5,*/*;q=0.1\r\n");
        QCOMPARE(reply.status, 200);
        QCOMPARE(QByteArray::fromStdString(reply.header("Content-Type")),
                 QByteArray("application/openmetrics-text; version=1.0.0; charset=utf-8"));
        QVERIFY(QByteArray::fromStdString(reply.body).endsWith("\n# EOF\n"));
        QVERIFY(reply.body.find("# TYPE sockscope_collections counter\n") != std::string::npos);
        QVERIFY(reply.body.find("# TYPE sockscope_build info\n") != std::string::npos);
        QCOMPARE(HttpScrape::samples(reply.body).at("sockscope_timewait_local_port_sockets{port=\"9000\"}"), 9.0);
        // Text preferred, or no OpenMetrics at all: the text format.
        for (const char *accept : {"text/plain;q=0.9,application/openmetrics-text;q=0.5\r\n", "*/*\r\n"}) {
            const HttpScrape::Reply text = HttpScrape::get(AgentPort, "/metrics", std::string("Accept: ") + accept);
            QVERIFY2(text.header("Content-Type").rfind("text/plain", 0) == 0, accept);
        }
    }

    // --top 1: one port by name, the rest in port="other", and the sum still exact. With
    // --ephemeral-ports the clients' ports are ports again, each with one entry, so 9000 leads.
    void topPortsAndOther()
    {
        QProcess agent;
        ExporterProcess::start(agent, {"--metrics-listen", "127.0.0.1:" + QString::number(TopOnePort), "--top", "1"}, TopOnePort);
        auto s = scrape(TopOnePort);
        QCOMPARE(HttpScrape::count(s, "sockscope_timewait_local_port_sockets"), 2);
        QCOMPARE(s.at("sockscope_timewait_remote_port_sockets{port=\"ephemeral\"}"), 15.0);
        QCOMPARE(s.at("sockscope_timewait_remote_port_sockets{port=\"other\"}"), 12.0);
        QCOMPARE(HttpScrape::sum(s, "sockscope_timewait_local_port_sockets"), 27.0);
        ExporterProcess::stop(agent);
        ExporterProcess::start(
            agent, {"--metrics-listen", "127.0.0.1:" + QString::number(TopOnePort), "--top", "1", "--ephemeral-ports"},
            TopOnePort);
        s = scrape(TopOnePort);
        QCOMPARE(HttpScrape::count(s, "sockscope_timewait_local_port_sockets"), 2);
        QCOMPARE(s.at("sockscope_timewait_remote_port_sockets{port=\"9000\"}"), 12.0);
        QCOMPARE(s.at("sockscope_timewait_remote_port_sockets{port=\"other\"}"), 15.0);
        QCOMPARE(s.count("sockscope_timewait_remote_port_sockets{port=\"ephemeral\"}"), std::size_t(0));
        QCOMPARE(HttpScrape::sum(s, "sockscope_timewait_local_port_sockets"), 27.0);
        ExporterProcess::stop(agent);
    }

    // The real Prometheus of Debian scrapes the agent here and answers a query for the TIME-WAIT
    // series of port 9000 with the population's count; it also loads the alert rules and
    // evaluates them on the real series without error.
    void prometheusScrapesTheAgent()
    {
        const QString config = m_dir.filePath("prometheus.yml");
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                   "rule_files:\n  - "
                   + QByteArray(ALERT_RULES)
                   + "\n"
                     "scrape_configs:\n  - job_name: sockscope\n    static_configs:\n      - targets: ['127.0.0.1:"
                   + QByteArray::number(AgentPort) + "']\n");
        file.close();
        QProcess prometheus;
        prometheus.setProcessChannelMode(QProcess::MergedChannels);
        prometheus.start(QStringLiteral("prometheus"),
                         {"--config.file=" + config, "--storage.tsdb.path=" + m_dir.filePath("tsdb"),
                          "--web.listen-address=127.0.0.1:" + QString::number(PrometheusPort)});
        QVERIFY(prometheus.waitForStarted());
        const auto query = [](const std::string &promql) {
            QByteArray encoded = QUrl::toPercentEncoding(QString::fromStdString(promql));
            const HttpScrape::Reply reply =
                HttpScrape::get(PrometheusPort, "/api/v1/query?query=" + encoded.toStdString(), {}, 2000);
            return QJsonDocument::fromJson(QByteArray::fromStdString(reply.body)).object();
        };
        QJsonArray result;
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 45000) {
            result =
                query("sockscope_timewait_local_port_sockets{port=\"9000\"}").value("data").toObject().value("result").toArray();
            if (!result.isEmpty())
                break;
            QTest::qWait(250);
        }
        const QByteArray log = prometheus.readAll();
        QVERIFY2(result.size() == 1, log.right(2000).constData());
        const QJsonObject series = result.at(0).toObject();
        QCOMPARE(series.value("metric").toObject().value("job").toString(), QStringLiteral("sockscope"));
        QCOMPARE(series.value("value").toArray().at(1).toString(), QStringLiteral("9"));
        // Summed over ports, the series give the TIME-WAIT count (Prometheus kept "other"). Not 27:
        // Prometheus's own connections, closed by the agent when idle, leave TIME-WAIT on :9941.
        const QJsonArray total =
            query("sum(sockscope_timewait_remote_port_sockets) - sum(sockscope_sockets{state=\"TIME-WAIT\"})")
                .value("data")
                .toObject()
                .value("result")
                .toArray();
        QCOMPARE(total.at(0).toObject().value("value").toArray().at(1).toString(), QStringLiteral("0"));
        // The rules are loaded and were evaluated against these series without error.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const HttpScrape::Reply reply = HttpScrape::get(PrometheusPort, "/api/v1/rules", {}, 2000);
                const QJsonArray groups = QJsonDocument::fromJson(QByteArray::fromStdString(reply.body))
                                              .object()
                                              .value("data")
                                              .toObject()
                                              .value("groups")
                                              .toArray();
                if (groups.size() != 1) {
                    qWarning("rules: %s", reply.body.c_str());
                    return false;
                }
                const QJsonArray rules = groups.at(0).toObject().value("rules").toArray();
                int ok = 0;
                for (const QJsonValue &rule : rules)
                    ok += rule.toObject().value("health").toString() == QLatin1String("ok") ? 1 : 0;
                if (rules.size() != 4 || ok != 4)
                    qWarning("rules: %s", reply.body.c_str());
                return rules.size() == 4 && ok == 4;
            }(),
            10000);
        prometheus.terminate();
        QVERIFY(prometheus.waitForFinished(15000));
    }

    // The dashboard imports as it is (valid JSON, a data source variable, a host variable) and,
    // like the rules, asks only for metrics the agent exports.
    void dashboardAndRulesUseExportedMetrics()
    {
        const std::set<std::string> exported = familyNames(HttpScrape::get(AgentPort, "/metrics").body);
        QFile dashboardFile(QStringLiteral(DASHBOARD_JSON));
        QVERIFY(dashboardFile.open(QIODevice::ReadOnly));
        QJsonParseError parseError;
        const QJsonDocument dashboard = QJsonDocument::fromJson(dashboardFile.readAll(), &parseError);
        QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
        QStringList variables;
        for (const QJsonValue &variable : dashboard.object().value("templating").toObject().value("list").toArray())
            variables << variable.toObject().value("type").toString() + ':' + variable.toObject().value("name").toString();
        QCOMPARE(variables, QStringList({"datasource:datasource", "query:host"}));
        QStringList expressions;
        for (const QJsonValue &panel : dashboard.object().value("panels").toArray()) {
            // Client TIME-WAIT (the remote-port side) is attributed by a guess: the panel says so.
            if (panel.toObject().value("title").toString() == QLatin1String("TIME-WAIT by remote port on $host"))
                QVERIFY(panel.toObject().value("description").toString().contains(QLatin1String("heuristic")));
            for (const QJsonValue &target : panel.toObject().value("targets").toArray()) {
                const QString expr = target.toObject().value("expr").toString();
                QVERIFY2(expr.contains(QLatin1String("instance=~\"$host\"")), qPrintable(expr));
                QCOMPARE(target.toObject().value("datasource").toObject().value("uid").toString(),
                         QStringLiteral("${datasource}"));
                expressions << expr;
            }
        }
        QVERIFY(expressions.size() >= 10);
        // A stacked panel adds up one host's series: over several hosts it would pile them into one
        // stack. Each sits in a row repeated per host.
        QString repeatOfRow;
        int stacked = 0;
        for (const QJsonValue &value : dashboard.object().value("panels").toArray()) {
            const QJsonObject panel = value.toObject();
            if (panel.value("type").toString() == QLatin1String("row")) {
                repeatOfRow = panel.value("repeat").toString();
                continue;
            }
            const QJsonObject custom =
                panel.value("fieldConfig").toObject().value("defaults").toObject().value("custom").toObject();
            if (custom.value("stacking").toObject().value("mode").toString() != QLatin1String("normal"))
                continue;
            ++stacked;
            QVERIFY2(repeatOfRow == QLatin1String("host"), qPrintable(panel.value("title").toString()));
        }
        QCOMPARE(stacked, 4);
        QFile rules(QStringLiteral(ALERT_RULES));
        QVERIFY(rules.open(QIODevice::ReadOnly));
        expressions << QString::fromUtf8(rules.readAll());
        const QRegularExpression metric(QStringLiteral("\\bsockscope_[a-z0-9_]+"));
        QSet<QString> used;
        for (const QString &text : expressions) {
            for (auto match = metric.globalMatch(text); match.hasNext();)
                used.insert(match.next().captured());
        }
        used.remove(QStringLiteral("sockscope_")); // none; a guard against a half-written name
        QVERIFY(used.size() >= 10);
        for (const QString &name : used) {
            if (name == QLatin1String("sockscope_agent")) // "sockscope-agent" in the summaries' prose
                continue;
            QVERIFY2(exported.count(name.toStdString()), qPrintable(name + " is used but not exported"));
        }
    }

    // 10,000 distinct local ports in TIME-WAIT (client-side closes, one ephemeral port each): one
    // series port="ephemeral" for them, a few named ports and "other", and the sum exact.
    void seriesBoundedAtTenThousandPorts()
    {
        // On loopback tcp_tw_reuse (2, its default) lets connect() take over a TIME-WAIT port more
        // than a second old, which would make fewer than 10,000 of them: off in this namespace.
        QFile reuse(QStringLiteral("/proc/sys/net/ipv4/tcp_tw_reuse"));
        QVERIFY(reuse.open(QIODevice::WriteOnly) && reuse.write("0\n") == 2);
        reuse.close();
        SocketPopulation many;
        QVERIFY2(many.listen({AF_INET, "127.0.0.1", 9100}), qPrintable(many.error()));
        QVERIFY2(many.closedConnections({AF_INET, "127.0.0.1", 9100}, 10000, SocketPopulation::CloseOrder::ClientFirst),
                 qPrintable(many.error()));
        QTest::qWait(300); // past the minimum interval: the next scrape walks again
        const HttpScrape::Reply reply = HttpScrape::get(AgentPort, "/metrics");
        const auto s = HttpScrape::samples(reply.body);
        // connect() may give a port already in TIME-WAIT towards :9000 to a connection to :9100.
        QVERIFY2(s.at("sockscope_timewait_local_ports") >= 10000,
                 qPrintable(QString::number(s.at("sockscope_timewait_local_ports"))));
        QVERIFY(HttpScrape::count(s, "sockscope_timewait_local_port_sockets") <= 21);
        QVERIFY(s.at("sockscope_timewait_local_port_sockets{port=\"ephemeral\"}") >= 10000);
        // 10,027 and the few Prometheus's connections left on :9941 (prometheusScrapesTheAgent).
        const double timeWait = HttpScrape::sum(s, "sockscope_sockets", "TIME-WAIT");
        QVERIFY(timeWait >= 10027 && timeWait < 10100);
        QCOMPARE(HttpScrape::sum(s, "sockscope_timewait_local_port_sockets"), timeWait);
        QCOMPARE(HttpScrape::sum(s, "sockscope_timewait_remote_port_sockets"), timeWait);
        QCOMPARE(s.at("sockscope_timewait_remote_port_sockets{port=\"9100\"}"), 10000.0);
        // Tuples towards :9100, :9000, [::1]:9443 and this scrape's :9941; the busiest is exact.
        QCOMPARE(HttpScrape::count(s, "sockscope_ephemeral_ports_in_use"), 4);
        QCOMPARE(s.at("sockscope_ephemeral_ports_busiest_tuple"), 10000.0);
        QVERIFY2(s.size() < 250, qPrintable(QString::number(s.size())));
        QByteArray said;
        QVERIFY2(promtoolAccepts(reply.body, &said), said.constData());
    }

    // Two workers of one service (one command, one cgroup), each seen holding 20 accepted
    // connections and then closing them first: one series of 40, never two with the same labels
    // (issue 21). A process named "other" is a process series of its own beside the aggregate.
    // Last: it leaves TIME-WAIT that the counts asserted above do not include.
    void workersOfOneServiceAreOneSeries()
    {
        constexpr quint16 Served = 9200, OtherPort = 9201;
        constexpr int PerWorker = 20;
        const int listener = listenOn(Served), otherListener = listenOn(OtherPort);
        QVERIFY(listener >= 0 && otherListener >= 0);
        std::vector<Child> workers;
        for (int w = 0; w < 2; ++w) {
            workers.push_back(spawn("tw-worker", [listener](int commands, int answers) {
                std::vector<int> held;
                for (int i = 0; i < PerWorker; ++i)
                    held.push_back(::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC));
                say(answers);
                hear(commands);
                for (const int fd : held)
                    ::close(fd); // the server closes first
                hear(commands);
            }));
        }
        Child other = spawn("other", [](int commands, int answers) {
            const int fd = connectTo(OtherPort);
            say(answers);
            hear(commands);
            ::close(fd); // the client closes first
            hear(commands);
        });
        std::vector<int> clients;
        for (int i = 0; i < 2 * PerWorker; ++i) {
            clients.push_back(connectTo(Served));
            QVERIFY(clients.back() >= 0);
        }
        for (const Child &worker : workers)
            QVERIFY(worker.receive());
        QVERIFY(other.receive());
        const int otherAccepted = ::accept4(otherListener, nullptr, nullptr, SOCK_CLOEXEC);
        // Seen held: a collection past the agent's 5 s between passes over /proc.
        // (The first collection finds inodes no pass has seen, the next makes the pass.)
        QTest::qWait(5300);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(HttpScrape::get(AgentPort, "/metrics").status, 200);
            QTest::qWait(300);
        }

        for (const Child &worker : workers)
            worker.send();
        other.send();
        for (const int fd : clients) {
            waitForEof(fd);
            ::close(fd);
        }
        waitForEof(otherAccepted);
        ::close(otherAccepted);
        QVERIFY(waitForTimeWait(2 * PerWorker, [](const SocketRecord &r) { return r.localPort == Served; }));
        QVERIFY(waitForTimeWait(1, [](const SocketRecord &r) { return r.remotePort == OtherPort; }));
        QTest::qWait(300);
        const HttpScrape::Reply reply = HttpScrape::get(AgentPort, "/metrics");
        QCOMPARE(reply.status, 200);

        // Every sample's name and labels once.
        std::set<std::string> keys;
        std::vector<std::pair<std::string, double>> workerSeries, otherSeries;
        for (const QByteArray &line : QByteArray::fromStdString(reply.body).split('\n')) {
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            const std::string key = line.left(line.lastIndexOf(' ')).toStdString();
            QVERIFY2(keys.insert(key).second, key.c_str());
            const double value = line.mid(line.lastIndexOf(' ') + 1).toDouble();
            if (key.rfind("sockscope_timewait_process_sockets{command=\"tw-worker\",", 0) == 0)
                workerSeries.emplace_back(key, value);
            if (key.rfind("sockscope_timewait_process_sockets{command=\"other\",", 0) == 0)
                otherSeries.emplace_back(key, value);
        }
        QCOMPARE(workerSeries.size(), std::size_t(1));
        QVERIFY2(workerSeries[0].first.find("evidence=\"exact\"") != std::string::npos, workerSeries[0].first.c_str());
        QCOMPARE(workerSeries[0].second, double(2 * PerWorker));
        QCOMPARE(otherSeries.size(), std::size_t(1));
        QVERIFY2(otherSeries[0].first.find("evidence=\"exact\"") != std::string::npos, otherSeries[0].first.c_str());
        QCOMPARE(otherSeries[0].second, 1.0);
        const auto s = HttpScrape::samples(reply.body);
        // The aggregate is a metric of its own, which no process name can take.
        QVERIFY(s.count("sockscope_timewait_other_processes_sockets"));
        QCOMPARE(HttpScrape::sum(s, "sockscope_timewait_process_sockets") + s.at("sockscope_timewait_other_processes_sockets")
                     + s.at("sockscope_timewait_unattributed_sockets"),
                 HttpScrape::sum(s, "sockscope_sockets", "TIME-WAIT"));
        QByteArray said;
        QVERIFY2(promtoolAccepts(reply.body, &said), said.constData());

        for (Child &worker : workers) {
            worker.send();
            worker.reap();
        }
        other.send();
        other.reap();
        ::close(listener);
        ::close(otherListener);
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestExporter, QCoreApplication)
#include "tst_exporter.moc"
