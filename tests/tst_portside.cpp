#include "netnstestmain.h"
#include "corewords.h"
#include "views/charts/portchartpanel.h"
#include "core/snapshot/snapshotcollector.h"
#include "socketpopulation.h"
#include "itemmodels/timewaitbyportmodel.h"
#include "core/snapshot/rankedports.h"

#include <QApplication>
#include <QChart>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTest>

#include <QFile>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

// The per-port panel opens on the side that concentrates TIME-WAIT, judged on the first snapshot
// that has any, and never flips on its own afterwards. Real sockets in a private namespace: a
// client that closes first (TIME-WAIT spread over ephemeral local ports, piled on the server's
// port) and then a server that closes first (piled on its own port).
class TestPortSide : public QObject
{
    Q_OBJECT

    SocketPopulation m_population;

    static SnapshotPtr collect()
    {
        SnapshotCollector collector({});
        QString error;
        SnapshotPtr snapshot = collectWorded(collector, &error);
        if (!snapshot)
            qWarning() << error;
        return snapshot;
    }

    static QString title(PortChartPanel &panel) { return panel.barChart()->title(); }

private slots:
    void clientThenServer()
    {
        TimeWaitByPortModel model(6);
        PortChartPanel panel(&model);
        QSignalSpy chosen(&model, &TimeWaitByPortModel::sideChosen);

        // No TIME-WAIT yet: nothing to judge by, the default side stays and is not decided.
        const SocketPopulation::Endpoint client {AF_INET, "127.0.0.1", 7201};
        QVERIFY(m_population.listen(client));
        model.setSnapshot(collect());
        QCOMPARE(model.side(), TimeWaitByPortModel::Side::Local);
        QCOMPARE(chosen.size(), 0);

        // This host as a client closing first: 6 entries towards port 7201, one per local port.
        QVERIFY(m_population.closedConnections(client, 6, SocketPopulation::CloseOrder::ClientFirst));
        const SnapshotPtr clientFirst = collect();
        QVERIFY(clientFirst);
        QCOMPARE(clientFirst->timeWaitByRemotePort.front().port, quint16(7201));
        QCOMPARE(clientFirst->timeWaitByRemotePort.front().count, 6u);
        QCOMPARE(clientFirst->timeWaitByLocalPort.front().count, 1u);
        QCOMPARE(TimeWaitByPortModel::concentratedSide(*clientFirst), TimeWaitByPortModel::Side::Remote);
        model.setSnapshot(clientFirst);
        QCOMPARE(model.side(), TimeWaitByPortModel::Side::Remote);
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(model.port(0), quint16(7201));
        QCOMPARE(model.count(0), 6u);
        // The panel follows: its radio button and its titles.
        QTRY_COMPARE(title(panel), QStringLiteral("TIME-WAIT by remote port, now"));
        QVERIFY(panel.findChildren<QRadioButton *>().at(1)->isChecked());

        // Now a server closing first piles 10 on its own port 7202: the local side concentrates
        // more, but the model does not flip under the operator.
        const SocketPopulation::Endpoint server {AF_INET, "127.0.0.1", 7202};
        QVERIFY(m_population.listen(server));
        QVERIFY(m_population.closedConnections(server, 10, SocketPopulation::CloseOrder::ServerFirst));
        const SnapshotPtr both = collect();
        QVERIFY(both);
        QCOMPARE(both->timeWaitByLocalPort.front().port, quint16(7202));
        QCOMPARE(both->timeWaitByLocalPort.front().count, 10u);
        QCOMPARE(TimeWaitByPortModel::concentratedSide(*both), TimeWaitByPortModel::Side::Local);
        model.setSnapshot(both);
        QCOMPARE(model.side(), TimeWaitByPortModel::Side::Remote);
        QCOMPARE(chosen.size(), 1);

        // A window opened now (a fresh model) starts on the local side.
        TimeWaitByPortModel fresh(6);
        PortChartPanel freshPanel(&fresh);
        fresh.setSnapshot(both);
        QCOMPARE(fresh.side(), TimeWaitByPortModel::Side::Local);
        QCOMPARE(fresh.port(0), quint16(7202));
        QCOMPARE(title(freshPanel), QStringLiteral("TIME-WAIT by local port, now"));

        // The user's click before any TIME-WAIT is final.
        TimeWaitByPortModel chosenByUser(6);
        PortChartPanel userPanel(&chosenByUser);
        userPanel.findChildren<QRadioButton *>().at(1)->click();
        QCOMPARE(chosenByUser.side(), TimeWaitByPortModel::Side::Remote);
        chosenByUser.setSnapshot(both);
        QCOMPARE(chosenByUser.side(), TimeWaitByPortModel::Side::Remote);
    }

