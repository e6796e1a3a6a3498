#include "netnstestmain.h"
#include "wording/coremessagetext.h"
#include "corewords.h"
#include "core/collect/slabestimator.h"
#include "core/snapshot/snapshotcollector.h"
#include "socketpopulation.h"
#include "core/collect/sockdiagcollector.h"
#include "ssoracle.h"

#include <QCoreApplication>
#include <QTest>

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <memory>

// The collector against the real kernel, in a namespace holding a population this test built.
class TestSockDiagCollector : public QObject
{
    Q_OBJECT

private:
    using Endpoint = SocketPopulation::Endpoint;
    const Endpoint m_a {AF_INET, "127.0.0.1", 7001};
    const Endpoint m_b {AF_INET, "127.0.0.2", 7002};
    const Endpoint m_c {AF_INET6, "::1", 7003};
    const Endpoint m_r {AF_INET, "127.0.0.1", 7004};
    std::unique_ptr<SocketPopulation> m_population;

    // 51 sockets: LISTEN 4, ESTABLISHED 12, TIME-WAIT 24, FIN-WAIT-2 3, CLOSE-WAIT 3,
    // NEW-SYN-RECV 3, SYN-SENT 2; 12 of them IPv6.
    void buildPopulation()
    {
        QString error;
        // SYN-ACKs and SYNs to 198.51.100.0/24 (TEST-NET-2) loop back and are dropped unanswered.
        QVERIFY2(PrivateNetworkNamespace::run({QStringLiteral("ip"), QStringLiteral("route"), QStringLiteral("add"),
                                               QStringLiteral("198.51.100.0/24"), QStringLiteral("dev"), QStringLiteral("lo")},
                                              &error),
                 qPrintable(error));
        m_population = std::make_unique<SocketPopulation>();
        SocketPopulation &p = *m_population;
        for (const Endpoint &e : {m_a, m_b, m_c, m_r})
            QVERIFY2(p.listen(e), qPrintable(p.error()));
        QVERIFY2(p.closedConnections(m_a, 10, SocketPopulation::CloseOrder::ClientFirst), qPrintable(p.error()));
        QVERIFY2(p.closedConnections(m_a, 7, SocketPopulation::CloseOrder::ServerFirst), qPrintable(p.error()));
        QVERIFY2(p.establishedPairs(m_a, 4), qPrintable(p.error()));
        QVERIFY2(p.halfClosedPairs(m_b, 3), qPrintable(p.error()));
        QVERIFY2(p.closedConnections(m_c, 5, SocketPopulation::CloseOrder::ClientFirst), qPrintable(p.error()));
        QVERIFY2(p.closedConnections(m_c, 2, SocketPopulation::CloseOrder::ServerFirst), qPrintable(p.error()));
        QVERIFY2(p.establishedPairs(m_c, 2), qPrintable(p.error()));
        QVERIFY2(p.halfOpenRequests(m_r, "198.51.100", 3), qPrintable(p.error()));
        QVERIFY2(p.unansweredConnects({AF_INET, "198.51.100.200", 80}, 2), qPrintable(p.error()));

        // Let the last FIN/ACKs land: wait until ss, which we do not test, agrees on the totals.
        SsOracle ss;
        QTRY_VERIFY_WITH_TIMEOUT(ss.run(&error) && ss.total == 51 && ss.count("TIME-WAIT") == 24 && ss.count("SYN-RECV") == 3,
                                 5000);
    }

    static quint32 portCount(const std::vector<PortCount> &counts, quint16 port)
    {
        const auto it = std::find_if(counts.begin(), counts.end(), [port](const PortCount &c) { return c.port == port; });
        return it == counts.end() ? 0 : it->count;
    }

private slots:
    void init()
    {
        QString error;
        QVERIFY2(PrivateNetworkNamespace::enterFresh(&error), qPrintable(error));
        buildPopulation();
    }

    void cleanup() { m_population.reset(); }

