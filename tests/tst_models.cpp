#include "netnstestmain.h"
#include "corewords.h"
#include "core/snapshot/snapshotcollector.h"
#include "table/socketfilter.h"
#include "socketpopulation.h"
#include "itemmodels/sockettablemodel.h"
#include "table/sockettablerows.h"
#include "itemmodels/timewaitbyportmodel.h"

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>

#include <sys/socket.h>

// The item models over real snapshots, checked by QAbstractItemModelTester on every change.
class TestModels : public QObject
{
    Q_OBJECT

    std::unique_ptr<SocketPopulation> m_population;
    const SocketPopulation::Endpoint m_v4 {AF_INET, "127.0.0.1", 7001};
    const SocketPopulation::Endpoint m_v6 {AF_INET6, "::1", 7443};

    static SnapshotPtr collect()
    {
        SnapshotCollector collector({});
        QString error;
        return collectWorded(collector, &error);
    }

private slots:
    void initTestCase()
    {
        // LISTEN 2, ESTABLISHED 4 (1 pair each family), TIME-WAIT: 6 on local 7001, 3 towards
        // 7001, 2 IPv6 on local 7443.
        m_population = std::make_unique<SocketPopulation>();
        SocketPopulation &p = *m_population;
        QVERIFY(p.listen(m_v4) && p.listen(m_v6));
        QVERIFY(p.closedConnections(m_v4, 6, SocketPopulation::CloseOrder::ServerFirst));
        QVERIFY(p.closedConnections(m_v4, 3, SocketPopulation::CloseOrder::ClientFirst));
        QVERIFY(p.closedConnections(m_v6, 2, SocketPopulation::CloseOrder::ServerFirst));
        QVERIFY(p.establishedPairs(m_v4, 1) && p.establishedPairs(m_v6, 1));
    }

