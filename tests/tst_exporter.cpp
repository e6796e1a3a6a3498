#include "httpscrape.h"
#include "ownedsockets.h"
#include "peernetworknamespace.h"
#include "privatenetworknamespace.h"
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
#include <QScopeGuard>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>
#include <set>
#include <thread>

// sockscope-agent --metrics-listen (issue 13) in the test's own network namespace: what it exports
// against a known population, a real Prometheus (Debian's 2.42) scraping it, promtool on a scrape,
// the series bound at 10,000 ports, hostile requests, and the options' errors.
class TestExporter : public QObject
{
    Q_OBJECT

    static constexpr quint16 AgentPort = 9941;
    static constexpr unsigned ConnectionsPerClient = 16; // the agent's MetricsServer::ConnectionsPerClient
    static constexpr unsigned Nobody = 65534;
    static constexpr quint16 TopOnePort = 9942;
    static constexpr quint16 PrometheusPort = 9090;

    std::unique_ptr<SocketPopulation> m_population;
    QTemporaryDir m_dir;
    QProcess m_agent;

    static void startAgent(QProcess &agent, const QStringList &arguments, quint16 port)
    {
        agent.setProgram(SOCKSCOPE_AGENT);
        agent.setArguments(arguments);
        agent.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        agent.start();
        QVERIFY(agent.waitForStarted());
        // Listening once the landing page answers.
        QTRY_COMPARE_WITH_TIMEOUT(HttpScrape::get(port, "/", {}, 1000).status, 200, 10000);
    }

    static void stopAgent(QProcess &agent)
    {
        agent.terminate();
        QVERIFY(agent.waitForFinished(10000));
        QCOMPARE(agent.exitStatus(), QProcess::NormalExit);
        QCOMPARE(agent.exitCode(), 0);
    }

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

    // Whether a connection is still open with nothing received (poll says nothing to read).
    // Closed by the agent when it started, before the head timeout (2 s) could have closed it.
    static bool closedAtOnce(int fd)
    {
        pollfd closed {fd, POLLIN, 0};
        char byte;
        return ::poll(&closed, 1, 1500) == 1 && ::recv(fd, &byte, 1, MSG_DONTWAIT) <= 0;
    }

    static bool openAndQuiet(int fd)
    {
        pollfd held {fd, POLLIN, 0};
        return ::poll(&held, 1, 0) == 0;
    }

private slots:
    void initTestCase()
    {
        // 35 sockets: LISTEN 2, ESTABLISHED 6, TIME-WAIT 27 (9 on local port 9000, 12 towards it,
        // 6 IPv6 on local port 9443).
        m_population = std::make_unique<SocketPopulation>();
        QVERIFY2(m_population->commandLinePopulation(), qPrintable(m_population->error()));
        QVERIFY(m_dir.isValid());
        startAgent(m_agent, {"--metrics-listen", QString::number(AgentPort), "--metrics-min-interval", "0.25"}, AgentPort);
    }

    void cleanupTestCase() { stopAgent(m_agent); }

