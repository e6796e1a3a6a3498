#include "languages.h"
#include "wording/coremessagetext.h"
#include "sources/localsource.h"
#include "views/window/mainwindow.h"
#include "netnstestmain.h"
#include "views/charts/portchartpanel.h"
#include "views/charts/ratechartpanel.h"
#include "sampling/samplingworker.h"
#include "views/charts/slabchartpanel.h"
#include "socketpopulation.h"
#include "itemmodels/sockettablemodel.h"
#include "views/table/sockettablepanel.h"
#include "views/charts/statechartpanel.h"
#include "views/sysctl/sysctlchangebox.h"
#include "views/sysctl/sysctlpanel.h"
#include "views/sysctl/sysctlvalueeditor.h"
#include "views/remote/remotehostdialog.h"
#include "views/charts/timeserieschart.h"

#include <QApplication>
#include <QAbstractButton>
#include <QCheckBox>
#include <QDockWidget>
#include <QStyle>
#include <QSettings>
#include <QScopeGuard>
#include <QFileInfo>
#include <QDir>
#include <QComboBox>
#include <QStandardPaths>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QFile>
#include <QFont>
#include <QImage>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QStatusBar>
#include <QTabBar>
#include <QLineSeries>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>

// The window, offscreen, sampling a namespace with a known population.
class TestMainWindow : public QObject
{
    Q_OBJECT

    std::unique_ptr<SocketPopulation> m_population;
    std::unique_ptr<SamplingWorker> m_sampler;
    std::unique_ptr<LocalSource> m_source;
    std::unique_ptr<MainWindow> m_window;
    const SocketPopulation::Endpoint m_server {AF_INET, "127.0.0.1", 7001};

    static double lastY(TimeSeriesChart *chart, const QString &key)
    {
        QLineSeries *series = chart->series(key);
        return series && series->count() ? series->at(series->count() - 1).y() : -1;
    }

    // Returns false (the caller's QVERIFY fails) when the samples do not come.
    bool waitForMoreSamples(int more)
    {
        const int target = m_window->history().size() + more;
        return QTest::qWaitFor([&] { return m_window->history().size() >= target; }, 10000);
    }

private slots:
    void initTestCase()
    {
        // LISTEN 1, TIME-WAIT 14 (9 on local port 7001, 5 towards it), ESTABLISHED 6.
        m_population = std::make_unique<SocketPopulation>();
        SocketPopulation &p = *m_population;
        QVERIFY(p.listen(m_server));
        QVERIFY(p.closedConnections(m_server, 9, SocketPopulation::CloseOrder::ServerFirst));
        QVERIFY(p.closedConnections(m_server, 5, SocketPopulation::CloseOrder::ClientFirst));
        QVERIFY(p.establishedPairs(m_server, 3));

        Languages::apply(QStringLiteral("en"));
        m_window = std::make_unique<MainWindow>(false);
        m_sampler = std::make_unique<SamplingWorker>(NetworkNamespace(), AllTcpStatesMask);
        m_window->setIntervalMs(250);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_source = std::make_unique<LocalSource>(m_sampler.get(), CoreMessageText::namespaceLabel(NetworkNamespace().label()));
        m_window->setSource(m_source.get());
        QVERIFY(waitForMoreSamples(3));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_sampler.reset();
    }

    void stateChartShowsTheCounts()
    {
        TimeSeriesChart *chart = m_window->docks()->statePanel()->chart();
        QCOMPARE(lastY(chart, QStringLiteral("TIME-WAIT")), 14.0);
        QCOMPARE(lastY(chart, QStringLiteral("ESTABLISHED")), 6.0);
        QCOMPARE(lastY(chart, QStringLiteral("LISTEN")), 1.0);
        QCOMPARE(chart->series(QStringLiteral("CLOSE-WAIT"))->count(), 0); // absent in the window: no points to draw
        // One point per sample in the window (fewer samples than decimation buckets).
        QVERIFY(chart->series(QStringLiteral("TIME-WAIT"))->count() >= 3);
        // States that never occur stay out of the legend.
        QVERIFY(chart->series(QStringLiteral("TIME-WAIT"))->isVisible());
        QVERIFY(!chart->series(QStringLiteral("CLOSING"))->isVisible());
    }

