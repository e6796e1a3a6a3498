#include "core/collect/namespaceidentity.h"
#include "corewords.h"
#include "netnstestmain.h"
#include "core/snapshot/snapshotcollector.h"
#include "socketpopulation.h"
#include "sysctl/sysctlchangerisk.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTest>

#include <arpa/inet.h>
#include <sys/socket.h>

Q_DECLARE_METATYPE(SysctlRisk::Kind)

using Pending = QMap<QString, QString>;
Q_DECLARE_METATYPE(Pending)

// The warnings before Apply: a table of values against figures, then the figures themselves
// from a real snapshot of this test's own namespace.
class TestSysctlChangeRisk : public QObject
{
    Q_OBJECT

    static SysctlRiskFigures figures()
    {
        SysctlRiskFigures f;
        f.current = {{"net.ipv4.ip_local_port_range", "32768-60999"},
                     {"net.ipv4.ip_local_reserved_ports", ""},
                     {"net.ipv4.tcp_max_tw_buckets", "131072"},
                     {"net.core.somaxconn", "4096"},
                     {"net.ipv4.tcp_syncookies", "1"},
                     {"net.ipv4.tcp_max_syn_backlog", "512"},
                     {"net.ipv4.tcp_fin_timeout", "60"}};
        f.timeWaitEntries = 500;
        f.listenersKnown = true;
        f.largestBacklog = 1000;
        f.largestBacklogPort = 8080;
        return f;
    }

private slots:
    void risks_data()
    {
        QTest::addColumn<Pending>("pending");
        QTest::addColumn<QList<SysctlRisk::Kind>>("kinds");
        QTest::addColumn<QString>("mentions");
        using K = SysctlRisk::Kind;
        QTest::newRow("harmless") << Pending {{"net.ipv4.tcp_fin_timeout", "30"}} << QList<K> {} << "";
        QTest::newRow("reserved covers range")
            << Pending {{"net.ipv4.ip_local_reserved_ports", "32768-60999"}} << QList<K> {K::NoPortForConnect} << "EADDRNOTAVAIL";
        QTest::newRow("reserved covers range in pieces")
            << Pending {{"net.ipv4.ip_local_reserved_ports", "1000-40000,40001-61000"}} << QList<K> {K::NoPortForConnect}
            << "32768–60999";
        QTest::newRow("reserved leaves one port")
            << Pending {{"net.ipv4.ip_local_reserved_ports", "32768-50000,50002-60999"}} << QList<K> {} << "";
        QTest::newRow("range moved under the reserved list")
            << Pending {{"net.ipv4.ip_local_port_range", "40000-40010"}, {"net.ipv4.ip_local_reserved_ports", "39000-41000"}}
            << QList<K> {K::NoPortForConnect} << "40000–40010";
        QTest::newRow("tw buckets 0") << Pending {{"net.ipv4.tcp_max_tw_buckets", "0"}} << QList<K> {K::NoTimeWait}
                                      << "TCPTimeWaitOverflow";
        QTest::newRow("tw buckets below use")
            << Pending {{"net.ipv4.tcp_max_tw_buckets", "499"}} << QList<K> {K::TimeWaitFull} << "500";
        QTest::newRow("tw buckets at use") << Pending {{"net.ipv4.tcp_max_tw_buckets", "500"}} << QList<K> {K::TimeWaitFull}
                                           << "sockstat tw";
        QTest::newRow("tw buckets above use") << Pending {{"net.ipv4.tcp_max_tw_buckets", "501"}} << QList<K> {} << "";
        QTest::newRow("somaxconn below backlog")
            << Pending {{"net.core.somaxconn", "999"}} << QList<K> {K::BacklogCapped} << "port 8080: 1,000";
        QTest::newRow("somaxconn at backlog") << Pending {{"net.core.somaxconn", "1000"}} << QList<K> {} << "";
        QTest::newRow("syncookies off") << Pending {{"net.ipv4.tcp_syncookies", "0"}} << QList<K> {K::SynCookiesOff}
                                        << "tcp_max_syn_backlog (512)";
        QTest::newRow("syncookies always") << Pending {{"net.ipv4.tcp_syncookies", "2"}} << QList<K> {} << "";
        QTest::newRow("two at once") << Pending {{"net.ipv4.tcp_syncookies", "0"}, {"net.ipv4.tcp_max_tw_buckets", "0"}}
                                     << QList<K> {K::NoTimeWait, K::SynCookiesOff} << "SYN Flood";
    }

    void risks()
    {
        QFETCH(Pending, pending);
        QFETCH(QList<SysctlRisk::Kind>, kinds);
        QFETCH(QString, mentions);
        const std::vector<SysctlRisk> found = SysctlChangeRisk::risks(pending, figures());
        QList<SysctlRisk::Kind> foundKinds;
        QString texts;
        for (const SysctlRisk &risk : found) {
            foundKinds << risk.kind;
            texts += risk.text;
            QVERIFY(pending.contains(risk.name)); // a warning is about a value being changed
        }
        QCOMPARE(foundKinds, kinds);
        QVERIFY2(texts.contains(mentions), qPrintable(texts));
    }

    void unknownFiguresWarnOnlyOnWhatIsKnown()
    {
        SysctlRiskFigures unknown;
        QVERIFY(SysctlChangeRisk::risks({{"net.ipv4.tcp_max_tw_buckets", "10"}}, unknown).empty());
        QVERIFY(SysctlChangeRisk::risks({{"net.core.somaxconn", "1"}}, unknown).empty());
        QCOMPARE(SysctlChangeRisk::risks({{"net.ipv4.tcp_max_tw_buckets", "0"}}, unknown).size(), std::size_t(1));
    }