    // The figures of the population, exactly, in the text format Prometheus asks for by default.
    void exportsTheExactCounts()
    {
        const HttpScrape::Reply reply = HttpScrape::get(AgentPort, "/metrics");
        QCOMPARE(reply.status, 200);
        QCOMPARE(QByteArray::fromStdString(reply.header("Content-Type")),
                 QByteArray("text/plain; version=0.0.4; charset=utf-8"));
        const auto s = HttpScrape::samples(reply.body);
        QCOMPARE(s.at("sockscope_timewait_local_port_sockets{port=\"9000\"}"), 9.0);
        QCOMPARE(s.at("sockscope_timewait_local_port_sockets{port=\"9443\"}"), 6.0);
        QCOMPARE(s.at("sockscope_timewait_remote_port_sockets{port=\"9000\"}"), 12.0);
        // Every other TIME-WAIT is a remote port of the 15 server-side ones, each its own port.
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
        QVERIFY(help("sockscope_ephemeral_port_range_size").find("outside net.ipv4.ip_local_reserved_ports") != std::string::npos);
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
        QCOMPARE(s.at("sockscope_port_budget_connections_per_second{" + tuple + ",reuse=\"without\"}"), 470.533333);
        QCOMPARE(s.at("sockscope_port_budget_reuse_applies{" + tuple + "}"), 1.0);
        // One series per tuple and reuse: as many tuples as sockscope_ephemeral_ports_in_use has.
        QCOMPARE(HttpScrape::count(s, "sockscope_port_budget_connections_per_second"),
                 2 * HttpScrape::count(s, "sockscope_ephemeral_ports_in_use"));
        QCOMPARE(HttpScrape::count(s, "sockscope_slab_bytes") > 0, true);
        QVERIFY(s.count("sockscope_netstat_tcpext_tcp_time_wait_overflow_total"));
        // PAWS rejects in TIME-WAIT have their own counter on this kernel (LINUX_MIB_PAWS_TW_REJECTED).
        QFile netstat(QStringLiteral("/proc/net/netstat"));
        QVERIFY(netstat.open(QIODevice::ReadOnly));
        QCOMPARE(s.count("sockscope_netstat_tcpext_paws_timewait_total"), netstat.readAll().contains(" PAWSTimewait ") ? std::size_t(1) : std::size_t(0));
        // sockstat's orphan count is the host's, whatever namespace reads it (tcp_orphan_count_sum).
        QVERIFY2(reply.body.find("# HELP sockscope_sockstat_tcp_orphans Orphaned TCP sockets, host-wide") != std::string::npos,
                 reply.body.c_str());
        QVERIFY(s.count("sockscope_sysctl_net_ipv4_tcp_max_tw_buckets"));
        // TIME-WAIT by process (issue 15): the 15 server-side entries sit on ports this test process
        // listens on (the server closed first); the series, with "other" and the unattributed, sum
        // to the TIME-WAIT count.
        QCOMPARE(HttpScrape::sum(s, "sockscope_timewait_process_sockets", "evidence=\"listener\""), 15.0);
        for (const auto &[key, value] : s) {
            if (key.rfind("sockscope_timewait_process_sockets{", 0) == 0 && key.find("evidence=\"listener\"") != std::string::npos)
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

    // --top 1: one port by name, the rest in port="other", and the sum still exact.
    void topPortsAndOther()
    {
        QProcess agent;
        startAgent(agent, {"--metrics-listen", "127.0.0.1:" + QString::number(TopOnePort), "--top", "1"}, TopOnePort);
        const auto s = scrape(TopOnePort);
        QCOMPARE(HttpScrape::count(s, "sockscope_timewait_local_port_sockets"), 2);
        QCOMPARE(s.at("sockscope_timewait_remote_port_sockets{port=\"9000\"}"), 12.0);
        QCOMPARE(s.at("sockscope_timewait_remote_port_sockets{port=\"other\"}"), 15.0);
        QCOMPARE(HttpScrape::sum(s, "sockscope_timewait_local_port_sockets"), 27.0);
        stopAgent(agent);
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
                   "rule_files:\n  - " + QByteArray(ALERT_RULES) + "\n"
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
            const HttpScrape::Reply reply
                = HttpScrape::get(PrometheusPort, "/api/v1/query?query=" + encoded.toStdString(), {}, 2000);
            return QJsonDocument::fromJson(QByteArray::fromStdString(reply.body)).object();
        };
        QJsonArray result;
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 45000) {
            result = query("sockscope_timewait_local_port_sockets{port=\"9000\"}")
                         .value("data").toObject().value("result").toArray();
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
        const QJsonArray total
            = query("sum(sockscope_timewait_remote_port_sockets) - sum(sockscope_sockets{state=\"TIME-WAIT\"})")
                  .value("data").toObject().value("result").toArray();
        QCOMPARE(total.at(0).toObject().value("value").toArray().at(1).toString(), QStringLiteral("0"));
        // The rules are loaded and were evaluated against these series without error.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const HttpScrape::Reply reply = HttpScrape::get(PrometheusPort, "/api/v1/rules", {}, 2000);
                const QJsonArray groups = QJsonDocument::fromJson(QByteArray::fromStdString(reply.body))
                                              .object().value("data").toObject().value("groups").toArray();
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
            for (const QJsonValue &target : panel.toObject().value("targets").toArray()) {
                const QString expr = target.toObject().value("expr").toString();
                QVERIFY2(expr.contains(QLatin1String("instance=~\"$host\"")), qPrintable(expr));
                QCOMPARE(target.toObject().value("datasource").toObject().value("uid").toString(),
                         QStringLiteral("${datasource}"));
                expressions << expr;
            }
        }
        QVERIFY(expressions.size() >= 10);
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

    // Methods, paths, malformed and oversized requests are refused; slow requests are cut after
    // the request limit; and none of them delays a scrape made meanwhile.
    void hostileRequestsDoNotDelayScrapes()
    {
        QCOMPARE(HttpScrape::raw(AgentPort, "POST /metrics HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n").status, 405);
        const HttpScrape::Reply del = HttpScrape::raw(AgentPort, "DELETE / HTTP/1.1\r\nHost: a\r\n\r\n");
        QCOMPARE(del.status, 405);
        QCOMPARE(QByteArray::fromStdString(del.header("Allow")), QByteArray("GET, HEAD"));
        QCOMPARE(HttpScrape::get(AgentPort, "/metrics/../etc/passwd").status, 404);
        QCOMPARE(HttpScrape::get(AgentPort, "/favicon.ico").status, 404);
        const HttpScrape::Reply landing = HttpScrape::get(AgentPort, "/");
        QCOMPARE(landing.status, 200);
        QVERIFY(landing.body.find("href=\"/metrics\"") != std::string::npos);
        for (const char *malformed : {"GARBAGE\r\n\r\n", "GET /metrics HTTP/1.1\r\n\r\n" /* 1.1 needs Host */,
                                      "GET /metrics HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
                                      "GET /metrics HTTP/9.9\r\nHost: a\r\n\r\n"}) {
            const HttpScrape::Reply reply = HttpScrape::raw(AgentPort, malformed, 3000);
            qInfo("%s -> %d %s", QByteArray(malformed).toPercentEncoding(" /").constData(), reply.status, reply.error.c_str());
            // An error status, or the connection closed without an answer; never a timeout.
            QVERIFY2(reply.status >= 400 || (reply.status == 0 && reply.error.empty()), malformed);
        }
        // Bytes that never make a line (a TLS ClientHello): closed when idle for 2 s, the timeout
        // of a connection whose request head is not complete (5 s once it is).
        const HttpScrape::Reply tls = HttpScrape::raw(AgentPort, std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11), 8000);
        qInfo("TLS ClientHello closed after %.0f ms", tls.milliseconds);
        QVERIFY2(tls.status == 0 && tls.error.empty() && tls.milliseconds > 1500 && tls.milliseconds < 4000,
                 tls.error.c_str());
        // 64 KiB of headers: more than a connection may hold (32 KiB), refused, not stored.
        const HttpScrape::Reply huge = HttpScrape::get(AgentPort, "/metrics", "X-Big: " + std::string(65536, 'a') + "\r\n");
        QVERIFY2(huge.status == 431 || huge.status == 413 || huge.status == 0,
                 qPrintable(QString::number(huge.status)));
        const HttpScrape::Reply longUrl = HttpScrape::get(AgentPort, "/" + std::string(40000, 'm'));
        QVERIFY2(longUrl.status == 414 || longUrl.status == 431 || longUrl.status == 0,
                 qPrintable(QString::number(longUrl.status)));

        // Sixteen slow-loris connections (as many as one user may hold), from another user (nobody)
        // on 127.0.0.2 while the scrapes come from root on 127.0.0.1, each sending a header line
        // every 0.5 s and never ending.
        std::vector<int> slow;
        QElapsedTimer sinceSlowOpened;
        sinceSlowOpened.start();
        for (unsigned i = 0; i < ConnectionsPerClient; ++i) {
            const int fd = HttpScrape::connectFromAs(Nobody, INADDR_LOOPBACK + 1, INADDR_LOOPBACK, AgentPort);
            QVERIFY(fd >= 0);
            const char start[] = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n";
            QVERIFY(::send(fd, start, sizeof start - 1, MSG_NOSIGNAL) > 0);
            slow.push_back(fd);
        }
        const auto trickle = [&] {
            for (int fd : slow)
                ::send(fd, "X-Slow: 1\r\n", 11, MSG_NOSIGNAL);
        };

        // Scrapes while the slow connections trickle: each answered at once.
        QElapsedTimer since;
        since.start();
        int scrapes = 0;
        double slowest = 0;
        while (sinceSlowOpened.elapsed() < 2500) {
            trickle();
            const HttpScrape::Reply reply = HttpScrape::get(AgentPort, "/metrics", {}, 3000);
            QCOMPARE(reply.status, 200);
            slowest = std::max(slowest, reply.milliseconds);
            ++scrapes;
            QTest::qWait(250);
        }
        qInfo("%d scrapes beside %d slow-loris connections, slowest %.1f ms", scrapes, int(slow.size()), slowest);
        QVERIFY(slowest < 2000);

        // However the bytes trickle, a request head not complete 3 s after its connection opened
        // is cut (the watchdog looks every 0.5 s).
        int closed = 0;
        while (sinceSlowOpened.elapsed() < 12000 && closed < int(slow.size())) {
            trickle();
            closed = 0;
            for (int fd : slow) {
                pollfd in {fd, POLLIN, 0};
                char byte;
                if (::poll(&in, 1, 0) == 1 && ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT) <= 0)
                    ++closed;
            }
            QTest::qWait(100);
        }
        const qint64 cutAfter = sinceSlowOpened.elapsed();
        for (int fd : slow)
            HttpScrape::closeWithoutTimeWait(fd);
        qInfo("the slow heads were cut %lld ms after their connections opened", cutAfter);
        QCOMPARE(closed, int(slow.size()));
        QVERIFY2(cutAfter >= 2900 && cutAfter < 4500, qPrintable(QString::number(cutAfter)));
        QCOMPARE(HttpScrape::get(AgentPort, "/metrics").status, 200);
    }

    void oneRemoteClientCannotTakeEveryConnection()
    {
        // Another host (a peer namespace on a veth pair) with two IPv4 addresses and two IPv6 ones
        // in one /64, and a second agent listening on every address of each family. As many idle
        // connections from 10.88.0.2 as one client may hold, then one more: that one is closed by
        // the agent at once, the others stay. IPv6 counts a /64 as one client (a host may hold a
        // whole /64): as many from fd88::2, then one from fd88::3 is closed. This namespace's own
        // clients are still served on both.
        PeerNetworkNamespace peer;
        QString error;
        QVERIFY2(peer.create(QStringLiteral("ex0"), {"10.88.0.1/24", "10.88.0.4/24", "fd88::1/64"}, QStringLiteral("ex1"),
                             {"10.88.0.2/24", "10.88.0.3/24", "10.88.0.5/24", "fd88::2/64", "fd88::3/64"}, &error),
                 qPrintable(error));
        const auto removeLink = qScopeGuard([&] { PrivateNetworkNamespace::run({"ip", "link", "del", "ex0"}, &error); });
        constexpr quint16 AllIpv4Port = 9943;
        constexpr quint16 AllIpv6Port = 9944;
        constexpr quint32 Server = (10u << 24) | (88u << 16) | 1u;
        constexpr quint32 Client = Server + 1;
        QProcess agent4;
        startAgent(agent4, {"--metrics-listen", "0.0.0.0:" + QString::number(AllIpv4Port)}, AllIpv4Port);
        const auto stop4 = qScopeGuard([&] { stopAgent(agent4); });
        QProcess agent6;
        agent6.setProgram(SOCKSCOPE_AGENT);
        agent6.setArguments({"--metrics-listen", "[::]:" + QString::number(AllIpv6Port)});
        agent6.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        agent6.start();
        QVERIFY(agent6.waitForStarted());
        const auto stop6 = qScopeGuard([&] { stopAgent(agent6); });
        const auto listening6 = [&] {
            const int fd = HttpScrape::connectFrom6({}, "fd88::1", AllIpv6Port);
            if (fd >= 0)
                HttpScrape::closeWithoutTimeWait(fd);
            return fd >= 0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(listening6(), 10000);

        std::vector<int> idle;
        const auto closeAll = qScopeGuard([&] {
            for (int fd : idle)
                HttpScrape::closeWithoutTimeWait(fd);
        });
        // Refused on accept: closed before the head timeout (2 s); the others open and quiet.
        const auto oneTooMany = [&](const std::function<int()> &connectOne, const std::function<int()> &connectExtra) {
            const std::size_t first = idle.size();
            for (unsigned i = 0; i < ConnectionsPerClient; ++i) {
                idle.push_back(peer.inside(connectOne));
                QVERIFY(idle.back() >= 0);
            }
            idle.push_back(peer.inside(connectExtra));
            QVERIFY(idle.back() >= 0);
            QVERIFY(closedAtOnce(idle.back()));
            for (std::size_t i = first; i + 1 < idle.size(); ++i)
                QVERIFY(openAndQuiet(idle[i]));
        };
        oneTooMany([&] { return HttpScrape::connectFrom(Client, Server, AllIpv4Port); },
                   [&] { return HttpScrape::connectFrom(Client, Server, AllIpv4Port); });
        if (QTest::currentTestFailed())
            return;
        // One network (an IPv4 /24) holds at most 32: 16 more from 10.88.0.3, then 10.88.0.5's first
        // is closed.
        for (unsigned i = 0; i < ConnectionsPerClient; ++i) {
            idle.push_back(peer.inside([&] { return HttpScrape::connectFrom(Client + 1, Server, AllIpv4Port); }));
            QVERIFY(idle.back() >= 0);
        }
        idle.push_back(peer.inside([&] { return HttpScrape::connectFrom(Client + 3, Server, AllIpv4Port); }));
        QVERIFY(idle.back() >= 0);
        QVERIFY(closedAtOnce(idle.back()));
        oneTooMany([&] { return HttpScrape::connectFrom6("fd88::2", "fd88::1", AllIpv6Port); },
                   [&] { return HttpScrape::connectFrom6("fd88::3", "fd88::1", AllIpv6Port); });
        if (QTest::currentTestFailed())
            return;
        // With forwarding on, fd88:: (the subnet-router anycast address) is delivered here though no
        // interface lists it: a local user's socket bound to it (IPV6_FREEBIND) and to ex0 is not
        // found by its 4-tuple, and counts as a local client, not as the full fd88::/64.
        QFile forwarding(QStringLiteral("/proc/sys/net/ipv6/conf/all/forwarding"));
        QVERIFY(forwarding.open(QIODevice::WriteOnly) && forwarding.write("1\n") == 2);
        forwarding.close();
        QTRY_VERIFY(PrivateNetworkNamespace::run({"sh", "-c", "ip -6 route show table local | grep -q '^anycast fd88::'"}, &error));
        const int anycast = HttpScrape::connectFrom6As(Nobody, "fd88::", "fd88::1", AllIpv6Port, "ex0");
        QVERIFY(anycast >= 0);
        idle.push_back(anycast);
        QVERIFY(openAndQuiet(anycast));
        QCOMPARE(HttpScrape::get(AllIpv4Port, "/metrics", {}, 3000, Server, Server).status, 200);
        // A local user's sockets bound to ex0 (any user may bind to a device) from this host's own
        // addresses to its own address: the lookup does not find them, and they count as one
        // local client whatever address they come from, not as a client per address.
        for (unsigned i = 0; i < ConnectionsPerClient; ++i) {
            idle.push_back(HttpScrape::connectFromAs(Nobody, Server, Server, AllIpv4Port, "ex0"));
            QVERIFY(idle.back() >= 0);
        }
        const int otherOwnAddress = HttpScrape::connectFromAs(Nobody, Server + 3, Server, AllIpv4Port, "ex0");
        QVERIFY(otherOwnAddress >= 0);
        idle.push_back(otherOwnAddress);
        QVERIFY(closedAtOnce(otherOwnAddress));
        const int local6 = HttpScrape::connectFrom6("fd88::1", "fd88::1", AllIpv6Port);
        QVERIFY(local6 >= 0);
        idle.push_back(local6);
        const char request[] = "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
        QVERIFY(::send(local6, request, sizeof request - 1, MSG_NOSIGNAL) > 0);
        pollfd answer {local6, POLLIN, 0};
        QCOMPARE(::poll(&answer, 1, 3000), 1);
        char head[12] = {};
        QCOMPARE(::recv(local6, head, sizeof head, MSG_WAITALL), ssize_t(sizeof head));
        QCOMPARE(QByteArray(head, sizeof head), QByteArray("HTTP/1.1 200"));
    }

    // Every local user, and a Prometheus on this host, connect from 127.0.0.1 (or this host's own
    // addresses): a local client is counted per user, found by its socket, so one user holding
    // idle connections cannot lock the others out, whatever loopback addresses it uses.
    void aLocalUserCannotTakeEveryConnection()
    {
        std::vector<int> idle;
        const auto closeAll = qScopeGuard([&] {
            for (int fd : idle)
                HttpScrape::closeWithoutTimeWait(fd);
        });
        // `made(i)` for i < 16 stays open, `refused()` is closed at once.
        const auto sixteenThenRefused = [&](const std::function<int(unsigned)> &made, const std::function<int()> &refused) {
            const std::size_t first = idle.size();
            for (unsigned i = 0; i < ConnectionsPerClient; ++i) {
                idle.push_back(made(i));
                QVERIFY(idle.back() >= 0);
            }
            idle.push_back(refused());
            QVERIFY(idle.back() >= 0);
            QVERIFY(closedAtOnce(idle.back()));
            for (std::size_t i = first; i + 1 < idle.size(); ++i)
                QVERIFY(openAndQuiet(idle[i]));
        };
        const auto as = [](unsigned uid, quint32 source, const char *device = nullptr) {
            return HttpScrape::connectFromAs(uid, source, INADDR_LOOPBACK, AgentPort, device);
        };
        // 16 from nobody over two loopback addresses; a third address, bound to lo
        // (SO_BINDTODEVICE, open to any user), is still nobody's.
        sixteenThenRefused([&](unsigned i) { return as(Nobody, INADDR_LOOPBACK + (i % 2)); },
                           [&] { return as(Nobody, INADDR_LOOPBACK + 3, "lo"); });
        // Uids above 65,535 count by their block of 65,536 (a user namespace's range, wherever
        // it came from): 16 from 300000-300015, then 300016 is closed. All such blocks together
        // hold 32 (systemd-nsresourced gives one user up to 256 ranges): 16 from another block,
        // then a third block's first is closed.
        sixteenThenRefused([&](unsigned i) { return as(300000 + i, INADDR_LOOPBACK); },
                           [&] { return as(300016, INADDR_LOOPBACK); });
        sixteenThenRefused([&](unsigned i) { return as(400000 + i, INADDR_LOOPBACK); },
                           [&] { return as(500000, INADDR_LOOPBACK); });
        if (QTest::currentTestFailed())
            return;
        // Another user, and root, from the same addresses: served.
        const int otherUser = HttpScrape::connectFromAs(Nobody - 1, INADDR_LOOPBACK, INADDR_LOOPBACK, AgentPort);
        QVERIFY(otherUser >= 0);
        idle.push_back(otherUser);
        QVERIFY(openAndQuiet(otherUser));
        QCOMPARE(HttpScrape::get(AgentPort, "/metrics", {}, 3000, INADDR_LOOPBACK).status, 200);
        QCOMPARE(HttpScrape::get(AgentPort, "/metrics", {}, 3000, INADDR_LOOPBACK + 1).status, 200);
    }

    // However many users hold connections, root (and the agent's own user) keep the last 16 of
    // the 256 slots: 15 users with 16 connections each take 240, the next user's first is closed,
    // and root is served.
    void rootKeepsItsShare()
    {
        std::vector<int> idle;
        const auto closeAll = qScopeGuard([&] {
            for (int fd : idle)
                HttpScrape::closeWithoutTimeWait(fd);
        });
        for (unsigned user = 0; user < 15; ++user) {
            for (unsigned i = 0; i < ConnectionsPerClient; ++i) {
                idle.push_back(HttpScrape::connectFromAs(60000 + user, INADDR_LOOPBACK, INADDR_LOOPBACK, AgentPort));
                QVERIFY(idle.back() >= 0);
            }
        }
        const int next = HttpScrape::connectFromAs(60015, INADDR_LOOPBACK, INADDR_LOOPBACK, AgentPort);
        QVERIFY(next >= 0);
        idle.push_back(next);
        QVERIFY(closedAtOnce(next));
        QVERIFY(openAndQuiet(idle.front()));
        QCOMPARE(HttpScrape::get(AgentPort, "/metrics", {}, 3000).status, 200);
    }

    // A user with a subordinate uid range (/etc/subuid) owns its 65,536 uids: sockets made from a
    // user namespace under any of them count as that user. The agent runs in a private mount
    // namespace that sees a copy of /etc whose subuid gives nobody 200000-265535.
    void subordinateUidsCountAsTheirUser()
    {
        QTemporaryDir etc;
        QVERIFY(etc.isValid());
        QString error;
        QVERIFY2(PrivateNetworkNamespace::run({"cp", "-a", "/etc/.", etc.path()}, &error), qPrintable(error));
        QFile subuid(etc.filePath(QStringLiteral("subuid")));
        QVERIFY(subuid.open(QIODevice::WriteOnly | QIODevice::Truncate) && subuid.write("nobody:200000:65536\n") > 0);
        subuid.close();
        constexpr quint16 Port = 9945;
        QProcess agent;
        agent.setProgram(QStringLiteral("unshare"));
        agent.setArguments({"-m", "--propagation", "private", "sh", "-c",
                            "mount --bind \"$1\" /etc && exec \"$2\" --metrics-listen 127.0.0.1:" + QString::number(Port),
                            "sh", etc.path(), SOCKSCOPE_AGENT});
        agent.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        agent.start();
        QVERIFY(agent.waitForStarted());
        QTRY_COMPARE_WITH_TIMEOUT(HttpScrape::get(Port, "/", {}, 1000).status, 200, 10000);
        const auto stop = qScopeGuard([&] { stopAgent(agent); });

        std::vector<int> idle;
        const auto closeAll = qScopeGuard([&] {
            for (int fd : idle)
                HttpScrape::closeWithoutTimeWait(fd);
        });
        for (unsigned i = 0; i < ConnectionsPerClient; ++i) {
            idle.push_back(HttpScrape::connectFromAs(200001 + i, INADDR_LOOPBACK, INADDR_LOOPBACK, Port));
            QVERIFY(idle.back() >= 0);
        }
        const int seventeenth = HttpScrape::connectFromAs(265535, INADDR_LOOPBACK, INADDR_LOOPBACK, Port);
        QVERIFY(seventeenth >= 0);
        idle.push_back(seventeenth);
        QVERIFY(closedAtOnce(seventeenth));
        // A uid outside the range is its own user.
        const int outside = HttpScrape::connectFromAs(265536, INADDR_LOOPBACK, INADDR_LOOPBACK, Port);
        QVERIFY(outside >= 0);
        idle.push_back(outside);
        QVERIFY(openAndQuiet(outside));
    }

    void aBodyIsAnswered400()
    {
        for (const char *request : {"GET /metrics HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
                                    "GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"}) {
            const HttpScrape::Reply reply = HttpScrape::raw(AgentPort, request, 3000);
            QVERIFY2(reply.status == 400, request);
            QVERIFY(reply.body.find("has no body") != std::string::npos);
        }
    }

    // 10,000 distinct local ports in TIME-WAIT (client-side closes, one ephemeral port each): the
    // top 20 and "other", no more, and the sum exact.
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
        QCOMPARE(HttpScrape::count(s, "sockscope_timewait_local_port_sockets"), 21);
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

    // Usage errors exit 2 and runtime errors 1, each with a message saying what is wrong.
    void optionErrors()
    {
        const auto check = [](const QStringList &arguments, int exitCode, const char *said) {
            const ProcessRun run = ProcessRun::run(SOCKSCOPE_AGENT, arguments);
            QVERIFY2(run.exitCode == exitCode, qPrintable(arguments.join(' ') + ": " + QString::number(run.exitCode)));
            QVERIFY2(run.err.contains(said), run.err.constData());
        };
        check({"--metrics-listen"}, 2, "--metrics-listen needs [ADDRESS:]PORT");
        check({"--metrics-listen", "99999"}, 2, "the port must be a number from 1 to 65535");
        check({"--metrics-listen", "0"}, 2, "the port must be a number from 1 to 65535");
        check({"--metrics-listen", "localhost:9941"}, 2, "is not a numeric IPv4 address");
        check({"--metrics-listen", "::1:9941"}, 2, "write an IPv6 address in brackets");
        check({"--metrics-listen", "[::1]9941"}, 2, "is not [IPV6-ADDRESS]:PORT");
        check({"--metrics-listen", "9941", "--metrics-min-interval", "0.1"}, 2, "--metrics-min-interval needs seconds");
        check({"--metrics-listen", "9941", "--top", "5000"}, 2, "--top with --metrics-listen takes 0 to 1000");
        check({"--metrics-listen", "9941", "--interval", "1"}, 2, "do not apply to --metrics-listen");
        check({"--metrics-listen", "9941", "--once"}, 2, "go alone");
        check({"--once", "--metrics-min-interval", "2"}, 2, "--metrics-min-interval applies to --metrics-listen");
        // The port is the running agent's; an address this namespace does not have.
        check({"--metrics-listen", QString::number(AgentPort)}, 1, "cannot listen on 127.0.0.1:9941: Address already in use");
        check({"--metrics-listen", "192.0.2.1:9941"}, 1, "cannot listen on 192.0.2.1:9941: Cannot assign requested address");
        check({"--metrics-listen", "9941", "--netns", "/nonexistent"}, 1, "netns");
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
