#include "netnstestmain.h"
#include "corewords.h"
#include "views/charts/portchartpanel.h"
#include "core/snapshot/snapshotcollector.h"
#include "socketpopulation.h"
#include "itemmodels/timewaitbyportmodel.h"

#include <QApplication>
#include <QChart>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTest>

#include <sys/socket.h>

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
};

SOCKSCOPE_NETNS_TEST_MAIN(TestPortSide, QApplication)
#include "tst_portside.moc"
