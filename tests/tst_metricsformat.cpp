#include "core/metrics/contentnegotiation.h"
#include "core/metrics/expositionwriter.h"
#include "core/metrics/listenaddress.h"
#include "core/metrics/sharedcollection.h"

#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

// The exporter's core without a kernel or a network: the two exposition formats, content
// negotiation, listen addresses, and SharedCollection's promise (scrapes share collections).
class TestMetricsFormat : public QObject
{
    Q_OBJECT

private slots:
    void textAndOpenMetrics()
    {
        for (const auto format : {ExpositionWriter::Format::Prometheus, ExpositionWriter::Format::OpenMetrics}) {
            ExpositionWriter out(format);
            out.family("x_requests", ExpositionWriter::Type::Counter, "Help with \\ and\nnewline and \"quotes\".");
            out.sample({{"path", "a\"b\\c\nd"}}, std::int64_t(3));
            out.family("x_build", ExpositionWriter::Type::Info, "Build.");
            out.sample({{"version", "1"}}, std::int64_t(1));
            out.family("x_seconds", ExpositionWriter::Type::Gauge, "Time.");
            out.sample({}, 0.25);
            const std::string body = out.finish();
            const bool om = format == ExpositionWriter::Format::OpenMetrics;
            QVERIFY(body.find(om ? "# TYPE x_requests counter\n" : "# TYPE x_requests_total counter\n") != std::string::npos);
            QVERIFY(body.find(om ? "# HELP x_requests Help with \\\\ and\\nnewline and \\\"quotes\\\".\n"
                                 : "# HELP x_requests_total Help with \\\\ and\\nnewline and \"quotes\".\n")
                    != std::string::npos);
            QVERIFY(body.find("x_requests_total{path=\"a\\\"b\\\\c\\nd\"} 3\n") != std::string::npos);
            QVERIFY(body.find(om ? "# TYPE x_build info\n" : "# TYPE x_build_info gauge\n") != std::string::npos);
            QVERIFY(body.find("x_build_info{version=\"1\"} 1\n") != std::string::npos);
            QVERIFY(body.find("x_seconds 0.25\n") != std::string::npos);
            QCOMPARE(QByteArray::fromStdString(body).endsWith("# EOF\n"), om);
            QCOMPARE(out.samples(), std::size_t(3));
        }
    }

    // A process's name is whatever bytes its owner chose: label values that are not UTF-8 would make
    // Prometheus refuse the whole scrape, so each bad byte becomes U+FFFD and good UTF-8 stays.
    void labelValuesAreAlwaysUtf8()
    {
        ExpositionWriter out(ExpositionWriter::Format::Prometheus);
        out.family("x_sockets", ExpositionWriter::Type::Gauge, "Sockets.");
        out.sample({{"command",
                     std::string("a\xff\xc0\x80"
                                 "b\xed\xa0\x80"
                                 "c\xe2\x82")}},
                   std::int64_t(1));
        out.sample({{"command", "nginx-工作"}}, std::int64_t(2));
        const std::string body = out.finish();
        const std::string r = "\xEF\xBF\xBD";
        QVERIFY(body.find("x_sockets{command=\"a" + r + r + r + "b" + r + r + r + "c" + r + r + "\"} 1\n") != std::string::npos);
        QVERIFY(body.find("x_sockets{command=\"nginx-工作\"} 2\n") != std::string::npos);
    }

    // The exposition format has no \\u escape: a terminal control (ESC, BEL, DEL, C1) or a bidi
    // control in a label value becomes U+FFFD, so a scrape shown in a terminal is inert text.
    void labelValuesHaveNoControls()
    {
        for (const auto format : {ExpositionWriter::Format::Prometheus, ExpositionWriter::Format::OpenMetrics}) {
            ExpositionWriter out(format);
            out.family("x_sockets", ExpositionWriter::Type::Gauge, "Sockets.");
            out.sample({{"command",
                         std::string("\x1b]2;PWNED\x07\x1b[2J\x7f\xc2\x9b"
                                     "a\xe2\x80\xae"
                                     "b\xe2\x81\xa6\tc\n")}},
                       std::int64_t(1));
            const std::string body = out.finish();
            const std::string r = "\xEF\xBF\xBD";
            QVERIFY2(
                body.find("x_sockets{command=\"" + r + "]2;PWNED" + r + r + "[2J" + r + r + "a" + r + "b" + r + r + "c\\n\"} 1")
                    != std::string::npos,
                body.c_str());
        }
    }

