#include "core/snapshot/counterrates.h"
#include "corewords.h"
#include "netnstestmain.h"
#include "core/collect/networknamespace.h"
#include "core/snapshot/snapshotcollector.h"
#include "socketpopulation.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QTest>
#include <QThread>

#include <sys/socket.h>
#include <unistd.h>

// TIME_WAIT as the kernel runs it: entries count down, counters move, tcp_max_tw_buckets bites.
class TestTimeWait : public QObject
{
    Q_OBJECT

    const SocketPopulation::Endpoint m_server {AF_INET, "127.0.0.1", 8080};

    static std::shared_ptr<Snapshot> collect(SnapshotCollector &collector)
    {
        QString error;
        auto snapshot = collectWorded(collector, &error);
        if (!snapshot)
            qWarning("collect failed: %s", qPrintable(error));
        return snapshot;
    }

private slots:
    void init()
    {
        QString error;
        QVERIFY2(PrivateNetworkNamespace::enterFresh(&error), qPrintable(error));
        // A test below writes a sysctl: make sure this thread is not in the namespace of any
        // process it did not make (pid 1 stands for the host).
        char hostNamespace[64] = {};
        const ssize_t length = readlink("/proc/1/ns/net", hostNamespace, sizeof(hostNamespace) - 1);
        if (length > 0)
            QVERIFY(NetworkNamespace::callingThreadNamespaceId() != std::string(hostNamespace, std::size_t(length)));
    }

    void expiryCountsDown()
    {
        SocketPopulation population;
        QVERIFY2(population.listen(m_server), qPrintable(population.error()));
        QVERIFY2(population.closedConnections(m_server, 5, SocketPopulation::CloseOrder::ClientFirst),
                 qPrintable(population.error()));
        SnapshotCollector collector({});
        const auto first = collect(collector);
        QVERIFY(first);
        QCOMPARE(first->count(TcpState::TimeWait), 5u);
        QThread::msleep(1500);
        const auto second = collect(collector);
        QVERIFY(second);

        QHash<quint64, quint32> before;
        for (const SocketRecord &r : first->sockets) {
            if (r.state == TcpState::TimeWait)
                before.insert(r.cookie, r.expiresMs);
        }
        int matched = 0;
        for (const SocketRecord &r : second->sockets) {
            if (r.state != TcpState::TimeWait)
                continue;
            QVERIFY(before.contains(r.cookie)); // the same entries, known by their cookie
            const quint32 was = before.value(r.cookie);
            QVERIFY2(was <= 60000 && r.expiresMs < was, qPrintable(QStringLiteral("%1 -> %2").arg(was).arg(r.expiresMs)));
            // Each expiry was read somewhere inside its dump: the time between the two reads lies
            // between (second start - first end) and (second end - first start). The kernel counts
            // in jiffies: a few ms of rounding either way.
            const qint64 shortest = (second->monotonicNs - second->dumpNs - first->monotonicNs) / 1000000;
            const qint64 longest = (second->monotonicNs - first->monotonicNs + first->dumpNs) / 1000000;
            const qint64 dropped = qint64(was) - qint64(r.expiresMs);
            QVERIFY2(dropped >= shortest - 10 && dropped <= longest + 10,
                     qPrintable(QStringLiteral("dropped %1 ms in %2..%3 ms").arg(dropped).arg(shortest).arg(longest)));
            ++matched;
        }
        QCOMPARE(matched, 5);
    }

    void counterRates()
    {
        SocketPopulation population;
        QVERIFY2(population.listen(m_server), qPrintable(population.error()));
        SnapshotCollector collector({});
        const auto first = collect(collector);
        QVERIFY(first && first->countersValid);
        QVERIFY2(population.closedConnections(m_server, 12, SocketPopulation::CloseOrder::ServerFirst),
                 qPrintable(population.error()));
        QThread::msleep(500);
        const auto second = collect(collector);
        QVERIFY(second && second->countersValid);

        const CounterRates rates = CounterRatesCalculator::between(*first, *second);
        QVERIFY(rates.intervalSeconds > 0.5 && rates.intervalSeconds < 5);
        const auto delta = [&](TcpCounter c) { return second->counters.value(c) - first->counters.value(c); };
        QCOMPARE(delta(TcpCounter::TimeWaitEntered), 12);
        QCOMPARE(delta(TcpCounter::TimeWaitOverflow), 0);
        QCOMPARE(delta(TcpCounter::ActiveOpens), 12);
        QCOMPARE(delta(TcpCounter::PassiveOpens), 12);
        QVERIFY(rates.has(TcpCounter::TimeWaitEntered));
        QCOMPARE(rates.rate(TcpCounter::TimeWaitEntered), 12 / rates.intervalSeconds);
        QCOMPARE(rates.rate(TcpCounter::PassiveOpens), 12 / rates.intervalSeconds);
        QVERIFY(!rates.has(TcpCounter::CurrEstab)); // a gauge has no rate

        // A counter that went backwards (reset) gets no rate rather than a negative one.
        Snapshot reset = *second;
        reset.counters.values[static_cast<int>(TcpCounter::TimeWaitEntered)] = 0;
        reset.monotonicNs += 1000000000;
        QVERIFY(!CounterRatesCalculator::between(*second, reset).has(TcpCounter::TimeWaitEntered));
    }

    void overflowPastMaxBuckets()
    {
        // Only this test's namespace: tcp_max_tw_buckets is per network namespace since 4.11.
        QFile buckets(QStringLiteral("/proc/sys/net/ipv4/tcp_max_tw_buckets"));
        QVERIFY2(buckets.open(QIODevice::WriteOnly), qPrintable(buckets.errorString()));
        QVERIFY(buckets.write("5\n") == 2);
        buckets.close();

        SocketPopulation population;
        QVERIFY2(population.listen(m_server), qPrintable(population.error()));
        SnapshotCollector collector({});
        const auto first = collect(collector);
        QVERIFY(first);
        QCOMPARE(first->maxTimeWaitBuckets(), 5);
        QVERIFY2(population.closedConnections(m_server, 12, SocketPopulation::CloseOrder::ClientFirst),
                 qPrintable(population.error()));
        const auto second = collect(collector);
        QVERIFY(second);
        QCOMPARE(second->count(TcpState::TimeWait), 5u);
        const auto delta = [&](TcpCounter c) { return second->counters.value(c) - first->counters.value(c); };
        QCOMPARE(delta(TcpCounter::TimeWaitOverflow), 7);
        QCOMPARE(delta(TcpCounter::TimeWaitEntered), 5);
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestTimeWait, QCoreApplication)
#include "tst_timewait.moc"
