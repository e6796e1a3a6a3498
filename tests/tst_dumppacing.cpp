#include "core/snapshot/dumppacer.h"
#include "netnstestmain.h"
#include "core/snapshot/snapshotcollector.h"
#include "socketpopulation.h"

#include <QCoreApplication>
#include <QTest>

#include <sys/socket.h>
#include <thread>

// The agent dumps the sockets only as often as a share of one CPU allows (DumpPacer); the samples
// in between read the cheap /proc figures afresh and repeat the last dump's socket figures
// (SnapshotCollector::refresh), marked with their age.
class TestDumpPacing : public QObject
{
    Q_OBJECT

    // Ticks at `intervalMs` for `seconds`, each dump costing `costMs` of CPU; returns the dumps.
    static int dumpsOver(DumpPacer &pacer, int intervalMs, int seconds, double costMs)
    {
        int dumps = 0;
        for (std::int64_t now = 0; now < std::int64_t(seconds) * 1000; now += intervalMs) {
            if (pacer.dumpDue(now)) {
                ++dumps;
                pacer.spend(now, costMs);
            }
        }
        return dumps;
    }

private slots:
    void pacerKeepsDumpsWithinTheBudget_data()
    {
        QTest::addColumn<double>("budget");
        QTest::addColumn<int>("intervalMs");
        QTest::addColumn<double>("costMs");
        QTest::addColumn<int>("dumps");
        // A 262,144-socket dump (~116 ms of CPU) at 5 % (50 ms a second): one every 2.3 s on
        // average, so every second or third 1-second sample.
        QTest::newRow("262k at 5 %, 1 s") << 0.05 << 1000 << 116.0 << 26;
        // Small tables cost next to nothing: every sample dumps.
        QTest::newRow("10k at 5 %, 1 s") << 0.05 << 1000 << 4.0 << 60;
        QTest::newRow("262k at 5 %, 0.25 s") << 0.05 << 250 << 116.0 << 26;
        // 1M sockets (~450 ms): one every nine seconds.
        QTest::newRow("1M at 5 %, 1 s") << 0.05 << 1000 << 450.0 << 7;
        QTest::newRow("262k at 100 %") << 1.0 << 1000 << 116.0 << 60;
    }

    void pacerKeepsDumpsWithinTheBudget()
    {
        QFETCH(double, budget);
        QFETCH(int, intervalMs);
        QFETCH(double, costMs);
        QFETCH(int, dumps);
        DumpPacer pacer(budget);
        const int made = dumpsOver(pacer, intervalMs, 60, costMs);
        QCOMPARE(made, dumps);
        // Never more CPU than the budget of the minute, plus the one dump allowed into debt.
        if (budget < 1.0)
            QVERIFY(made * costMs <= budget * 60000 + costMs);
    }

    // An idle stretch does not buy a burst: after a pause, dumps resume at the budget's pace.
    void pacerHoldsAtMostOneSecondOfBudget()
    {
        DumpPacer pacer(0.05);
        QVERIFY(pacer.dumpDue(0));
        pacer.spend(0, 116);
        QVERIFY(pacer.dumpDue(600000)); // ten minutes later: 50 ms of credit, not 30 s
        pacer.spend(600000, 116);
        QVERIFY(!pacer.dumpDue(601000));
        QVERIFY(pacer.dumpDue(602000));
    }

    // Between dumps: states and ports are the last dump's (and say so by their age), while the
    // /proc figures are read afresh; the next dump sees the new sockets. Real sockets, exact counts.
    void refreshRepeatsTheDumpAndReadsCountersAfresh()
    {
        SocketPopulation population;
        const SocketPopulation::Endpoint server {AF_INET, "127.0.0.1", 8080};
        QVERIFY(population.listen(server));
        QVERIFY(population.closedConnections(server, 3, SocketPopulation::CloseOrder::ServerFirst));

        SnapshotCollector collector(SnapshotCollector::Options {});
        CoreMessage error;
        const std::shared_ptr<Snapshot> dump = collector.collect(&error);
        QVERIFY(dump);
        QCOMPARE(dump->count(TcpState::TimeWait), 3u);
        QCOMPARE(dump->socketAgeMs(), std::int64_t(0));
        QVERIFY(dump->countersValid);
        const std::int64_t enteredBefore = dump->counters.value(TcpCounter::TimeWaitEntered);

        QVERIFY(population.closedConnections(server, 5, SocketPopulation::CloseOrder::ServerFirst));
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        const std::shared_ptr<Snapshot> between = collector.refresh(*dump);
        QVERIFY(between->sockets.empty());
        QCOMPARE(between->count(TcpState::TimeWait), 3u);
        QCOMPARE(between->count(TcpState::Listen), 1u);
        QCOMPARE(between->timeWaitByLocalPort.size(), std::size_t(1));
        QCOMPARE(between->timeWaitByLocalPort.front().port, quint16(8080));
        QCOMPARE(between->timeWaitByLocalPort.front().count, 3u);
        QCOMPARE(between->socketsWallTimeMs, dump->wallTimeMs);
        QVERIFY(between->socketAgeMs() >= 20);
        QVERIFY(between->sockstat.valid);
        QCOMPARE(between->sockstat.tcpTimeWait, std::int64_t(8));
        QCOMPARE(between->counters.value(TcpCounter::TimeWaitEntered) - enteredBefore, std::int64_t(5));
        QVERIFY(between->ephemeralRange.valid);
        QVERIFY(!between->sysctls.empty());

        const std::shared_ptr<Snapshot> next = collector.collect(&error);
        QVERIFY(next);
        QCOMPARE(next->count(TcpState::TimeWait), 8u);
        QCOMPARE(next->socketAgeMs(), std::int64_t(0));
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestDumpPacing, QCoreApplication)
#include "tst_dumppacing.moc"