    void largeReasons_data()
    {
        QTest::addColumn<Pending>("pending");
        QTest::addColumn<bool>("persist");
        QTest::addColumn<int>("reasons");
        QTest::newRow("one small step") << Pending {{"net.ipv4.tcp_fin_timeout", "30"}} << false << 0;
        QTest::newRow("kept after reboot") << Pending {{"net.ipv4.tcp_fin_timeout", "30"}} << true << 1;
        QTest::newRow("tenfold down") << Pending {{"net.ipv4.tcp_max_tw_buckets", "13107"}} << false << 1;
        QTest::newRow("just under tenfold") << Pending {{"net.ipv4.tcp_max_tw_buckets", "13108"}} << false << 0;
        QTest::newRow("tenfold up") << Pending {{"net.ipv4.tcp_fin_timeout", "600"}} << false << 1;
        QTest::newRow("range halved and more") << Pending {{"net.ipv4.ip_local_port_range", "50000-55000"}} << false << 1;
        QTest::newRow("range moved") << Pending {{"net.ipv4.ip_local_port_range", "20000-60999"}} << false << 0;
        QTest::newRow("three at once") << Pending {{"net.ipv4.tcp_fin_timeout", "30"},
                                                   {"net.core.somaxconn", "4000"},
                                                   {"net.ipv4.tcp_syncookies", "2"}}
                                       << false << 1;
    }

    void largeReasons()
    {
        QFETCH(Pending, pending);
        QFETCH(bool, persist);
        QFETCH(int, reasons);
        const QStringList found = SysctlChangeRisk::largeReasons(pending, persist, figures());
        QVERIFY2(found.size() == reasons, qPrintable(found.join(QLatin1Char('|'))));
    }

    void figuresFromThisNamespace()
    {
        // 7 TIME-WAIT entries and listeners with backlogs 50 and 300 (below somaxconn 4096, so
        // the kernel keeps them as asked).
        SocketPopulation population;
        const SocketPopulation::Endpoint small {AF_INET, "127.0.0.1", 8081};
        const SocketPopulation::Endpoint large {AF_INET, "127.0.0.1", 8082};
        QVERIFY2(population.listen(small, 50) && population.listen(large, 300), qPrintable(population.error()));
        QVERIFY2(population.closedConnections(small, 7, SocketPopulation::CloseOrder::ClientFirst),
                 qPrintable(population.error()));
        SnapshotCollector collector({});
        QString error;
        const auto snapshot = collectWorded(collector, &error);
        QVERIFY2(snapshot, qPrintable(error));
        const SysctlRiskFigures figures = SysctlRiskFigures::fromSnapshot(*snapshot);
        QCOMPARE(figures.timeWaitEntries, 7);
        QVERIFY(figures.listenersKnown);
        QCOMPARE(figures.largestBacklog, 300u);
        QCOMPARE(figures.largestBacklogPort, quint16(8082));
        QCOMPARE(figures.current.value("net.ipv4.ip_local_port_range"), QStringLiteral("32768-60999"));
        QCOMPARE(SysctlChangeRisk::risks({{"net.core.somaxconn", "299"}}, figures).size(), std::size_t(1));
        QCOMPARE(SysctlChangeRisk::risks({{"net.ipv4.tcp_max_tw_buckets", "7"}}, figures).size(), std::size_t(1));
        QVERIFY(SysctlChangeRisk::risks({{"net.ipv4.tcp_max_tw_buckets", "8"}}, figures).empty());
    }

    void namespaceIdentity()
    {
        const NamespaceIdentity here = NamespaceIdentity::ofCallingThread();
        QVERIFY(here.isValid());
        QCOMPARE(NamespaceIdentity::ofPath("/proc/self/ns/net"), here);
        // Another network namespace, held by a child process: the identities differ.
        QProcess other;
        other.start(QStringLiteral("unshare"), {QStringLiteral("-n"), QStringLiteral("sleep"), QStringLiteral("30")});
        QVERIFY(other.waitForStarted());
        const QString otherPath = QStringLiteral("/proc/%1/ns/net").arg(other.processId());
        QVERIFY(QTest::qWaitFor([&] { return NamespaceIdentity::ofPath(otherPath.toStdString()) != here; }, 5000));
        const NamespaceIdentity elsewhere = NamespaceIdentity::ofPath(otherPath.toStdString());
        other.kill();
        other.waitForFinished();
        QVERIFY(elsewhere.isValid());
        QCOMPARE(persistTarget(here, here), PersistTarget::HostNamespace);
        QCOMPARE(persistTarget(here, elsewhere), PersistTarget::ChildNamespace);
        // PID 1's namespace unknown: the kernel's fixed initial inode decides where it can (6.18+),
        // and this test's own namespace is never the initial one.
        bool known = false;
        NamespaceIdentity::isHost(here, &known);
        QCOMPARE(persistTarget(here, NamespaceIdentity()), known ? PersistTarget::ChildNamespace : PersistTarget::Unverified);
        QCOMPARE(persistTarget(NamespaceIdentity(), elsewhere), PersistTarget::Unknown);
        NamespaceIdentity otherDevice = here; // the same inode on another device is another file
        otherDevice.device += 1;
        QCOMPARE(persistTarget(otherDevice, here), PersistTarget::ChildNamespace);
        QVERIFY(!NamespaceIdentity::ofPath("/nonexistent/ns/net").isValid());
        // This test runs in a namespace of its own: never the initial one (PID 1's, when readable).
        QVERIFY(persistTarget(here, NamespaceIdentity::ofPath("/proc/1/ns/net")) != PersistTarget::HostNamespace);
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestSysctlChangeRisk, QCoreApplication)
#include "tst_sysctlchangerisk.moc"