    void countsByStateAreExact()
    {
        SnapshotCollector collector({});
        QString error;
        const auto snapshot = collectWorded(collector, &error);
        QVERIFY2(snapshot, qPrintable(error));
        QVERIFY(snapshot->consistent);
        QCOMPARE(snapshot->totalSockets(), 51u);
        QCOMPARE(snapshot->ipv6Sockets, 12u);
        QCOMPARE(snapshot->count(TcpState::Listen), 4u);
        QCOMPARE(snapshot->count(TcpState::Established), 12u);
        QCOMPARE(snapshot->count(TcpState::TimeWait), 24u);
        QCOMPARE(snapshot->count(TcpState::FinWait2), 3u);
        QCOMPARE(snapshot->count(TcpState::CloseWait), 3u);
        QCOMPARE(snapshot->count(TcpState::NewSynRecv), 3u);
        QCOMPARE(snapshot->count(TcpState::SynRecv), 0u);
        QCOMPARE(snapshot->count(TcpState::SynSent), 2u);
        QCOMPARE(quint32(snapshot->sockets.size()), 51u);
    }

    void timeWaitByPortIsExact()
    {
        SnapshotCollector collector({});
        QString error;
        const auto s = collectWorded(collector, &error);
        QVERIFY2(s, qPrintable(error));
        // Server-first closes leave TIME-WAIT on the server's port; client-first on ephemeral ports.
        QCOMPARE(portCount(s->timeWaitByLocalPort, 7001), 7u);
        QCOMPARE(portCount(s->timeWaitByLocalPort, 7003), 2u);
        QCOMPARE(portCount(s->timeWaitByRemotePort, 7001), 10u);
        QCOMPARE(portCount(s->timeWaitByRemotePort, 7003), 5u);
        quint32 ephemeral = 0;
        for (const PortCount &c : s->timeWaitByLocalPort) {
            if (s->ephemeralRange.contains(c.port))
                ephemeral += c.count;
        }
        QCOMPARE(ephemeral, 15u);
        QVERIFY(std::is_sorted(s->timeWaitByLocalPort.begin(), s->timeWaitByLocalPort.end(),
                               [](const PortCount &a, const PortCount &b) { return a.count > b.count; }));

        // Ephemeral-port pressure per destination: TIME-WAIT and live client sockets both hold a port.
        QVERIFY(s->ephemeralRange.valid);
        QCOMPARE(s->ephemeralRange.size(), 60999 - 32768 + 1);
        QMap<int, quint32> byRemotePort;
        for (const PortPressure &p : s->portPressure)
            byRemotePort[p.remotePort] += p.inUse;
        QCOMPARE(byRemotePort.value(7001), 14u); // 10 TIME-WAIT + 4 established clients
        QCOMPARE(byRemotePort.value(7002), 3u); // FIN-WAIT-2 clients
        QCOMPARE(byRemotePort.value(7003), 7u); // 5 TIME-WAIT + 2 established clients
        QCOMPARE(byRemotePort.value(80), 2u); // SYN-SENT
        QCOMPARE(s->portPressure.front().remotePort, quint16(7001));
    }

    void countsEqualSs()
    {
        SnapshotCollector collector({});
        QString error;
        const auto s = collectWorded(collector, &error);
        QVERIFY2(s, qPrintable(error));
        SsOracle ss;
        QVERIFY2(ss.run(&error), qPrintable(error));
        QCOMPARE(int(s->totalSockets()), ss.total);
        for (const TcpState state : tcpStatesInDisplayOrder()) {
            if (state == TcpState::SynRecv || state == TcpState::NewSynRecv)
                continue;
            QCOMPARE(int(s->count(state)), ss.count(tcpStateSsName(state)));
        }
        // ss prints request sockets as SYN-RECV.
        QCOMPARE(int(s->count(TcpState::SynRecv) + s->count(TcpState::NewSynRecv)), ss.count("SYN-RECV"));
        for (auto it = ss.timeWaitByLocalPort.cbegin(); it != ss.timeWaitByLocalPort.cend(); ++it)
            QCOMPARE(int(portCount(s->timeWaitByLocalPort, quint16(it.key()))), it.value());
        for (auto it = ss.timeWaitByRemotePort.cbegin(); it != ss.timeWaitByRemotePort.cend(); ++it)
            QCOMPARE(int(portCount(s->timeWaitByRemotePort, quint16(it.key()))), it.value());
        QCOMPARE(int(s->timeWaitByLocalPort.size()), ss.timeWaitByLocalPort.size());
    }

