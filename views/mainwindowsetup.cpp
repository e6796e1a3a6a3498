// MainWindow, its setup: the assembly of its parts, its texts and its events. The parts build on
// one another in one direction, down to mainwindow.cpp (presenting): none calls back into a part
// above it, or into this file.
#include "mainwindow.h"

#include "chartcolors.h"
#include "connectionbanner.h"
#include "languages.h"
#include "overviewpanel.h"
#include "paletteicons.h"
#include "portchartpanel.h"
#include "processtimewaitpanel.h"
#include "ratechartpanel.h"
#include "slabchartpanel.h"
#include "sockettablemodel.h"
#include "sockettablepanel.h"
#include "statechartpanel.h"
#include "sysctlchangebox.h"
#include "sysctllistmodel.h"
#include "sysctlpanel.h"
#include "timewaitbyportmodel.h"
#include "untrustedtext.h"

#include <iterator>
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QSysInfo>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

MainWindow::MainWindow(bool useSettings, QWidget *parent)
    : QMainWindow(parent)
    , m_useSettings(useSettings)
    , m_socketModel(new SocketTableModel(this))
    , m_portModel(new TimeWaitByPortModel(6, this))
    , m_sysctlModel(new SysctlListModel(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/sockscope.svg")));
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks | GroupedDragging);
    // The right-hand column runs the full height; the states chart sits above the table only.
    setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    createActions();
    createDocks();
    createIncidentActions();
    createLabMenu();
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_resetLayoutAction);
    m_viewMenu->addAction(m_fullScreenAction);

    m_hostStatus = new QLabel(this);
    m_namespaceStatus = new QLabel(this);
    m_refreshStatus = new QLabel(this);
    m_recordingStatus = new QLabel(this);
    statusBar()->addPermanentWidget(m_recordingStatus);
    m_recordingStatus->hide();
    m_slabStatus = new QLabel(this);
    m_rowsStatus = new QLabel(this);
    for (QLabel *label : {m_hostStatus, m_namespaceStatus, m_refreshStatus, m_slabStatus, m_rowsStatus})
        statusBar()->addPermanentWidget(label);
    // Host, kernel, namespace and file names come from recordings made elsewhere: never markup.
    for (QLabel *label : {m_hostStatus, m_namespaceStatus, m_refreshStatus, m_recordingStatus, m_slabStatus, m_rowsStatus})
        label->setTextFormat(Qt::PlainText);

    for (QLabel *label : {m_hostStatus, m_namespaceStatus, m_refreshStatus, m_slabStatus, m_rowsStatus, m_recordingStatus}) {
        // Labels may shrink (their whole text is in the tooltip), or the status bar alone would
        // make the window wider than a small screen.
        label->setMinimumWidth(fontMetrics().averageCharWidth() * 6);
    }

    // Charts get room: a right-hand column of ~560 px, the states chart a third of the height;
    // on a small screen the docks stack as tabs (fitToScreen).
    retranslateUi(); // first: the texts set the widgets' minimum sizes, which bound the window's
    fitToScreen();
    m_defaultState = saveState();
    if (m_useSettings)
        restoreSettings();
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::retranslateUi()
{
    m_fileMenu->setTitle(tr("&File"));
    m_viewMenu->setTitle(tr("&View"));
    //: Menu title; keep "Language" recognisable for people who cannot read the current language
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_pauseAction->setText(m_paused ? tr("Resume") : tr("Pause"));
    m_pauseAction->setToolTip(tr("Pause or resume sampling (Space)"));
    retranslateIncidents();
    retranslateLab();
    m_quitAction->setText(tr("&Quit"));
    m_fullScreenAction->setText(tr("Full screen"));
    m_shortcutsAction->setText(tr("&Keyboard shortcuts"));
    m_resetLayoutAction->setText(tr("Reset layout"));
    m_aboutAction->setText(tr("&About sockscope"));
    m_toolBar->setWindowTitle(tr("Sampling"));
    m_intervalLabel->setText(tr(" Refresh every "));
    m_windowLabel->setText(tr(" Show the last "));
    const QStringList intervals = {tr("0.25 s"), tr("0.5 s"), tr("1 s"), tr("2 s"), tr("5 s"), tr("10 s")};
    for (int i = 0; i < intervals.size(); ++i)
        m_interval->setItemText(i, intervals[i]);
    const QStringList windows = {tr("1 minute"), tr("5 minutes"), tr("15 minutes"), tr("1 hour"), tr("4 hours")};
    for (int i = 0; i < windows.size(); ++i)
        m_window->setItemText(i, windows[i]);
    const QString titles[] = {tr("Sockets by state"), tr("Overview"), tr("TIME-WAIT per port"), tr("Slab memory"),
                              tr("Counter rates"), tr("TIME-WAIT by process")};
    for (std::size_t i = 0; i < m_docks.size() && i < std::size(titles); ++i)
        m_docks[i]->setWindowTitle(titles[i]);
    m_centralTabs->setTabText(0, tr("Sockets"));
    m_centralTabs->setTabText(1, tr("TIME-WAIT sysctls"));
    for (QAction *action : m_languageGroup->actions())
        action->setChecked(action->data().toString() == Languages::current());
    for (HistoryPanel *panel : chartPanels())
        panel->retranslate();
    for (HistoryPanel *panel : std::initializer_list<HistoryPanel *> {m_overviewPanel, m_tablePanel, m_sysctlPanel})
        panel->retranslate();
    if (!m_failureText.isEmpty())
        showFailure(m_failureText);
    if (m_source)
        m_connection->showState(*m_source);
    updateStatus();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    if (event->type() == QEvent::PaletteChange)
        m_pauseAction->setIcon(m_paused ? PaletteIcons::play(palette()) : PaletteIcons::pause(palette()));
    if (event->type() == QEvent::WindowStateChange)
        m_fullScreenAction->setChecked(isFullScreen());
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // A stream's process ends with the window (its standard input closes): nothing is left
    // running on a remote host.
    if (m_source)
        m_source->stop();
    if (m_useSettings)
        saveSettings();
    event->accept();
}