    void socketTableModel()
    {
        SocketTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        const SnapshotPtr snapshot = collect();
        QVERIFY(snapshot);
        SocketTableQuery query;
        model.setRows(SocketTableRows::build(snapshot, query));
        QCOMPARE(model.rowCount(), 17);
        QCOMPARE(model.columnCount(), SocketColumnCount);
        QCOMPARE(model.totalSockets(), 17);
        // Sorted by state: listeners first, as a connection's life goes.
        QCOMPARE(model.index(0, int(SocketColumn::State)).data().toString(), QStringLiteral("LISTEN"));
        QCOMPARE(model.index(1, int(SocketColumn::Remote)).data().toString(), QStringLiteral("*"));

        int timeWaitRow = -1;
        for (int row = 0; row < model.rowCount() && timeWaitRow < 0; ++row) {
            if (model.index(row, 0).data(SocketTableModel::StateRole).toInt() == int(TcpState::TimeWait))
                timeWaitRow = row;
        }
        QVERIFY(timeWaitRow >= 0);
        QCOMPARE(model.index(timeWaitRow, int(SocketColumn::Timer)).data().toString(), QStringLiteral("TIME-WAIT"));
        QVERIFY(model.index(timeWaitRow, int(SocketColumn::TimeLeft)).data().toString().endsWith(QLatin1String(" s")));
        // TIME-WAIT has no owner in the kernel; this test's own process is the one attributed (its
        // listener, or its live connections to the same server), and the User column is its.
        const QString how = model.index(timeWaitRow, int(SocketColumn::Attribution)).data().toString();
        QVERIFY2(how == QStringLiteral("via listener") || how == QStringLiteral("likely (guess)"), qPrintable(how));
        QCOMPARE(model.index(timeWaitRow, int(SocketColumn::Process)).data().toString(), QStringLiteral("tst_models"));
        // Via the listener: its holders, no pid (which of them closed is not known); a guess names the process.
        if (how == QStringLiteral("via listener"))
            QCOMPARE(model.index(timeWaitRow, int(SocketColumn::Pid)).data().toString(), QString());
        else
            QCOMPARE(model.index(timeWaitRow, int(SocketColumn::Pid)).data().toInt(), int(QCoreApplication::applicationPid()));
        QVERIFY(!model.index(timeWaitRow, int(SocketColumn::Uid)).data().toString().isEmpty());
        const quint64 cookie = model.index(timeWaitRow, 0).data(SocketTableModel::CookieRole).toULongLong();
        QCOMPARE(model.rowOfCookie(cookie), timeWaitRow);

        QSignalSpy sort(&model, &SocketTableModel::sortRequested);
        model.sort(int(SocketColumn::Inode), Qt::DescendingOrder);
        QCOMPARE(sort.size(), 1);
        QCOMPARE(sort.at(0).at(0).value<SocketColumn>(), SocketColumn::Inode);
        QCOMPARE(sort.at(0).at(1).toBool(), true);

        // A filtered view of a fresh snapshot replaces the rows (reset) under the tester.
        QString error;
        QVERIFY(query.filter.parse(QStringLiteral("ipv6"), &error));
        model.setRows(SocketTableRows::build(collect(), query));
        QCOMPARE(model.rowCount(), 1 + 2 + 2);
        model.setRows(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void timeWaitByPortModel()
    {
        TimeWaitByPortModel model(3);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const SnapshotPtr snapshot = collect();
        model.setSnapshot(snapshot);
        // 7001, the 3 client-side entries' local ports (inside ip_local_port_range: one
        // "ephemeral" row) and 7443.
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.port(0), quint16(7001));
        QCOMPARE(model.count(0), 6u);
        QCOMPARE(model.index(0, TimeWaitByPortModel::Share).data().toDouble(), 100.0 * 6 / 11);
        QVERIFY(model.isEphemeral(1));
        QCOMPARE(model.count(1), 3u);
        QCOMPARE(model.index(1, TimeWaitByPortModel::Port).data().toString(), QStringLiteral("ephemeral"));
        QVERIFY(model.index(1, TimeWaitByPortModel::Port).data(Qt::ToolTipRole).toString().startsWith("Ports 32768–60999"));
        QCOMPARE(model.port(2), quint16(7443));
        QCOMPARE(model.totalTimeWait(), 11u);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setSide(TimeWaitByPortModel::Side::Remote);
        // The 8 server-side entries' remote ports are the clients': one row, the busiest.
        QVERIFY(model.isEphemeral(0));
        QCOMPARE(model.count(0), 8u);
        QVERIFY(model.index(0, TimeWaitByPortModel::Port).data(Qt::ToolTipRole).toString().contains("peers'"));
        QCOMPARE(model.port(1), quint16(7001));
        QCOMPARE(model.count(1), 3u);
        QVERIFY(changed.size() >= 1);
        QCOMPARE(reset.size(), 0); // updated in place: charts keep their bars
        // Asked for one by one: each client port is a row of 1 after 7001.
        model.setEphemeralPortsListed(true);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.port(0), quint16(7001));
        QCOMPARE(model.count(0), 3u);
        QVERIFY(!model.isEphemeral(1) && !model.isEphemeral(2));
        QCOMPARE(model.count(1), 1u);
        model.setEphemeralPortsListed(false);

        // In the history only the tracked (busiest) ports are kept: the ephemeral row says it
        // sums those of them, not every port of the range.
        SampleSummary tracked;
        tracked.localPorts[tracked.localPortCount++] = {40000, 5};
        model.setSide(TimeWaitByPortModel::Side::Local);
        model.setSummary(tracked);
        QVERIFY(model.isEphemeral(0));
        const QString historyTip = model.index(0, TimeWaitByPortModel::Port).data(Qt::ToolTipRole).toString();
        QVERIFY2(historyTip.contains("the sum of the tracked ports inside the range"), qPrintable(historyTip));
        model.setSnapshot(snapshot);
        QVERIFY(!model.index(1, TimeWaitByPortModel::Port).data(Qt::ToolTipRole).toString().contains("tracked"));
        model.setSide(TimeWaitByPortModel::Side::Remote);

        // Fewer rows: removed, not reset.
        Snapshot smaller = *snapshot;
        smaller.timeWaitByRemotePort.resize(1);
        model.setSnapshot(std::make_shared<const Snapshot>(smaller));
        QCOMPARE(model.rowCount(), 1);
        model.setSnapshot(nullptr);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.headerData(TimeWaitByPortModel::Port, Qt::Horizontal).toString(), QStringLiteral("Remote port"));
    }

    void filter_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("rows");
        QTest::newRow("everything") << QString() << 17;
        QTest::newRow("state by key") << QStringLiteral("time-wait") << 11;
        QTest::newRow("state by ss name") << QStringLiteral("estab") << 4;
        QTest::newRow("two states") << QStringLiteral("state:listen state:estab") << 6;
        QTest::newRow("port either side") << QStringLiteral("7001") << 1 + 9 + 2;
        QTest::newRow("local port") << QStringLiteral("sport:7001") << 1 + 6 + 1;
        QTest::newRow("remote port") << QStringLiteral("dport:7001") << 3 + 1;
        QTest::newRow("family") << QStringLiteral("ipv6") << 5;
        QTest::newRow("address text") << QStringLiteral("[::1]:7443") << 5;
        QTest::newRow("and") << QStringLiteral("time-wait ipv6") << 2;
        QTest::newRow("nothing") << QStringLiteral("closing") << 0;
        QTest::newRow("state list") << QStringLiteral("state:listen,estab") << 6;
        QTest::newRow("not time-wait") << QStringLiteral("!time-wait") << 6;
        QTest::newRow("IPv4 CIDR") << QStringLiteral("127.0.0.0/8") << 1 + 9 + 2;
        QTest::newRow("IPv6 CIDR") << QStringLiteral("[::1]/128") << 5;
        QTest::newRow("src and not estab") << QStringLiteral("src:127.0.0.1 !estab") << 1 + 9;
    }

    void filter()
    {
        QFETCH(QString, text);
        QFETCH(int, rows);
        SocketTableQuery query;
        QString error;
        QVERIFY2(query.filter.parse(text, &error), qPrintable(error));
        QCOMPARE(int(SocketTableRows::build(collect(), query)->rows.size()), rows);
    }

    void filterErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("bad port") << QStringLiteral("port:http");
        QTest::newRow("port too large") << QStringLiteral("sport:70000");
        QTest::newRow("bad state") << QStringLiteral("state:waiting");
        QTest::newRow("unknown key") << QStringLiteral("user:root");
    }

    void filterErrors()
    {
        QFETCH(QString, text);
        SocketFilter filter;
        QString error;
        QVERIFY(filter.parse(QStringLiteral("estab"), &error));
        QVERIFY(!filter.parse(text, &error));
        QVERIFY(!error.isEmpty());
        // The previous filter is gone: an invalid one matches nothing (the table empties).
        QVERIFY(!filter.isEmpty());
        QVERIFY(!filter.isValid());
        SocketTableQuery query;
        query.filter = filter;
        QCOMPARE(int(SocketTableRows::build(collect(), query)->rows.size()), 0);
    }

    void sortOrders()
    {
        const SnapshotPtr snapshot = collect();
        SocketTableQuery query;
        for (int column = 0; column < SocketColumnCount; ++column) {
            for (const bool descending : {false, true}) {
                query.sortColumn = static_cast<SocketColumn>(column);
                query.descending = descending;
                const auto rows = SocketTableRows::build(snapshot, query);
                QCOMPARE(int(rows->rows.size()), 17);
                if (query.sortColumn == SocketColumn::Inode) {
                    for (int i = 1; i < 17; ++i) {
                        const quint32 a = rows->record(i - 1).inode, b = rows->record(i).inode;
                        QVERIFY(descending ? a >= b : a <= b);
                    }
                }
            }
        }
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestModels, QCoreApplication)
#include "tst_models.moc"
