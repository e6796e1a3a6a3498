// MainWindow, its layout: the docks and their layout, on a large screen and on a small one.
#include "mainwindow.h"

#include "connectionbanner.h"
#include "overviewpanel.h"
#include "portchartpanel.h"
#include "processtimewaitpanel.h"
#include "ratechartpanel.h"
#include "slabchartpanel.h"
#include "sockettablepanel.h"
#include "statechartpanel.h"
#include "sysctlpanel.h"
#include "samplingworker.h"
#include "timeserieschart.h"
#include "timewaitbyportmodel.h"
#include "timewaitbyprocessmodel.h"
#include "languages.h"

#include <QDockWidget>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QScreen>
#include <QSettings>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

QDockWidget *MainWindow::addPanel(HistoryPanel *panel, const QString &objectName, Qt::DockWidgetArea area)
{
    auto dock = new QDockWidget(this);
    dock->setObjectName(objectName);
    dock->setWidget(panel);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(area, dock);
    m_viewMenu->addAction(dock->toggleViewAction());
    m_docks.push_back(dock);
    // A panel that was hidden (a background tab) catches up when it shows again.
    panel->installEventFilter(this);
    return dock;
}

void MainWindow::createDocks()
{
    m_tablePanel = new SocketTablePanel(m_socketModel, this);
    m_sysctlPanel = new SysctlPanel(m_sysctlModel, this);
    m_sysctlPanel->installEventFilter(this);
    // The widest area holds the socket table and, a tab away, the sysctls with their explanations.
    m_centralTabs = new QTabWidget(this);
    m_centralTabs->setDocumentMode(true);
    m_centralTabs->addTab(m_tablePanel, QString());
    m_centralTabs->addTab(m_sysctlPanel, QString());
    auto central = new QWidget(this);
    auto layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_connection);
    layout->addWidget(m_failure);
    layout->addWidget(m_centralTabs, 1);
    setCentralWidget(central);
    connect(m_tablePanel, &SocketTablePanel::queryChanged, this, [this](const SocketTableQuery &query) {
        if (isReplay() && m_latest) // nothing samples in a replay: sort the recorded table here
            m_tablePanel->setRows(SocketTableRows::build(m_latest, query));
        else if (m_source)
            m_source->setTableQuery(query);
    });
    connect(m_tablePanel, &SocketTablePanel::rowCountsChanged, this, [this](int shown, int total) {
        m_rowsShown = shown;
        m_rowsTotal = total;
        updateStatus();
    });

    m_statePanel = new StateChartPanel(this);
    m_overviewPanel = new OverviewPanel(this);
    m_portPanel = new PortChartPanel(m_portModel, this);
    m_slabPanel = new SlabChartPanel(this);
    m_ratePanel = new RateChartPanel(this);
    m_statesDock = addPanel(m_statePanel, QStringLiteral("StatesDock"), Qt::TopDockWidgetArea);
    m_overviewDock = addPanel(m_overviewPanel, QStringLiteral("OverviewDock"), Qt::RightDockWidgetArea);
    m_portsDock = addPanel(m_portPanel, QStringLiteral("PortsDock"), Qt::RightDockWidgetArea);
    m_slabDock = addPanel(m_slabPanel, QStringLiteral("SlabDock"), Qt::RightDockWidgetArea);
    m_ratesDock = addPanel(m_ratePanel, QStringLiteral("RatesDock"), Qt::RightDockWidgetArea);
    tabifyDockWidget(m_slabDock, m_ratesDock);
    m_ratesDock->raise();
    // Beside TIME-WAIT by port: whom those entries are attributed to.
    m_processPanel = new ProcessTimeWaitPanel(new TimeWaitByProcessModel(10, this), this);
    m_processDock = addPanel(m_processPanel, QStringLiteral("ProcessesDock"), Qt::RightDockWidgetArea);
    tabifyDockWidget(m_portsDock, m_processDock);
    m_portsDock->raise();
    connect(m_portPanel, &PortChartPanel::sideChanged, this, [this] {
        if (isReplay() && !m_history.isEmpty())
            m_portModel->setSummary(m_history.at(viewEnd())); // the moment under the slider
        else
            m_portModel->setSnapshot(m_latest);
    });
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Show) {
        if (watched == m_sysctlPanel)
            m_sysctlPanel->showSnapshot(m_latest);
        else if (auto panel = qobject_cast<HistoryPanel *>(watched))
            refreshCharts(panel);
    }
    return QMainWindow::eventFilter(watched, event);
}