    // Ports inside ip_local_port_range fold into one "ephemeral" entry, except a reserved port
    // (connect() never picks it: here a client bound it by hand) and a port a server listens on.
    // In this test's own namespace: ip_local_reserved_ports is the namespace's.
    void reservedAndListeningPortsStayOneByOne()
    {
        QFile reserved(QStringLiteral("/proc/sys/net/ipv4/ip_local_reserved_ports"));
        QVERIFY(reserved.open(QIODevice::WriteOnly) && reserved.write("40000\n") == 6);
        reserved.close();
        // A server on 45000, inside the range, closing first: 4 entries on its own local port.
        const SocketPopulation::Endpoint server {AF_INET, "127.0.0.1", 45000};
        QVERIFY(m_population.listen(server));
        QVERIFY(m_population.closedConnections(server, 4, SocketPopulation::CloseOrder::ServerFirst));
        // A client bound to reserved port 40000 towards a server of its own (on 45001, which
        // accepts), closing first: 1 entry on local 40000.
        const auto address = [](std::uint16_t port) {
            sockaddr_in a {};
            a.sin_family = AF_INET;
            a.sin_port = htons(port);
            a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            return a;
        };
        const sockaddr_in serverAddress = address(45001), clientAddress = address(40000);
        const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const int client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        QVERIFY(listener >= 0 && client >= 0);
        QVERIFY(::bind(listener, reinterpret_cast<const sockaddr *>(&serverAddress), sizeof serverAddress) == 0);
        QVERIFY(::listen(listener, 4) == 0);
        QVERIFY(::bind(client, reinterpret_cast<const sockaddr *>(&clientAddress), sizeof clientAddress) == 0);
        QVERIFY(::connect(client, reinterpret_cast<const sockaddr *>(&serverAddress), sizeof serverAddress) == 0);
        const int accepted = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
        QVERIFY(accepted >= 0);
        ::close(client); // first: the client side keeps the TIME-WAIT
        QTest::qWait(50);
        ::close(accepted);
        QTest::qWait(50);
        const SnapshotPtr snapshot = collect();
        QVERIFY(snapshot);
        const std::vector<RankedPort> ranked =
            RankedPorts::rank(snapshot->timeWaitByLocalPort, RankedPorts::foldOf(*snapshot, true), true);
        std::uint64_t onServerPort = 0, onReservedPort = 0, ephemeral = 0, total = 0;
        for (const RankedPort &port : ranked) {
            total += port.count;
            if (port.ephemeral)
                ephemeral += port.count;
            else if (port.port == 45000)
                onServerPort = port.count;
            else if (port.port == 40000)
                onReservedPort = port.count;
        }
        QCOMPARE(onServerPort, 4u);
        QCOMPARE(onReservedPort, 1u);
        QCOMPARE(total, std::uint64_t(snapshot->count(TcpState::TimeWait)));
        // Every other port inside the range is in the ephemeral entry (the earlier test's client
        // ports among them); ports below it (7202) stay apart as before.
        std::uint64_t insideRange = 0;
        for (const PortCount &port : snapshot->timeWaitByLocalPort)
            if (snapshot->ephemeralRange.contains(port.port) && port.port != 40000 && port.port != 45000)
                insideRange += port.count;
        QCOMPARE(ephemeral, insideRange);
        // Listed one by one when asked: the same sum.
        std::uint64_t listed = 0;
        for (const RankedPort &port :
             RankedPorts::rank(snapshot->timeWaitByLocalPort, RankedPorts::foldOf(*snapshot, true), false)) {
            QVERIFY(!port.ephemeral);
            listed += port.count;
        }
        QCOMPARE(listed, total);
        ::close(listener);
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestPortSide, QApplication)
#include "tst_portside.moc"