    void stateFilterRunsInTheKernel()
    {
        SockDiagCollector collector;
        std::vector<SocketRecord> records;
        SockDiagCollector::Request request;
        request.stateMask = tcpStateBit(TcpState::TimeWait);
        const auto outcome = collector.dump(request, records);
        QVERIFY2(outcome.ok, qPrintable(CoreMessageText::text(outcome.error)));
        QCOMPARE(int(records.size()), 24);
        for (const SocketRecord &r : records)
            QCOMPARE(r.state, TcpState::TimeWait);
        // One message per TIME-WAIT socket plus one NLMSG_DONE: both families come from one walk
        // (the legacy request), and the other 27 sockets never crossed into user space.
        QCOMPARE(outcome.messages, quint64(24 + 1));
        // Asked for one family, the collector walks for that family alone.
        std::vector<SocketRecord> ipv6Only;
        request.ipv4 = false;
        const auto perFamily = collector.dump(request, ipv6Only);
        QVERIFY(perFamily.ok);
        QCOMPARE(perFamily.messages,
                 quint64(std::count_if(records.begin(), records.end(), [](const SocketRecord &r) { return r.isIpv6(); }) + 1));
    }

    void recordsCarryTheKernelsFields()
    {
        SockDiagCollector collector;
        std::vector<SocketRecord> records;
        const auto outcome = collector.dump({}, records);
        QVERIFY2(outcome.ok, qPrintable(CoreMessageText::text(outcome.error)));
        // The same netlink socket serves a second dump.
        std::vector<SocketRecord> again;
        QVERIFY(collector.dump({}, again).ok);
        QCOMPARE(again.size(), records.size());

        int listeners = 0;
        for (const SocketRecord &r : records) {
            if (r.state == TcpState::TimeWait) {
                // TIME_WAIT lasts TCP_TIMEWAIT_LEN (60 s) and has no file or owner.
                QCOMPARE(r.timer, SocketTimer::TimeWait);
                QVERIFY2(r.expiresMs > 50000 && r.expiresMs <= 60000, qPrintable(QString::number(r.expiresMs)));
                QCOMPARE(r.inode, 0u);
            } else if (r.state == TcpState::Listen) {
                ++listeners;
                QVERIFY(r.inode != 0);
                QCOMPARE(r.uid, quint32(getuid()));
                QCOMPARE(r.sendQueue, 1024u); // a listener's send queue is its backlog
            } else if (r.state == TcpState::NewSynRecv) {
                QCOMPARE(r.localPort, quint16(7004));
                QCOMPARE(r.timer, SocketTimer::Retransmit); // the SYN-ACK timer
                QCOMPARE(r.inode, 0u);
            }
            QVERIFY(r.cookie != 0);
        }
        QCOMPARE(listeners, 4);
    }

    void slabEstimateUsesThisKernelsObjectSizes()
    {
        SnapshotCollector collector({});
        QString error;
        const auto s = collectWorded(collector, &error);
        QVERIFY2(s, qPrintable(error));
        if (!s->slab.slabinfoReadable)
            QSKIP("/proc/slabinfo is root-only; the estimate cannot be checked against it here");
        for (int c = 0; c < SlabCacheCount; ++c) {
            const SlabCacheFigure &exact = s->slab.caches[c];
            if (exact.source != SlabCacheFigure::Source::Slabinfo)
                continue;
            CoreMessage basis;
            QCOMPARE(SlabEstimator::objectSize(c, &basis), exact.objectSize);
            QVERIFY(CoreMessageText::text(basis).contains(QLatin1String("BTF")));
        }
        QCOMPARE(s->slab.cache(SlabCache::TimeWaitV4).source, SlabCacheFigure::Source::Slabinfo);
        QVERIFY(s->slab.cache(SlabCache::TimeWaitV4).activeObjects >= 17); // host-wide: at least ours
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestSockDiagCollector, QCoreApplication)
#include "tst_sockdiagcollector.moc"
