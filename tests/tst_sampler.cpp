#include "sampling/historyring.h"
#include "wording/coremessagetext.h"
#include "netnstestmain.h"
#include "sampling/samplingworker.h"
#include "socketpopulation.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <sys/socket.h>
#include <ctime>

// The sampler on its worker thread, against a namespace holding a known population.
class TestSampler : public QObject
{
    Q_OBJECT

    std::unique_ptr<SocketPopulation> m_population;

    static SampleSummary summaryAt(qint64 timeMs)
    {
        SampleSummary s;
        s.timeMs = timeMs;
        return s;
    }

    static SamplePtr takeSample(QSignalSpy &spy, int index) { return spy.at(index).at(0).value<SamplePtr>(); }

private slots:
    void initTestCase()
    {
        m_population = std::make_unique<SocketPopulation>();
        const SocketPopulation::Endpoint server {AF_INET, "127.0.0.1", 7001};
        QVERIFY2(m_population->listen(server), qPrintable(m_population->error()));
        QVERIFY(m_population->closedConnections(server, 9, SocketPopulation::CloseOrder::ServerFirst));
        QVERIFY(m_population->closedConnections(server, 4, SocketPopulation::CloseOrder::ClientFirst));
        QVERIFY(m_population->establishedPairs(server, 3));
    }

    void historyRingKeepsTheNewest()
    {
        HistoryRing ring(5);
        QVERIFY(ring.isEmpty());
        for (int i = 1; i <= 12; ++i)
            ring.append(summaryAt(i * 1000));
        QCOMPARE(ring.size(), 5);
        QCOMPARE(ring.capacity(), 5);
        QCOMPARE(ring.at(0).timeMs, 8000);
        QCOMPARE(ring.latest().timeMs, 12000);
        QCOMPARE(ring.firstAtOrAfter(9500), 2); // 10000
        QCOMPARE(ring.firstAtOrAfter(0), 0);
        QCOMPARE(ring.firstAtOrAfter(13000), 5);
        ring.clear();
        QCOMPARE(ring.size(), 0);
    }

    void historyHoldsAnHour()
    {
        HistoryRing ring;
        // At least one hour at the shortest interval (0.25 s), so four hours at 1 s.
        QVERIFY(ring.capacity() >= 3600 * 4);
        for (int i = 0; i < ring.capacity() + 100; ++i)
            ring.append(summaryAt(i * 250));
        QCOMPARE(ring.size(), ring.capacity());
        QCOMPARE(ring.latest().timeMs - ring.at(0).timeMs, qint64(ring.capacity() - 1) * 250);
    }

    void samplesCarrySummaryAndTable()
    {
        SamplingWorker sampler(NetworkNamespace(), AllTcpStatesMask);
        QSignalSpy spy(&sampler, &SamplingWorker::sampled);
        QObject::connect(&sampler, &SamplingWorker::sampled, &sampler, [&] { sampler.acknowledge(); });
        sampler.start(250);
        QTRY_VERIFY_WITH_TIMEOUT(spy.size() >= 3, 5000);
        const SamplePtr first = takeSample(spy, 0);
        const SamplePtr third = takeSample(spy, 2);
        QCOMPARE(third->summary.count(TcpState::TimeWait), 13u);
        QCOMPARE(third->summary.count(TcpState::Established), 6u);
        QCOMPARE(third->summary.timeWaitOnPort(false, 7001), 9);
        QCOMPARE(third->summary.timeWaitOnPort(true, 7001), 4);
        QCOMPARE(third->summary.timeWaitOnPort(false, 9999), -1); // never busy: not tracked
        QCOMPARE(int(third->table->rows.size()), 1 + 13 + 6);
        QVERIFY(!first->snapshot->rates); // nothing to compare the first sample with
        QVERIFY(third->snapshot->rates && third->summary.hasRate(TcpCounter::TimeWaitEntered));
        QVERIFY(third->summary.timeMs > first->summary.timeMs);
    }

