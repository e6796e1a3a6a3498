#include "views/window/docklayout.h"

#include "views/window/overviewpanel.h"
#include "views/charts/portchartpanel.h"
#include "views/charts/processtimewaitpanel.h"
#include "views/charts/ratechartpanel.h"
#include "views/charts/slabchartpanel.h"
#include "itemmodels/sockettablemodel.h"
#include "views/table/sockettablepanel.h"
#include "views/charts/statechartpanel.h"
#include "itemmodels/sysctllistmodel.h"
#include "views/sysctl/sysctlpanel.h"
#include "views/charts/timeserieschart.h"
#include "itemmodels/timewaitbyportmodel.h"
#include "itemmodels/timewaitbyprocessmodel.h"
#include "sampling/windowstate.h"
#include "views/window/windowviews.h"

#include <QAction>
#include <QChildEvent>
#include <QDockWidget>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLayout>
#include <QMainWindow>
#include <QMenu>
#include <QScreen>
#include <QSettings>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <iterator>

DockLayout::DockLayout(QMainWindow *window, const WindowState *state, const QList<QWidget *> &banners)
    : QObject(window)
    , m_window(window)
    , m_socketModel(new SocketTableModel(this))
    , m_portModel(new TimeWaitByPortModel(6, this))
    , m_sysctlModel(new SysctlListModel(this))
    , m_viewMenu(new QMenu(window))
    , m_resetLayoutAction(new QAction(this))
{
    window->setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowNestedDocks | QMainWindow::AllowTabbedDocks
                           | QMainWindow::GroupedDragging);
    // The right-hand column runs the full height; the states chart sits above the table only.
    window->setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    window->setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    window->installEventFilter(this);
    createCentralTabs(banners);
    createDocks();
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_resetLayoutAction);
    connect(m_resetLayoutAction, &QAction::triggered, this, &DockLayout::resetLayout);

    // Each panel takes what it shows from the window state, in this order (the port model
    // before its bars, the sysctl list before its pane).
    connect(state, &WindowState::sampleAdded, m_tablePanel, [this](const SamplePtr &sample) {
        if (sample->table)
            m_tablePanel->setRows(sample->table);
    });
    m_portPanel->follow(state);
    m_processPanel->follow(state);
    m_overviewPanel->follow(state);
    m_slabPanel->follow(state);
    connect(state, &WindowState::snapshotChanged, m_sysctlModel, &SysctlListModel::setSnapshot);
    // A hidden sysctl pane catches up when it is shown.
    m_sysctlPanel->follow(state, HistoryPanel::SnapshotUpdates::WhileShown);
    m_statePanel->follow(state);
    m_ratePanel->follow(state);
}

void DockLayout::createCentralTabs(const QList<QWidget *> &banners)
{
    m_tablePanel = new SocketTablePanel(m_socketModel, m_window);
    m_sysctlPanel = new SysctlPanel(m_sysctlModel, m_window);
    // The widest area holds the socket table and, a tab away, the sysctls with their explanations.
    m_centralTabs = new QTabWidget(m_window);
    m_centralTabs->setDocumentMode(true);
    m_centralTabs->addTab(m_tablePanel, QString());
    m_centralTabs->addTab(m_sysctlPanel, QString());
    auto central = new QWidget(m_window);
    auto layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget *banner : banners)
        layout->addWidget(banner);
    layout->addWidget(m_centralTabs, 1);
    m_window->setCentralWidget(central);
}

QDockWidget *DockLayout::addPanel(HistoryPanel *panel, const QString &objectName, Qt::DockWidgetArea area)
{
    auto dock = new QDockWidget(m_window);
    dock->setObjectName(objectName);
    dock->setWidget(panel);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    dock->installEventFilter(this);
    m_window->addDockWidget(area, dock);
    m_viewMenu->addAction(dock->toggleViewAction());
    m_docks.push_back(dock);
    return dock;
}

void DockLayout::createDocks()
{
    m_statePanel = new StateChartPanel(m_window);
    m_overviewPanel = new OverviewPanel(m_window);
    m_portPanel = new PortChartPanel(m_portModel, m_window);
    m_slabPanel = new SlabChartPanel(m_window);
    m_ratePanel = new RateChartPanel(m_window);
    m_statesDock = addPanel(m_statePanel, QStringLiteral("StatesDock"), Qt::TopDockWidgetArea);
    m_overviewDock = addPanel(m_overviewPanel, QStringLiteral("OverviewDock"), Qt::RightDockWidgetArea);
    m_portsDock = addPanel(m_portPanel, QStringLiteral("PortsDock"), Qt::RightDockWidgetArea);
    m_slabDock = addPanel(m_slabPanel, QStringLiteral("SlabDock"), Qt::RightDockWidgetArea);
    m_ratesDock = addPanel(m_ratePanel, QStringLiteral("RatesDock"), Qt::RightDockWidgetArea);
    m_window->tabifyDockWidget(m_slabDock, m_ratesDock);
    m_ratesDock->raise();
    // Beside TIME-WAIT by port: whom those entries are attributed to.
    m_processPanel = new ProcessTimeWaitPanel(new TimeWaitByProcessModel(10, this), m_window);
    m_processDock = addPanel(m_processPanel, QStringLiteral("ProcessesDock"), Qt::RightDockWidgetArea);
    m_window->tabifyDockWidget(m_portsDock, m_processDock);
    m_portsDock->raise();
}