bool MainWindow::event(QEvent *event)
{
    // The tab bars of tabbed docks are made by QMainWindow, eliding their titles: at 1366×768 at
    // 150 % four of five Chinese titles read "Slab …", "计数器…". Whole titles and scroll arrows
    // instead, for every tab bar, whenever the layout (or the user) makes one.
    if (event->type() == QEvent::ChildPolished) {
        if (auto bar = qobject_cast<QTabBar *>(static_cast<QChildEvent *>(event)->child())) {
            bar->setElideMode(Qt::ElideNone);
            bar->setUsesScrollButtons(true);
        }
    }
    return QMainWindow::event(event);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("sampling/intervalMs"), intervalMs());
    settings.setValue(QStringLiteral("charts/windowSeconds"), windowSeconds());
    settings.setValue(QStringLiteral("language"), Languages::current());
    for (HistoryPanel *panel : panelsWithSettings())
        panel->saveSettings(settings);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    const QSize fitted = size();
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    // A layout saved on a larger screen (a laptop undocked, a projector) does not fit this one:
    // fall back to the layout made for this screen rather than a window cut off at its edges.
    layout()->activate();
    if (!isMaximized() && (width() > fitted.width() || height() > fitted.height())) {
        restoreState(m_defaultState);
        layout()->activate();
        resize(fitted);
    }
    setIntervalMs(settings.value(QStringLiteral("sampling/intervalMs"), 1000).toInt());
    setWindowSeconds(settings.value(QStringLiteral("charts/windowSeconds"), 300).toInt());
    for (HistoryPanel *panel : panelsWithSettings())
        panel->restoreSettings(settings);
}

QList<HistoryPanel *> MainWindow::panelsWithSettings() const
{
    return {m_statePanel, m_portPanel, m_tablePanel};
}

void MainWindow::resetLayout()
{
    restoreState(m_defaultState);
    for (QDockWidget *dock : m_docks)
        dock->show();
}

QStringList MainWindow::viewNames()
{
    return {QStringLiteral("window"), QStringLiteral("overview"), QStringLiteral("states"), QStringLiteral("ports"),
            QStringLiteral("slab"), QStringLiteral("rates"), QStringLiteral("table"), QStringLiteral("sysctls"),
            QStringLiteral("close-sequence"), QStringLiteral("processes")};
}

QWidget *MainWindow::viewByName(const QString &name) const
{
    // In the order of viewNames().
    QWidget *const views[] = {const_cast<MainWindow *>(this), m_overviewPanel, m_statePanel, m_portPanel,
                              m_slabPanel, m_ratePanel, m_tablePanel, m_sysctlPanel,
                              m_sysctlPanel->findChild<QWidget *>(QStringLiteral("closeSequenceDiagram")), m_processPanel};
    const qsizetype index = viewNames().indexOf(name);
    return index >= 0 ? views[index] : nullptr;
}

void MainWindow::revealView(const QString &name)
{
    QWidget *view = viewByName(name);
    if (name == QLatin1String("close-sequence")) {
        view = m_sysctlPanel;
        m_sysctlPanel->showCloseSequence();
    }
    if (m_centralTabs->indexOf(view) >= 0)
        m_centralTabs->setCurrentWidget(view);
    for (QDockWidget *dock : m_docks) {
        if (dock->widget() == view) {
            dock->show();
            dock->raise(); // brings a tabbed dock to the front
        }
    }
}

void MainWindow::fitToScreen()
{
    const QScreen *screen = QGuiApplication::primaryScreen();
    QRect available = screen ? screen->availableGeometry() : QRect();
    // Offscreen (screenshots, benchmarks, tests) nothing bounds a window: render the full layout.
    if (!screen || QGuiApplication::platformName() == QLatin1String("offscreen"))
        available = QRect(0, 0, 1448, 940);
    // Leave room for the window manager's frame and title bar, which geometry() excludes.
    const QSize size = QSize(1440, 900).boundedTo(available.size() - QSize(8, 40));
    // The table keeps at least ten rows on any screen: the charts give way, not the table.
    if (auto table = m_tablePanel->findChild<QTableView *>()) {
        const int rows = 10 * table->verticalHeader()->defaultSectionSize() + table->horizontalHeader()->sizeHint().height();
        m_centralTabs->setMinimumHeight(rows + 3 * fontMetrics().height() + 36);
    }
    const int right = qBound(320, size.width() * 2 / 5, 560);
    if (size.height() < 860) {
        // Short screen: the right-hand column becomes one stack of tabs instead of four docks
        // that cannot all fit above each other.
        tabifyDockWidget(m_overviewDock, m_portsDock);
        tabifyDockWidget(m_overviewDock, m_slabDock);
        tabifyDockWidget(m_overviewDock, m_ratesDock);
        tabifyDockWidget(m_overviewDock, m_processDock);
    }
    if (size.height() < 600) {
        // Very short (1366×768 at 150 %): the states chart joins that stack, so the table keeps
        // its ten rows.
        tabifyDockWidget(m_overviewDock, m_statesDock);
        m_statesDock->raise();
    } else {
        m_overviewDock->raise();
    }
    // Only now: a window cannot be made smaller than what its docks need, as they stood.
    // The layout sets the window's minimum size when it activates; tabifying only posts that.
    layout()->activate();
    resize(size);
    resizeDocks({m_overviewDock}, {right}, Qt::Horizontal);
    if (size.height() >= 860)
        resizeDocks({m_statesDock, m_overviewDock, m_portsDock, m_slabDock}, {300, 230, 380, 260}, Qt::Vertical);
    else if (size.height() >= 600)
        resizeDocks({m_statesDock}, {size.height() - m_centralTabs->minimumHeight() - 120}, Qt::Vertical);
}
