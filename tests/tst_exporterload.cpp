#include "httpscrape.h"
#include "loadgenerator.h"
#include "netnstestmain.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTest>

#include <thread>

#include <sys/fsuid.h>
#include <vector>

// sockscope-agent --metrics-listen at the design case: 262,144 TIME-WAIT (the bench's population,
// tests/bench/loadgenerator.h), 50 scrapes at once. All are answered, from shared collections: the
// kernel is walked no more often than --metrics-min-interval allows (sockscope_collections_total).
class TestExporterLoad : public QObject
{
    Q_OBJECT

    static constexpr quint16 AgentPort = 9941;
    static constexpr int TimeWait = 262144;
    static constexpr int MinimumIntervalSeconds = 2;

    LoadGenerator m_load;
    QProcess m_agent;

    static double collections(const HttpScrape::Reply &reply)
    {
        return HttpScrape::samples(reply.body).at("sockscope_collections_total");
    }

private slots:
    void initTestCase()
    {
        QString error;
        QElapsedTimer filled;
        filled.start();
        QVERIFY2(m_load.build(TimeWait, 1000, &error), qPrintable(error));
        qInfo("%d TIME-WAIT + 1000 established pairs in %.1f s", TimeWait, filled.elapsed() / 1000.0);
        m_agent.setProgram(SOCKSCOPE_AGENT);
        m_agent.setArguments(
            {"--metrics-listen", QString::number(AgentPort), "--metrics-min-interval", QString::number(MinimumIntervalSeconds)});
        m_agent.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_agent.start();
        QVERIFY(m_agent.waitForStarted());
        QTRY_COMPARE_WITH_TIMEOUT(HttpScrape::get(AgentPort, "/", {}, 1000).status, 200, 10000);
    }

    void cleanupTestCase()
    {
        m_agent.terminate();
        QVERIFY(m_agent.waitForFinished(10000));
        QCOMPARE(m_agent.exitCode(), 0);
    }

    void fiftyConcurrentScrapesShareCollections()
    {
        // The last closes' final ACKs may still be on their way when the fill returns: the count
        // reaches the population within a collection or two.
        HttpScrape::Reply first;
        const auto timeWaitOf = [](const HttpScrape::Reply &reply) {
            const auto s = HttpScrape::samples(reply.body);
            const auto found = s.find("sockscope_sockets{family=\"ipv4\",state=\"TIME-WAIT\"}");
            return found == s.end() ? -1.0 : found->second;
        };
        QTRY_COMPARE_WITH_TIMEOUT((first = HttpScrape::get(AgentPort, "/metrics"), timeWaitOf(first)), double(TimeWait),
                                  MinimumIntervalSeconds * 5000);
        const auto s = HttpScrape::samples(first.body);
        QCOMPARE(HttpScrape::sum(s, "sockscope_timewait_local_port_sockets"), double(TimeWait));
        double walks = collections(first);
        for (int wave = 0; wave < 2; ++wave) {
            QTest::qWait(MinimumIntervalSeconds * 1000 + 100); // the last collection is stale now
            std::vector<HttpScrape::Reply> replies(50);
            std::vector<std::thread> scrapers;
            QElapsedTimer elapsed;
            elapsed.start();
            // As four users: the exporter takes at most 16 connections from one local user. A
            // socket's owner is its creating thread's fsuid, which setfsuid() sets per thread.
            for (std::size_t i = 0; i < replies.size(); ++i) {
                const unsigned uid = 65534u - unsigned(i % 4);
                scrapers.emplace_back([&reply = replies[i], uid] {
                    ::setfsuid(uid);
                    reply = HttpScrape::get(AgentPort, "/metrics", {}, 20000);
                });
            }
            for (std::thread &scraper : scrapers)
                scraper.join();
            const double seconds = elapsed.elapsed() / 1000.0;
            double slowest = 0, newest = walks;
            for (const HttpScrape::Reply &reply : replies) {
                QVERIFY2(reply.status == 200, reply.error.c_str());
                QCOMPARE(HttpScrape::samples(reply.body).at("sockscope_sockets{family=\"ipv4\",state=\"TIME-WAIT\"}"),
                         double(TimeWait));
                slowest = std::max(slowest, reply.milliseconds);
                newest = std::max(newest, collections(reply));
            }
            // One walk for the wave, plus one per further interval it took.
            const double allowed = 1 + int(seconds / MinimumIntervalSeconds);
            qInfo("wave %d: 50 scrapes in %.2f s (slowest %.0f ms), %.0f kernel walk(s), at most %.0f allowed", wave + 1, seconds,
                  slowest, newest - walks, allowed);
            QVERIFY(newest - walks >= 1);
            QVERIFY(newest - walks <= allowed);
            walks = newest;
        }
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestExporterLoad, QCoreApplication)
#include "tst_exporterload.moc"
