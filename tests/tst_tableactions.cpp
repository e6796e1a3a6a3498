#include "languages.h"
#include "sources/localsource.h"
#include "views/window/mainwindow.h"
#include "netnstestmain.h"
#include "views/charts/portchartpanel.h"
#include "sampling/samplingworker.h"
#include "socketpopulation.h"
#include "itemmodels/sockettablemodel.h"
#include "views/table/sockettablepanel.h"

#include <QAction>
#include <QApplication>
#include <QChart>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProcess>
#include <QTableView>
#include <QTest>

#include <sys/socket.h>

// The socket table's keyboard and context-menu actions in the window, offscreen, on a known
// population: Ctrl+F, the filter's reasons for an empty table, Ctrl+C as TSV, copy as an `ss`
// command (run through the real ss), filter by port and address.
class TestTableActions : public QObject
{
    Q_OBJECT

    std::unique_ptr<SocketPopulation> m_population;
    std::unique_ptr<SamplingWorker> m_sampler;
    std::unique_ptr<LocalSource> m_source;
    std::unique_ptr<MainWindow> m_window;
    const SocketPopulation::Endpoint m_v4 {AF_INET, "127.0.0.1", 7301};
    const SocketPopulation::Endpoint m_v6 {AF_INET6, "::1", 7302};

    SocketTablePanel *table() const { return m_window->docks()->tablePanel(); }
    int rows() const { return m_window->docks()->socketModel()->rowCount(); }

    void typeFilter(const QString &text)
    {
        QLineEdit *edit = table()->filterEdit();
        edit->clear();
        QTest::keyClicks(edit, text);
        QTest::keyClick(edit, Qt::Key_Return);
    }

    int rowInState(TcpState state) const
    {
        for (int row = 0; row < rows(); ++row) {
            if (m_window->docks()->socketModel()->index(row, 0).data(SocketTableModel::StateRole).toInt() == int(state))
                return row;
        }
        return -1;
    }

    QAction *menuAction(QMenu *menu, const char *name) const
    {
        for (QAction *action : menu->actions()) {
            if (action->objectName() == QLatin1String(name))
                return action;
        }
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        // LISTEN 2; this host as a client closing first: 4 TIME-WAIT towards 7301 (remote side
        // concentrates); 2 IPv6 TIME-WAIT on local 7302; ESTABLISHED 2 (one pair).
        m_population = std::make_unique<SocketPopulation>();
        SocketPopulation &p = *m_population;
        QVERIFY(p.listen(m_v4) && p.listen(m_v6));
        QVERIFY(p.closedConnections(m_v4, 4, SocketPopulation::CloseOrder::ClientFirst));
        QVERIFY(p.closedConnections(m_v6, 2, SocketPopulation::CloseOrder::ServerFirst));
        QVERIFY(p.establishedPairs(m_v4, 1));

        Languages::apply(QStringLiteral("en"));
        m_window = std::make_unique<MainWindow>(false);
        m_sampler = std::make_unique<SamplingWorker>(NetworkNamespace(), AllTcpStatesMask);
        m_window->setIntervalMs(250);
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_source = std::make_unique<LocalSource>(m_sampler.get(), QStringLiteral("test"));
        m_window->setSource(m_source.get());
        QTRY_COMPARE_WITH_TIMEOUT(rows(), 2 + 4 + 2 + 2, 10000);
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_sampler.reset();
    }

    void portPanelOpensOnTheRemoteSide()
    {
        // 4 TIME-WAIT towards remote port 7301 beat 2 on local port 7302.
        QTRY_COMPARE(m_window->docks()->portPanel()->barChart()->title(), QStringLiteral("TIME-WAIT by remote port, now"));
    }

    void ctrlFFocusesTheFilter()
    {
        table()->view()->setFocus();
        QTRY_VERIFY(table()->view()->hasFocus());
        QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(table()->filterEdit()->hasFocus());
    }

    void invalidFilterEmptiesTheTableAndSaysWhy()
    {
        typeFilter(QStringLiteral("time-wait"));
        QTRY_COMPARE(rows(), 6);
        typeFilter(QStringLiteral("state:estab1"));
        QTRY_COMPARE(rows(), 0); // not the 6 rows of the previous filter
        QVERIFY2(table()->countsLabel()->text().contains(QLatin1String("unknown state 'estab1'")),
                 qPrintable(table()->countsLabel()->text()));
        typeFilter(QStringLiteral("10.0.0.0/33"));
        QTRY_VERIFY(table()->countsLabel()->text().contains(QLatin1String("bad prefix length 33")));
        QCOMPARE(rows(), 0);
        typeFilter(QStringLiteral("time-wait sport:9999"));
        QTRY_COMPARE(table()->countsLabel()->text(), QStringLiteral("No socket matches sport:9999"));
        QCOMPARE(rows(), 0);
        typeFilter(QStringLiteral("state:time-wait,listen !ipv6 127.0.0.0/8"));
        QTRY_COMPARE(rows(), 1 + 4);
        QTRY_COMPARE(table()->countsLabel()->text(), QStringLiteral("5 of 10 sockets"));
    }

