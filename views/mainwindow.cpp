#include "mainwindow.h"

#include "chartcolors.h"
#include "connectionbanner.h"
#include "languages.h"
#include "overviewpanel.h"
#include "paletteicons.h"
#include "portchartpanel.h"
#include "ratechartpanel.h"
#include "slabchartpanel.h"
#include "sockettablemodel.h"
#include "sockettablepanel.h"
#include "statechartpanel.h"
#include "sysctlapplier.h"
#include "sysctlchangebox.h"
#include "sysctllistmodel.h"
#include "sysctlpanel.h"
#include "timewaitbyportmodel.h"
#include "untrustedtext.h"

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
    , m_sysctlApplier(new SysctlApplier(this))
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

void MainWindow::showSample(const SamplePtr &sample)
{
    QElapsedTimer timer;
    timer.start();
    // A stream's table comes at a lower rate than its samples: keep the last one until then.
    if (sample->snapshot)
        m_latest = sample->snapshot;
    m_history.append(sample->summary);
    m_skipped += quint64(sample->skippedBefore);
    ++m_samples;
    if (!m_failureText.isEmpty()) {
        m_failureText.clear();
        m_failure->hide();
    }

    if (sample->table)
        m_tablePanel->setRows(sample->table);
    showSnapshotInPanels();
    if (!m_latest || m_latest->wallTimeMs != sample->summary.timeMs) {
        // The table is older than the sample: what the sample holds comes from the sample.
        m_portModel->setSummary(sample->summary);
        m_overviewPanel->showMoment(sample->summary, m_latest);
    }
    refreshCharts();
    updateStatus();
    if (m_latest && !m_latest->warnings.isEmpty())
        statusBar()->showMessage(m_latest->warnings.join(QStringLiteral(" ")), 10000);
    // Paint now, so the measured time is the whole frame and not just the bookkeeping.
    repaint();
    m_refreshTimesMs.push_back(double(timer.nsecsElapsed()) / 1e6);
    emit sampleShown(m_samples);
}

void MainWindow::showSnapshotInPanels()
{
    m_portModel->setSnapshot(m_latest);
    m_portPanel->showSnapshot(m_latest);
    m_overviewPanel->showSnapshot(m_latest);
    m_slabPanel->showSnapshot(m_latest);
    m_sysctlModel->setSnapshot(m_latest);
    // A hidden sysctl pane catches up when it is shown (eventFilter).
    if (m_sysctlPanel->isVisible())
        m_sysctlPanel->showSnapshot(m_latest);
}

void MainWindow::loadHistory(const std::vector<SampleSummary> &summaries)
{
    for (const SampleSummary &summary : summaries)
        m_history.append(summary);
    refreshCharts();
}

int MainWindow::viewEnd() const
{
    return isReplay() ? qMin(m_replayIndex, m_history.size() - 1) : m_history.size() - 1;
}

void MainWindow::refreshCharts(HistoryPanel *only)
{
    if (m_history.isEmpty())
        return;
    HistoryWindow window;
    window.ring = &m_history;
    window.toMs = m_history.at(viewEnd()).timeMs;
    // Until the history fills the window, spread what there is instead of squeezing it right.
    window.fromMs = qMax(window.toMs - qint64(windowSeconds()) * 1000, qMin(m_history.at(0).timeMs, window.toMs - 10000));
    window.first = m_history.firstAtOrAfter(window.fromMs);
    window.last = viewEnd() + 1;
    window.markers = &m_markers;
    // A step more than 1.8 intervals means samples are missing (a pause, skipped or lost
    // samples, a gap in a recording): the charts break there instead of drawing a ramp.
    const qint64 interval = m_history.typicalIntervalMs(window.last);
    if (interval > 0)
        window.gapMs = 1.8 * double(interval);
    for (HistoryPanel *panel : chartPanels()) {
        // Charts behind another tab or in a closed dock wait until they are shown.
        if ((!only || panel == only) && panel->isVisible())
            panel->showHistory(window);
    }
}

void MainWindow::showFailure(const QString &message)
{
    m_failureText = message;
    m_failure->setText(tr("<b>Cannot read the socket table:</b> %1").arg(message.toHtmlEscaped()));
    m_failure->show();
    statusBar()->showMessage(message);
}

void MainWindow::updateStatus()
{
    const QLocale locale;
    const CaptureRenderer::Stamp where = captureStamp();
    m_hostStatus->setText(tr("Host %1, kernel %2").arg(where.host, where.kernel));
    m_namespaceStatus->setText(tr("Namespace %1").arg(where.namespaceText));
    if (isReplay()) {
        m_refreshStatus->setText(tr("Replay of %1").arg(m_source->label()));
    } else if (m_paused) {
        m_refreshStatus->setText(tr("Paused"));
    } else if (m_latest) {
        m_refreshStatus->setText(tr("Refresh %1 ms, skipped %2")
                                     .arg(locale.toString(double(m_latest->collectNs) / 1e6, 'f', 1))
                                     .arg(m_skipped));
    } else {
        m_refreshStatus->setText(tr("Waiting for the first sample"));
    }
    if (m_latest) {
        m_slabStatus->setText(m_latest->slab.slabinfoReadable ? tr("Slab: exact (slabinfo)")
                                                              : tr("Slab: estimates (slabinfo needs root)"));
    }
    m_rowsStatus->setText(tr("Rows %1 of %2").arg(locale.toString(m_rowsShown), locale.toString(m_rowsTotal)));
    for (QLabel *label : {m_hostStatus, m_namespaceStatus, m_refreshStatus, m_slabStatus, m_rowsStatus}) {
        label->setToolTip(label->text());
        label->setMinimumWidth(qMin(label->sizeHint().width(), fontMetrics().averageCharWidth() * 12));
    }
    updateTitle();
}

void MainWindow::updateTitle()
{
    // What is watched, first: several windows (hosts, namespaces, recordings) tell apart in a
    // task bar by their beginning.
    const CaptureRenderer::Stamp where = captureStamp();
    if (isReplay())
        setWindowTitle(tr("%1 — replay of %2 (%3) — sockscope").arg(m_source->label(), where.host, where.namespaceText));
    else if (m_source && m_source->kind() == Source::Kind::RemoteHost)
        setWindowTitle(tr("%1 (remote), namespace %2 — sockscope").arg(m_source->label(), m_source->place().namespaceName));
    else
        setWindowTitle(tr("%1, namespace %2 — sockscope").arg(where.host, m_source ? m_source->place().namespaceName : tr("current")));
}

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
                              tr("Counter rates")};
    for (std::size_t i = 0; i < m_docks.size(); ++i)
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