    void negotiation()
    {
        QVERIFY(ContentNegotiation::prefersOpenMetrics(
            "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
            "text/plain;version=0.0.4;q=0.5,*/*;q=0.1"));
        QVERIFY(ContentNegotiation::prefersOpenMetrics("Application/OpenMetrics-Text"));
        QVERIFY(!ContentNegotiation::prefersOpenMetrics(""));
        QVERIFY(!ContentNegotiation::prefersOpenMetrics("*/*"));
        QVERIFY(!ContentNegotiation::prefersOpenMetrics("text/plain"));
        QVERIFY(!ContentNegotiation::prefersOpenMetrics("application/openmetrics-text;q=0"));
        QVERIFY(!ContentNegotiation::prefersOpenMetrics("text/plain;q=0.9,application/openmetrics-text;q=0.5"));
        QVERIFY(!ContentNegotiation::prefersOpenMetrics("application/openmetrics-text;q=banana"));
        QVERIFY(!ContentNegotiation::prefersOpenMetrics(std::string(100000, ',') + "application/openmetrics-text"));
    }

    void listenAddresses()
    {
        ListenAddress address;
        std::string error;
        QVERIFY(ListenAddress::parse("9941", &address, &error));
        QCOMPARE(QByteArray::fromStdString(address.toString()), QByteArray("127.0.0.1:9941"));
        QVERIFY(ListenAddress::parse(":80", &address, &error));
        QCOMPARE(QByteArray::fromStdString(address.toString()), QByteArray("127.0.0.1:80"));
        QVERIFY(ListenAddress::parse("0.0.0.0:9941", &address, &error));
        QCOMPARE(QByteArray::fromStdString(address.toString()), QByteArray("0.0.0.0:9941"));
        QVERIFY(ListenAddress::parse("[::]:9941", &address, &error));
        QCOMPARE(address.family, AF_INET6);
        QCOMPARE(QByteArray::fromStdString(address.toString()), QByteArray("[::]:9941"));
        for (const char *bad : {"", "0", "65536", "+80", "-1", "80x", "host:80", "::1:80", "[::1]", "[::1]:", "[127.0.0.1]:80",
                                "1.2.3:80", "[fe80::1%eth0]:80", " 80"}) {
            error.clear();
            QVERIFY2(!ListenAddress::parse(bad, &address, &error), bad);
            QVERIFY(!error.empty());
        }
    }

    // 8 threads asking 2,000 times each over ~0.6 s with a 100 ms interval: every ask answered,
    // and at most one collection per interval (plus the first), never two at once.
    void sharedCollectionSpacesWalks()
    {
        std::atomic<int> produced {0}, running {0}, overlapped {0};
        SharedCollection shared(
            [&] {
                if (running.fetch_add(1) != 0)
                    ++overlapped;
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
                auto result = std::make_shared<RenderedMetrics>();
                result->text = std::to_string(++produced);
                --running;
                return SharedCollection::Result(result);
            },
            std::chrono::milliseconds(100));
        shared.start();
        std::atomic<int> answered {0};
        const auto start = std::chrono::steady_clock::now();
        std::vector<std::thread> scrapers;
        for (int t = 0; t < 8; ++t) {
            scrapers.emplace_back([&] {
                for (int i = 0; i < 2000; ++i) {
                    std::atomic<bool> done {false};
                    const SharedCollection::Answer answer = shared.latestOr([&](const SharedCollection::Result &r) {
                        if (r)
                            ++answered;
                        done = true;
                    });
                    if (answer.now)
                        ++answered;
                    else
                        while (!done)
                            std::this_thread::yield();
                    std::this_thread::sleep_for(std::chrono::microseconds(300));
                }
            });
        }
        for (std::thread &scraper : scrapers)
            scraper.join();
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        shared.stop();
        QCOMPARE(answered.load(), 16000);
        QCOMPARE(overlapped.load(), 0);
        QVERIFY(produced >= 2);
        QVERIFY2(produced <= 1 + int(seconds / 0.1), qPrintable(QString::number(produced) + " in " + QString::number(seconds)));
    }

    // A scrape that comes after stop() is told so at once and its waiter is not kept: the exporter
    // tears down its HTTP server after stop(), and a waiter kept then would later resume a
    // connection of a server already gone.
    void scrapeAfterStopIsNotKept()
    {
        SharedCollection shared([] { return SharedCollection::Result(std::make_shared<RenderedMetrics>()); },
                                std::chrono::milliseconds(0));
        shared.start();
        shared.stop();
        bool called = false;
        const SharedCollection::Answer answer = shared.latestOr([&](const SharedCollection::Result &) { called = true; });
        QVERIFY(!answer.waiting);
        QVERIFY(!answer.now);
        QVERIFY(!called);
    }
};

QTEST_APPLESS_MAIN(TestMetricsFormat)
#include "tst_metricsformat.moc"