    void headlessSamplesCarryNoTable()
    {
        SamplingWorker sampler(NetworkNamespace(), AllTcpStatesMask);
        sampler.setBuildsTable(false);
        QSignalSpy spy(&sampler, &SamplingWorker::sampled);
        sampler.start(250);
        QTRY_VERIFY_WITH_TIMEOUT(spy.size() >= 1, 5000);
        const SamplePtr sample = takeSample(spy, 0);
        QVERIFY(!sample->table);
        // Nor the dump: its rows go back to the session's collector, as the agent's do.
        QVERIFY(!sample->snapshot);
        QCOMPARE(sample->summary.count(TcpState::TimeWait), 13u); // everything else is there
    }

    void tableQueryIsAnsweredOnTheWorker()
    {
        SamplingWorker sampler(NetworkNamespace(), AllTcpStatesMask);
        QSignalSpy samples(&sampler, &SamplingWorker::sampled);
        QSignalSpy tables(&sampler, &SamplingWorker::tableRebuilt);
        sampler.start(1000);
        QTRY_VERIFY_WITH_TIMEOUT(samples.size() >= 1, 5000);
        SocketTableQuery query;
        QString error;
        QVERIFY(query.filter.parse(QStringLiteral("time-wait sport:7001"), &error));
        query.sortColumn = SocketColumn::Remote;
        query.descending = true;
        query.generation = 7;
        sampler.setTableQuery(query);
        QTRY_VERIFY_WITH_TIMEOUT(tables.size() >= 1, 5000);
        const auto rows = tables.at(0).at(0).value<SocketTableRowsPtr>();
        QCOMPARE(rows->generation, quint64(7));
        QCOMPARE(int(rows->rows.size()), 9);
        for (int i = 1; i < int(rows->rows.size()); ++i)
            QVERIFY(rows->record(i - 1).remotePort >= rows->record(i).remotePort);
    }

    void slowRefreshesAreSkipped()
    {
        SamplingWorker sampler(NetworkNamespace(), AllTcpStatesMask);
        // Every refresh takes 700 ms against a 250 ms interval.
        sampler.setAfterCollectHook([](bool) { QThread::msleep(700); });
        QSignalSpy spy(&sampler, &SamplingWorker::sampled);
        QObject::connect(&sampler, &SamplingWorker::sampled, &sampler, [&] { sampler.acknowledge(); });
        QElapsedTimer clock;
        clock.start();
        sampler.start(250);
        QTRY_VERIFY_WITH_TIMEOUT(spy.size() >= 3, 10000);
        const qint64 elapsed = clock.elapsed();
        sampler.setPaused(true);
        // Never faster than the refreshes can go, and the missed ticks are counted, not queued.
        QVERIFY2(elapsed >= 2 * 700, qPrintable(QString::number(elapsed)));
        QVERIFY(sampler.skippedTotal() >= 4);
        for (int i = 1; i < 3; ++i)
            QVERIFY2(takeSample(spy, i)->skippedBefore >= 2, qPrintable(QString::number(takeSample(spy, i)->skippedBefore)));
    }

    void busyGuiIsSkippedNotQueued()
    {
        SamplingWorker sampler(NetworkNamespace(), AllTcpStatesMask);
        QSignalSpy spy(&sampler, &SamplingWorker::sampled);
        sampler.start(250);
        QTRY_VERIFY_WITH_TIMEOUT(spy.size() == 1, 5000);
        // The GUI does not acknowledge: for 1.5 s nothing more may arrive.
        QTest::qWait(1500);
        QCOMPARE(spy.size(), 1);
        QVERIFY(sampler.skippedTotal() >= 4);
        sampler.acknowledge();
        QTRY_VERIFY_WITH_TIMEOUT(spy.size() == 2, 2000);
        QVERIFY(takeSample(spy, 1)->skippedBefore >= 4);
    }