    void ctrlCCopiesSelectedRowsAsTsv()
    {
        typeFilter(QStringLiteral("time-wait ipv4"));
        QTRY_COMPARE(rows(), 4);
        QTableView *view = table()->view();
        view->setFocus();
        view->selectionModel()->clearSelection();
        view->selectRow(0);
        view->selectionModel()->select(m_window->docks()->socketModel()->index(2, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QApplication::clipboard()->clear();
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
        const QStringList lines = QApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 2);
        QCOMPARE(lines[0],
                 QStringLiteral(
                     "State\tLocal\tRemote\tTimer\tTime left\tRecv-Q\tSend-Q\tUser\tInode\tProcess\tPID\tUnit\tOwner found"));
        for (const int i : {1, 2}) {
            const QStringList cells = lines[i].split(QLatin1Char('\t'));
            QCOMPARE(cells.size(), SocketColumnCount);
            QCOMPARE(cells[0], QStringLiteral("TIME-WAIT"));
            QCOMPARE(cells[2], QStringLiteral("127.0.0.1:7301"));
        }
        QCOMPARE(lines[2].split(QLatin1Char('\t'))[1], m_window->docks()->socketModel()->index(2, 1).data().toString());
    }

    void contextMenuCopiesAnSsCommandThatFindsTheSocket()
    {
        typeFilter(QString());
        QTRY_COMPARE(rows(), 10);
        const int row = rowInState(TcpState::TimeWait);
        QVERIFY(row >= 0);
        const QString local = m_window->docks()->socketModel()->index(row, 1).data().toString();
        std::unique_ptr<QMenu> menu(table()->contextMenu(m_window->docks()->socketModel()->index(row, 1)));
        QAction *copySs = menuAction(menu.get(), "copySs");
        QVERIFY(copySs);
        copySs->trigger();
        const QString command = QApplication::clipboard()->text();
        QVERIFY2(command.startsWith(QLatin1String("ss -tan state time-wait '( ")), qPrintable(command));
        // The real ss, in this namespace, lists exactly that one socket.
        QProcess shell;
        shell.start(QStringLiteral("sh"), {QStringLiteral("-c"), command + QStringLiteral(" | tail -n +2")});
        QVERIFY(shell.waitForFinished(10000));
        const QStringList found =
            QString::fromLocal8Bit(shell.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(found.size(), 1);
        QVERIFY2(found[0].contains(local), qPrintable(found[0] + QStringLiteral(" / ") + local));
    }

    void contextMenuFiltersByPortAndAddress()
    {
        typeFilter(QStringLiteral("time-wait ipv4"));
        QTRY_COMPARE(rows(), 4);
        const QModelIndex index = m_window->docks()->socketModel()->index(0, 0);
        const QString localPort = index.siblingAtColumn(1).data().toString().section(QLatin1Char(':'), -1);
        std::unique_ptr<QMenu> menu(table()->contextMenu(index));
        QVERIFY(menuAction(menu.get(), "copy"));
        QCOMPARE(menuAction(menu.get(), "filterRemotePort")->text(), QStringLiteral("Filter by remote port 7301"));
        menuAction(menu.get(), "filterRemotePort")->trigger();
        QCOMPARE(table()->filterEdit()->text(), QStringLiteral("dport:7301"));
        QTRY_COMPARE(rows(), 4 + 1); // the TIME-WAIT entries and the established client
        menuAction(menu.get(), "filterLocalPort")->trigger();
        QCOMPARE(table()->filterEdit()->text(), QStringLiteral("sport:") + localPort);
        QTRY_COMPARE(rows(), 1); // an ephemeral port: that one socket
        menuAction(menu.get(), "filterLocalAddress")->trigger();
        QCOMPARE(table()->filterEdit()->text(), QStringLiteral("src:127.0.0.1"));
        QTRY_COMPARE(rows(), 1 + 4 + 2);

        // An IPv6 row: its address in brackets, and it filters.
        typeFilter(QStringLiteral("time-wait ipv6"));
        QTRY_COMPARE(rows(), 2);
        std::unique_ptr<QMenu> v6(table()->contextMenu(m_window->docks()->socketModel()->index(0, 0)));
        menuAction(v6.get(), "filterRemoteAddress")->trigger();
        QCOMPARE(table()->filterEdit()->text(), QStringLiteral("dst:[::1]"));
        QTRY_COMPARE(rows(), 2); // the listener's remote side is ::, not ::1
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestTableActions, QApplication)
#include "tst_tableactions.moc"