void DockLayout::addColumnDock(QDockWidget *dock)
{
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    dock->installEventFilter(this);
    m_window->addDockWidget(Qt::RightDockWidgetArea, dock);
    // The whole right-hand column, in front: the column's other docks become tabs beside it (one
    // click away), while the states chart, the socket table and the sysctl pane stay in view.
    // Slab memory and counter rates go beside the states chart, as on a short screen, so every
    // tab of both groups shows whole.
    for (QDockWidget *tab : {m_portsDock, m_processDock, dock})
        m_window->tabifyDockWidget(m_overviewDock, tab);
    if (!m_statesDock->isFloating() && m_window->dockWidgetArea(m_statesDock) != Qt::RightDockWidgetArea) {
        for (QDockWidget *tab : {m_slabDock, m_ratesDock})
            m_window->tabifyDockWidget(m_statesDock, tab);
        m_statesDock->raise();
    }
    m_viewMenu->addAction(dock->toggleViewAction());
    QTimer::singleShot(0, this, &DockLayout::widenForTabs);
}

QList<TimeSeriesChart *> DockLayout::timeCharts() const
{
    return {m_statePanel->chart(), m_portPanel->timeChart(), m_slabPanel->chart(), m_ratePanel->chart(),
            m_processPanel->timeChart()};
}

void DockLayout::retranslate()
{
    m_viewMenu->setTitle(tr("&View"));
    m_resetLayoutAction->setText(tr("Reset layout"));
    const QStringList views = viewTitles();
    const QString titles[] = {views[2], views[1], views[3], views[4], views[5], tr("TIME-WAIT by process")};
    for (std::size_t i = 0; i < m_docks.size() && i < std::size(titles); ++i)
        m_docks[i]->setWindowTitle(titles[i]);
    m_centralTabs->setTabText(0, tr("Sockets"));
    m_centralTabs->setTabText(1, views[7]);
    for (HistoryPanel *panel : panels())
        panel->retranslate();
}

QList<HistoryPanel *> DockLayout::panels() const
{
    return {m_statePanel, m_portPanel, m_slabPanel, m_ratePanel, m_processPanel, m_overviewPanel, m_tablePanel, m_sysctlPanel};
}

QList<HistoryPanel *> DockLayout::panelsWithSettings() const
{
    return {m_statePanel, m_portPanel, m_tablePanel};
}

bool DockLayout::eventFilter(QObject *watched, QEvent *event)
{
    // A docked panel's title looks like a window's title bar, and a double-click there is how a
    // window is maximised: Qt floated the panel over the table instead, which looked broken.
    // Floating stays one explicit step away (the title's float button, or dragging the title
    // out); a floating panel still docks back on a double-click on its title.
    if (event->type() == QEvent::MouseButtonDblClick) {
        if (auto dock = qobject_cast<QDockWidget *>(watched); dock && !dock->isFloating())
            return true;
    }
    // The tab bars of tabbed docks are made by QMainWindow, eliding their titles: at 1366×768 at
    // 150 % four of five Chinese titles read "Slab …", "计数器…". Whole titles and scroll arrows
    // instead, for every tab bar, whenever the layout (or the user) makes one.
    // Larger text (View → Appearance) or another language: the tabs' titles take more room.
    if (watched == m_window && (event->type() == QEvent::FontChange || event->type() == QEvent::LanguageChange))
        QTimer::singleShot(0, this, &DockLayout::widenForTabs);
    if (watched == m_window && event->type() == QEvent::ChildPolished) {
        if (auto bar = qobject_cast<QTabBar *>(static_cast<QChildEvent *>(event)->child())) {
            bar->setElideMode(Qt::ElideNone);
            bar->setUsesScrollButtons(true);
        }
    }
    return QObject::eventFilter(watched, event);
}

void DockLayout::saveSettings(QSettings &settings) const
{
    settings.setValue(QStringLiteral("window/geometry"), m_window->saveGeometry());
    settings.setValue(QStringLiteral("window/state"), m_window->saveState());
    for (HistoryPanel *panel : panelsWithSettings())
        panel->saveSettings(settings);
}

void DockLayout::restoreSettings(const QSettings &settings)
{
    const QSize fitted = m_window->size();
    // The docks first, then the geometry: restored into a hidden window that is to be maximised,
    // Qt keeps the state and applies it again at the first resize, and a dock or toolbar added in
    // between (the lab's, from --lab) falls out of the layout, or crashes tabifyDockWidget().
    m_window->restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_window->restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    // A layout saved on a larger screen (a laptop undocked, a projector) does not fit this one:
    // fall back to the layout made for this screen rather than a window cut off at its edges.
    m_window->layout()->activate();
    if (!m_window->isMaximized() && (m_window->width() > fitted.width() || m_window->height() > fitted.height())) {
        m_window->restoreState(m_defaultState);
        m_window->layout()->activate();
        m_window->resize(fitted);
    }
    for (HistoryPanel *panel : panelsWithSettings())
        panel->restoreSettings(settings);
}