    // The window paces its dumps as the agent does: between dumps a sample carries no dump and
    // its summary says how old the socket figures are (the window shows "counted N s ago"), and
    // Apply makes the next sample dump at once, whatever the budget says.
    void dumpBudgetPacesTheWindow()
    {
        SamplingWorker sampler(NetworkNamespace(), AllTcpStatesMask);
        sampler.setDumpBudget(0.05);
        // Each dump costs 150 ms of CPU here, as one of ~300k sockets does: at 5 %, one in 3 s.
        sampler.setAfterCollectHook([](bool dumped) {
            timespec ts {};
            const auto cpuMs = [&] {
                clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
                return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
            };
            for (const double start = cpuMs(); dumped && cpuMs() - start < 150;) {
            }
        });
        QSignalSpy spy(&sampler, &SamplingWorker::sampled);
        QObject::connect(&sampler, &SamplingWorker::sampled, &sampler, [&] { sampler.acknowledge(); });
        sampler.start(250);
        QTRY_VERIFY_WITH_TIMEOUT(spy.size() >= 5, 5000);
        QVERIFY(takeSample(spy, 0)->snapshot && takeSample(spy, 0)->table);
        QCOMPARE(takeSample(spy, 0)->summary.socketAgeMs, 0u);
        std::uint32_t lastAge = 0;
        for (int i = 1; i < 5; ++i) {
            const SamplePtr sample = takeSample(spy, i);
            QVERIFY2(!sample->snapshot && !sample->table, qPrintable(QString::number(i)));
            QVERIFY2(sample->summary.socketAgeMs > lastAge, qPrintable(QString::number(sample->summary.socketAgeMs)));
            lastAge = sample->summary.socketAgeMs;
            QCOMPARE(sample->summary.count(TcpState::TimeWait), 13u); // the last dump's
        }

        QSignalSpy applied(&sampler, &SamplingWorker::sysctlsApplied);
        const int before = spy.size();
        QElapsedTimer clock;
        clock.start();
        SysctlTransaction::Request request;
        request.pairs = QStringList {QStringLiteral("net.ipv4.tcp_fin_timeout=37")};
        sampler.applySysctls(request);
        QTRY_VERIFY_WITH_TIMEOUT(applied.size() == 1, 2000);
        QVERIFY(applied.at(0).at(0).value<SysctlApplyReport>().ok);
        const auto dumpedAfterApply = [&] {
            for (int i = before; i < spy.size(); ++i) {
                const SamplePtr sample = takeSample(spy, i);
                const SysctlReading *reading = sample->snapshot ? sample->snapshot->sysctl("net.ipv4.tcp_fin_timeout") : nullptr;
                if (reading && reading->value == "37")
                    return sample->summary.socketAgeMs == 0;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(dumpedAfterApply(), 1500);
        // Long before the budget would have allowed the next dump (3 s after the first).
        QVERIFY2(clock.elapsed() < 1500, qPrintable(QString::number(clock.elapsed())));
        sampler.setPaused(true);
    }

    void pauseStopsSampling()
    {
        SamplingWorker sampler(NetworkNamespace(), AllTcpStatesMask);
        QSignalSpy spy(&sampler, &SamplingWorker::sampled);
        QObject::connect(&sampler, &SamplingWorker::sampled, &sampler, [&] { sampler.acknowledge(); });
        sampler.start(250);
        QTRY_VERIFY_WITH_TIMEOUT(spy.size() >= 1, 5000);
        sampler.setPaused(true);
        QTest::qWait(100);
        const int before = spy.size();
        QTest::qWait(800);
        QCOMPARE(spy.size(), before);
        sampler.setPaused(false);
        QTRY_VERIFY_WITH_TIMEOUT(spy.size() > before, 2000);
    }

    void badNamespaceFails()
    {
        NetworkNamespace netns;
        CoreMessage message;
        QVERIFY(!netns.open("/proc/self/ns/mnt", &message)); // a namespace, but not a network one
        const QString error = CoreMessageText::text(message);
        QVERIFY2(error.contains(QLatin1String("not a network namespace")), qPrintable(error));
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestSampler, QCoreApplication)
#include "tst_sampler.moc"