    void legendClickHidesAState()
    {
        TimeSeriesChart *chart = m_window->docks()->statePanel()->chart();
        chart->setSeriesHidden(QStringLiteral("ESTABLISHED"), true);
        QVERIFY(waitForMoreSamples(1));
        QVERIFY(!chart->series(QStringLiteral("ESTABLISHED"))->isVisible());
        QVERIFY(chart->series(QStringLiteral("TIME-WAIT"))->isVisible());
        chart->setSeriesHidden(QStringLiteral("ESTABLISHED"), false);
        QVERIFY(chart->series(QStringLiteral("ESTABLISHED"))->isVisible());
    }

    void portBarsAndHistory()
    {
        PortChartPanel *ports = m_window->docks()->portPanel();
        // Bars run smallest to largest, so the busiest port is the last bar.
        QBarSet *bars = ports->bars();
        QVERIFY(bars->count() >= 1);
        QCOMPARE(bars->at(bars->count() - 1), 9.0);
        QCOMPARE(lastY(ports->timeChart(), QStringLiteral("7001")), 9.0);
    }

    void tableRowsAndFilter()
    {
        SocketTablePanel *table = m_window->docks()->tablePanel();
        QCOMPARE(m_window->docks()->socketModel()->rowCount(), 1 + 14 + 6);
        QTest::keyClicks(table->filterEdit(), QStringLiteral("time-wait sport:7001"));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->docks()->socketModel()->rowCount(), 9, 5000);
        QVERIFY(waitForMoreSamples(1)); // the filter holds across refreshes
        QCOMPARE(m_window->docks()->socketModel()->rowCount(), 9);
        table->filterEdit()->clear();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->docks()->socketModel()->rowCount(), 21, 5000);
    }

    void selectionSurvivesRefresh()
    {
        QTableView *view = m_window->docks()->tablePanel()->view();
        SocketTableModel *model = m_window->docks()->socketModel();
        const int row = model->rowCount() - 1;
        view->selectRow(row);
        const quint64 cookie = model->index(row, 0).data(SocketTableModel::CookieRole).toULongLong();
        QVERIFY(waitForMoreSamples(2));
        const QModelIndexList selected = view->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().data(SocketTableModel::CookieRole).toULongLong(), cookie);
    }

    void overflowIsHighlighted()
    {
        QVERIFY(!m_window->docks()->ratePanel()->overflowHighlighted());
        // This test's namespace only: fewer buckets than TIME-WAIT entries already held.
        QFile buckets(QStringLiteral("/proc/sys/net/ipv4/tcp_max_tw_buckets"));
        QVERIFY(buckets.open(QIODevice::WriteOnly) && buckets.write("5\n") == 2);
        buckets.close();
        QVERIFY(waitForMoreSamples(1));
        QVERIFY(m_population->closedConnections(m_server, 4, SocketPopulation::CloseOrder::ServerFirst));
        QVERIFY(waitForMoreSamples(1));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->docks()->ratePanel()->overflowHighlighted(), 5000);
        QVERIFY(lastY(m_window->docks()->ratePanel()->chart(), QStringLiteral("TCPTimeWaitOverflow")) > 0);
        // The limit line sits on the states chart now that TIME-WAIT is above it.
        QCOMPARE(m_window->history().latest().maxTimeWaitBuckets, 5);
    }

    void languageSwitchesAtRunTime()
    {
        const QString english = m_window->windowTitle();
        Languages::apply(QStringLiteral("zh_CN"));
        QCOMPARE(Languages::current(), QStringLiteral("zh_CN"));
        QTRY_VERIFY(m_window->windowTitle() != english);
        // The title names what is watched, in the new language ("current" too), and so does
        // the status bar.
        QVERIFY2(m_window->windowTitle().contains(QStringLiteral("命名空间")), qPrintable(m_window->windowTitle()));
        QVERIFY(!m_window->windowTitle().contains(QStringLiteral("current")));
        for (QLabel *label : m_window->statusBar()->findChildren<QLabel *>())
            QVERIFY2(!label->text().contains(QStringLiteral("current")), qPrintable(label->text()));
        QCOMPARE(m_window->docks()->statePanel()->chart()->chart()->title(), QStringLiteral("按 TCP 状态统计的套接字"));
        // So does the sysctl change preview ("在网络命名空间 current" was seen in a real X session).
        SysctlChangeBox *change = m_window->docks()->sysctlPanel()->changeBox();
        m_window->docks()->sysctlPanel()->selectSysctl(QStringLiteral("net.ipv4.tcp_fin_timeout"));
        m_window->docks()->sysctlPanel()->editor()->findChild<QSpinBox *>()->setValue(31);
        QVERIFY2(change->previewText().contains(QStringLiteral("命名空间")), qPrintable(change->previewText()));
        QVERIFY2(!change->previewText().contains(QStringLiteral("current")), qPrintable(change->previewText()));
        change->revertButton()->click();
        Languages::apply(QStringLiteral("en"));
        QTRY_COMPARE(m_window->windowTitle(), english);
    }

    void dockTabTitlesAreNotElided()
    {
        // Tabbed docks show whole titles (scroll arrows when they do not fit), never "Slab …".
        QList<QTabBar *> bars;
        for (QTabBar *bar : m_window->findChildren<QTabBar *>(Qt::FindDirectChildrenOnly)) {
            if (bar->isVisible())
                bars << bar;
        }
        QVERIFY(!bars.isEmpty()); // slab and rates share a tab bar on any screen
        for (QTabBar *bar : std::as_const(bars)) {
            QCOMPARE(bar->elideMode(), Qt::ElideNone);
            QVERIFY(bar->usesScrollButtons());
        }
    }

    // A double-click on a docked panel's title (where a window's title bar maximises it) leaves
    // it docked; the float button floats it.
    void doubleClickOnADockTitleKeepsItDocked()
    {
        auto dock = m_window->findChild<QDockWidget *>(QStringLiteral("StatesDock"));
        QVERIFY(dock && dock->isVisible() && !dock->isFloating());
        const QPoint title(dock->width() / 4, dock->style()->pixelMetric(QStyle::PM_DockWidgetTitleMargin) + 4);
        QTest::mouseDClick(dock, Qt::LeftButton, Qt::NoModifier, title);
        QVERIFY(!dock->isFloating());
        auto floatButton = dock->findChild<QAbstractButton *>(QStringLiteral("qt_dockwidget_floatbutton"));
        QVERIFY(floatButton && floatButton->isVisible());
        floatButton->click();
        QVERIFY(dock->isFloating());
        dock->setFloating(false);
    }

    // zh_CN at 1024 px with a 12 pt font: every status field shows whole, or ends in "…" with
    // the whole text in its tooltip; none is cut mid-character at its edge ("跳 Slab…").
    void statusFieldsAreWholeOrElided()
    {
        const QSize size = m_window->size();
        Languages::apply(QStringLiteral("zh_CN"));
        QFont font = m_window->statusBar()->font();
        font.setPointSize(12);
        m_window->statusBar()->setFont(font);
        const auto restore = qScopeGuard([&] {
            m_window->statusBar()->setFont(QFont());
            Languages::apply(QStringLiteral("en"));
            m_window->resize(size);
        });
        m_window->resize(1024, 640);
        QTRY_COMPARE(m_window->width(), 1024);
        QVERIFY(waitForMoreSamples(1));
        QCoreApplication::processEvents();
        int fields = 0;
        for (QLabel *label : m_window->statusBar()->findChildren<QLabel *>()) {
            if (!label->isVisible() || label->text().isEmpty())
                continue;
            ++fields;
            const QString shown = label->text();
            QVERIFY2(label->fontMetrics().horizontalAdvance(shown) <= label->contentsRect().width(),
                     qPrintable(QStringLiteral("%1 is cut at %2 px").arg(shown).arg(label->contentsRect().width())));
            if (shown.endsWith(QChar(0x2026)))
                QVERIFY2(label->toolTip().contains(shown.chopped(1)), qPrintable(label->toolTip()));
        }
        QVERIFY(fields >= 4); // host, namespace, refresh, rows (and slab)
    }

    void followsTheDesktopPalette()
    {
        const QPalette light = QApplication::palette();
        QPalette dark = light;
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::Window, QColor(0x2d, 0x2d, 0x2d));
        dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
        QApplication::setPalette(dark);
        QChart *chart = m_window->docks()->statePanel()->chart()->chart();
        QTRY_COMPARE(chart->backgroundBrush().color(), QColor(0x1e, 0x1e, 0x1e));
        QCOMPARE(chart->titleBrush().color(), QColor(0xe0, 0xe0, 0xe0));
        QTRY_COMPARE(m_window->docks()->portPanel()->barChart()->backgroundBrush().color(), QColor(0x1e, 0x1e, 0x1e));
        QApplication::setPalette(light);
        QTRY_COMPARE(chart->backgroundBrush().color(), light.color(QPalette::Base));
    }

    void choicesAreSaved()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings under ~/.qttest, not the user's
        QSettings().clear();
        {
            MainWindow window(true);
            window.setIntervalMs(2000);
            window.setWindowSeconds(900);
            window.docks()->statePanel()->findChild<QCheckBox *>()->setChecked(true);
            window.docks()->statePanel()->chart()->setSeriesHidden(QStringLiteral("LISTEN"), true);
            window.close(); // saves
        }
        MainWindow restored(true);
        QCOMPARE(restored.intervalMs(), 2000);
        QCOMPARE(restored.windowSeconds(), 900);
        QVERIFY(restored.docks()->statePanel()->chart()->isLogarithmic());
        QVERIFY(restored.docks()->statePanel()->chart()->isSeriesHidden(QStringLiteral("LISTEN")));
        QSettings().clear();
        QStandardPaths::setTestModeEnabled(false);
    }

    void craftedSettingsAreClamped_data()
    {
        // The settings file is the user's own, but any text: each value lands on an offered choice.
        QTest::addColumn<QByteArray>("interval");
        QTest::addColumn<bool>("shortest");
        QTest::newRow("int minimum") << QByteArray("-2147483648") << true;
        QTest::newRow("negative") << QByteArray("-1") << true;
        QTest::newRow("int maximum") << QByteArray("2147483647") << false;
        QTest::newRow("beyond int") << QByteArray("99999999999999999999") << true; // not an int: 0
        QTest::newRow("garbage") << QByteArray("\"x\"") << true;
    }

    void craftedSettingsAreClamped()
    {
        QFETCH(QByteArray, interval);
        QFETCH(bool, shortest);
        QStandardPaths::setTestModeEnabled(true);
        const auto restore = qScopeGuard([] {
            QSettings().clear();
            QStandardPaths::setTestModeEnabled(false);
        });
        QSettings().clear();
        const QString path = QSettings().fileName();
        QVERIFY(QDir().mkpath(QFileInfo(path).path()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[sampling]\nintervalMs=" + interval
                   + "\n[charts]\nwindowSeconds=-2147483648\n"
                     "[table]\nsortColumn=2147483647\n");
        file.close();
        MainWindow window(true);
        const auto *choice = window.findChild<QComboBox *>(QStringLiteral("IntervalChoice"));
        QVERIFY(choice);
        QCOMPARE(window.intervalMs(), choice->itemData(shortest ? 0 : choice->count() - 1).toInt());
        QCOMPARE(window.windowSeconds(), 300); // unchanged: not a choice
    }

    // Watch remote host… offers the last host selected: what is typed replaces it.
    void remoteHostFieldReplacesTheLastHost()
    {
        QSettings settings;
        settings.setValue(QStringLiteral("remote/recentHosts"), QStringList {QStringLiteral("web-04")});
        RemoteHostDialog dialog(&settings, m_window.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto field = dialog.findChild<QComboBox *>();
        QVERIFY(field);
        QCOMPARE(field->currentText(), QStringLiteral("web-04"));
        QTest::keyClicks(field->lineEdit(), QStringLiteral("web-05"));
        QCOMPARE(field->currentText(), QStringLiteral("web-05"));
        QCOMPARE(dialog.host().displayName(), QStringLiteral("web-05"));
        settings.remove(QStringLiteral("remote/recentHosts"));
    }

    void screenshotCommand()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("states.png"));
        QProcess sockscope;
        sockscope.start(QStringLiteral(SOCKSCOPE_BINARY),
                        {QStringLiteral("--screenshot"), file, QStringLiteral("--view"), QStringLiteral("states"),
                         QStringLiteral("--samples"), QStringLiteral("2"), QStringLiteral("--interval"), QStringLiteral("0.25")});
        QVERIFY(sockscope.waitForFinished(30000));
        QCOMPARE(sockscope.exitCode(), 0);
        const QImage image(file);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 400 && image.height() >= 200);
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestMainWindow, QApplication)
#include "tst_mainwindow.moc"