void DockLayout::resetLayout()
{
    m_window->restoreState(m_defaultState);
    for (QDockWidget *dock : m_docks)
        dock->show();
    emit layoutReset();
}

QStringList DockLayout::viewNames()
{
    return WindowViews::names();
}

QStringList DockLayout::viewTitles()
{
    return {tr("Whole window"),  tr("Overview"),     tr("Sockets by state"),  tr("TIME-WAIT per port"), tr("Slab memory"),
            tr("Counter rates"), tr("Socket table"), tr("TIME-WAIT sysctls"), tr("Close sequence")};
}

QStringList DockLayout::chartViewNames()
{
    return {QStringLiteral("states"), QStringLiteral("ports"), QStringLiteral("slab"), QStringLiteral("rates")};
}

QWidget *DockLayout::viewByName(const QString &name) const
{
    // In the order of viewNames().
    QWidget *const views[] = {
        m_window,      m_overviewPanel, m_statePanel,
        m_portPanel,   m_slabPanel,     m_ratePanel,
        m_tablePanel,  m_sysctlPanel,   m_sysctlPanel->findChild<QWidget *>(QStringLiteral("closeSequenceDiagram")),
        m_processPanel};
    const qsizetype index = viewNames().indexOf(name);
    return index >= 0 ? views[index] : nullptr;
}

void DockLayout::revealView(const QString &name)
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

void DockLayout::fitToScreen()
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
        m_centralTabs->setMinimumHeight(rows + 3 * m_window->fontMetrics().height() + 36);
    }
    const int right = qBound(320, size.width() * 2 / 5, 560);
    if (size.height() < 860) {
        // Short screen: docks that cannot all fit above each other become tabs, in two groups of
        // three whose tabs all show at once (five in one group ran behind scroll arrows at
        // 1024×640, TIME-WAIT by process last): the right-hand column holds the Overview and
        // TIME-WAIT per port and by process; slab memory and counter rates are tabs beside the
        // states chart, which is wider.
        for (QDockWidget *dock : {m_portsDock, m_processDock})
            m_window->tabifyDockWidget(m_overviewDock, dock);
        for (QDockWidget *dock : {m_slabDock, m_ratesDock})
            m_window->tabifyDockWidget(m_statesDock, dock);
    }
    if (size.height() < 600) {
        // Very short (1366×768 at 150 %): the states chart and its tabs join the right-hand
        // column's, so the table keeps its ten rows. Two groups do not fit above each other
        // there (TIME-WAIT by process alone needs 300 px): six tabs, behind scroll arrows.
        for (QDockWidget *dock : {m_statesDock, m_slabDock, m_ratesDock})
            m_window->tabifyDockWidget(m_overviewDock, dock);
        m_statesDock->raise();
    } else {
        m_statesDock->raise();
        m_overviewDock->raise();
    }
    // Only now: a window cannot be made smaller than what its docks need, as they stood.
    // The layout sets the window's minimum size when it activates; tabifying only posts that.
    m_window->layout()->activate();
    m_window->resize(size);
    m_window->resizeDocks({m_overviewDock}, {right}, Qt::Horizontal);
    if (size.height() >= 860)
        m_window->resizeDocks({m_statesDock, m_overviewDock, m_portsDock, m_slabDock}, {300, 230, 380, 260}, Qt::Vertical);
    else if (size.height() >= 600)
        m_window->resizeDocks({m_statesDock}, {size.height() - m_centralTabs->minimumHeight() - 120}, Qt::Vertical);
    widenForTabs();
    m_defaultState = m_window->saveState();
}

int DockLayout::rightTabsWidth() const
{
    // The right-hand column's tab bar as QMainWindow makes it: whole titles, its own font.
    QTabBar bar;
    bar.setElideMode(Qt::ElideNone);
    bar.setFont(m_window->font());
    QList<QDockWidget *> tabs = m_window->tabifiedDockWidgets(m_overviewDock);
    if (tabs.isEmpty())
        return 0;
    tabs.prepend(m_overviewDock);
    for (QDockWidget *dock : tabs) {
        if (!dock->isHidden())
            bar.addTab(dock->windowTitle());
    }
    return bar.sizeHint().width();
}

void DockLayout::widenForTabs()
{
    // Whole tabs, not scroll arrows, also with larger text: the right-hand column widens to its
    // tab bar, leaving the socket table at least 45 % of the window.
    const int wanted = qMin(rightTabsWidth() + 8, m_window->width() * 11 / 20);
    if (m_overviewDock->isVisible() && !m_overviewDock->isFloating() && m_overviewDock->width() < wanted)
        m_window->resizeDocks({m_overviewDock}, {wanted}, Qt::Horizontal);
}
