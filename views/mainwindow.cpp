#include "mainwindow.h"

#include "chartcolors.h"
#include "languages.h"
#include "overviewpanel.h"
#include "portchartpanel.h"
#include "ratechartpanel.h"
#include "sampler.h"
#include "samplerthread.h"
#include "slabchartpanel.h"
#include "snapshottextwriter.h"
#include "sockettablemodel.h"
#include "sockettablepanel.h"
#include "statechartpanel.h"
#include "sysctlapplier.h"
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

namespace {
constexpr int IntervalChoicesMs[] = {250, 500, 1000, 2000, 5000, 10000};
constexpr int WindowChoicesSeconds[] = {60, 300, 900, 3600};
}

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

    resize(1440, 900);
    // Charts get room: a right-hand column of ~560 px, the states chart a third of the height.
    resizeDocks({m_overviewDock}, {560}, Qt::Horizontal);
    resizeDocks({m_statesDock, m_overviewDock, m_portsDock, m_slabDock}, {300, 230, 380, 260}, Qt::Vertical);
    m_defaultState = saveState();
    retranslateUi();
    if (m_useSettings)
        restoreSettings();
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_pauseAction = new QAction(this);
    m_pauseAction->setCheckable(true);
    m_pauseAction->setShortcut(Qt::Key_Space);
    m_pauseAction->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    connect(m_pauseAction, &QAction::toggled, this, &MainWindow::setPaused);

    m_quitAction = new QAction(this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    m_resetLayoutAction = new QAction(this);
    connect(m_resetLayoutAction, &QAction::triggered, this, &MainWindow::resetLayout);
    m_aboutAction = new QAction(this);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About sockscope"),
                           tr("<h3>sockscope %1</h3><p>Shows what the Linux TCP stack does with its sockets, "
                              "and explains the sysctls that govern TIME-WAIT.</p><p>Reads the kernel through "
                              "sock_diag netlink and /proc; changes sysctls only through its polkit-authorised "
                              "helper.</p>")
                               .arg(QLatin1String(SOCKSCOPE_VERSION)));
    });

    m_interval = new QComboBox(this);
    for (const int ms : IntervalChoicesMs)
        m_interval->addItem(QString(), ms);
    m_interval->setCurrentIndex(2);
    connect(m_interval, &QComboBox::currentIndexChanged, this, [this] {
        if (m_sampler)
            m_sampler->setIntervalMs(intervalMs());
    });
    m_window = new QComboBox(this);
    for (const int seconds : WindowChoicesSeconds)
        m_window->addItem(QString(), seconds);
    m_window->setCurrentIndex(1);
    connect(m_window, &QComboBox::currentIndexChanged, this, [this] { refreshCharts(); });

    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(QStringLiteral("MainToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->addAction(m_pauseAction);
    m_toolBar->addSeparator();
    m_intervalLabel = new QLabel(this);
    m_toolBar->addWidget(m_intervalLabel);
    m_toolBar->addWidget(m_interval);
    m_toolBar->addSeparator();
    m_windowLabel = new QLabel(this);
    m_toolBar->addWidget(m_windowLabel);
    m_toolBar->addWidget(m_window);

    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_pauseAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);
    m_viewMenu = menuBar()->addMenu(QString());
    m_languageMenu = menuBar()->addMenu(QString());
    m_languageGroup = new QActionGroup(this);
    for (const QString &language : Languages::available()) {
        QAction *action = m_languageMenu->addAction(Languages::nativeName(language));
        action->setCheckable(true);
        action->setData(language);
        m_languageGroup->addAction(action);
    }
    connect(m_languageGroup, &QActionGroup::triggered, this, [](QAction *action) {
        Languages::apply(action->data().toString());
    });
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_aboutAction);

    m_failure = new QLabel(this);
    m_failure->setWordWrap(true);
    m_failure->setAutoFillBackground(true);
    m_failure->setContentsMargins(8, 6, 8, 6);
    QPalette failure = m_failure->palette();
    failure.setColor(QPalette::Window, ChartColors::warning());
    failure.setColor(QPalette::WindowText, Qt::white);
    m_failure->setPalette(failure);
    m_failure->hide();
}

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
    m_sysctlPanel = new SysctlPanel(m_sysctlModel, m_sysctlApplier, this);
    m_sysctlPanel->installEventFilter(this);
    // The widest area holds the socket table and, a tab away, the sysctls with their explanations.
    m_centralTabs = new QTabWidget(this);
    m_centralTabs->setDocumentMode(true);
    m_centralTabs->addTab(m_tablePanel, QString());
    m_centralTabs->addTab(m_sysctlPanel, QString());
    auto central = new QWidget(this);
    auto layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_failure);
    layout->addWidget(m_centralTabs, 1);
    setCentralWidget(central);
    connect(m_tablePanel, &SocketTablePanel::queryChanged, this, [this](const SocketTableQuery &query) {
        if (m_sampler)
            m_sampler->setTableQuery(query);
        else if (m_replay && m_latest) // no sampler in a replay: sort the recorded table here
            m_tablePanel->setRows(SocketTableRows::build(m_latest, query));
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
    QDockWidget *rates = addPanel(m_ratePanel, QStringLiteral("RatesDock"), Qt::RightDockWidgetArea);
    tabifyDockWidget(m_slabDock, rates);
    rates->raise();
    connect(m_portPanel, &PortChartPanel::sideChanged, this, [this] { m_portModel->setSnapshot(m_latest); });
}

void MainWindow::attachSampler(SamplerThread *sampler, const QString &namespaceLabel, const QString &namespacePath)
{
    m_sampler = sampler;
    m_namespaceLabel = namespaceLabel;
    m_sysctlApplier->setSampler(sampler);
    m_sysctlApplier->setNamespacePath(namespacePath);
    connect(sampler->sampler(), &Sampler::sampled, this, [this](const SamplePtr &sample) {
        showSample(sample);
        // Only now may the sampler send the next one: a busy GUI makes it skip, never queue.
        if (m_sampler)
            m_sampler->acknowledge();
    });
    connect(sampler->sampler(), &Sampler::tableRebuilt, m_tablePanel, &SocketTablePanel::setRows);
    connect(sampler->sampler(), &Sampler::failed, this, &MainWindow::showFailure);
    connect(sampler->sampler(), &Sampler::started, this, [this](const QString &id) {
        m_namespaceId = id;
        updateStatus();
    });
    connect(sampler->sampler(), &Sampler::recordingStarted, this, [this](const QString &path) {
        m_recordingPath = path;
        m_recordAction->setEnabled(false);
        m_stopRecordAction->setEnabled(true);
        m_tableNowAction->setEnabled(true);
        m_recordingStatus->show();
        emit recordingChanged(true);
    });
    connect(sampler->sampler(), &Sampler::recordingProgress, this, [this](qint64 bytes, int samples, int tables) {
        m_recordingStatus->setText(tr("● Recording: %1 samples, %2 tables, %3")
                                       .arg(samples)
                                       .arg(tables)
                                       .arg(SnapshotTextWriter::formatBytes(bytes)));
    });
    const auto recordingEnded = [this] {
        m_recordingPath.clear();
        m_recordAction->setEnabled(true);
        m_stopRecordAction->setEnabled(false);
        m_tableNowAction->setEnabled(false);
        m_recordingStatus->hide();
        emit recordingChanged(false);
    };
    connect(sampler->sampler(), &Sampler::recordingStopped, this,
            [this, recordingEnded](const QString &path, qint64 bytes, int samples, int tables) {
                recordingEnded();
                statusBar()->showMessage(tr("Recorded %1 samples and %2 socket tables (%3) to %4")
                                             .arg(samples)
                                             .arg(tables)
                                             .arg(SnapshotTextWriter::formatBytes(bytes), path),
                                         15000);
            });
    connect(sampler->sampler(), &Sampler::recordingFailed, this, [this, recordingEnded](const QString &message) {
        recordingEnded();
        showFailure(message);
    });
    sampler->setTableQuery(m_tablePanel->query());
    sampler->setPaused(m_paused);
    sampler->start(intervalMs());
}

void MainWindow::showSample(const SamplePtr &sample)
{
    QElapsedTimer timer;
    timer.start();
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
    refreshCharts();
    updateStatus();
    if (!m_latest->warnings.isEmpty())
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
    return m_replay ? qMin(m_replayIndex, m_history.size() - 1) : m_history.size() - 1;
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
    for (HistoryPanel *panel : chartPanels()) {
        // Charts behind another tab or in a closed dock wait until they are shown.
        if ((!only || panel == only) && panel->isVisible())
            panel->showHistory(window);
    }
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

void MainWindow::showFailure(const QString &message)
{
    m_failureText = message;
    m_failure->setText(tr("<b>Cannot read the socket table:</b> %1").arg(message.toHtmlEscaped()));
    m_failure->show();
    statusBar()->showMessage(message);
}

void MainWindow::setPaused(bool paused)
{
    m_paused = paused;
    m_pauseAction->setIcon(style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    m_pauseAction->setText(paused ? tr("Resume") : tr("Pause"));
    if (m_sampler)
        m_sampler->setPaused(paused);
    updateStatus();
}

void MainWindow::setIntervalMs(int ms)
{
    int best = 0;
    for (int i = 0; i < m_interval->count(); ++i) {
        if (qAbs(m_interval->itemData(i).toInt() - ms) < qAbs(m_interval->itemData(best).toInt() - ms))
            best = i;
    }
    m_interval->setCurrentIndex(best);
}

int MainWindow::intervalMs() const
{
    return m_interval->currentData().toInt();
}

void MainWindow::setWindowSeconds(int seconds)
{
    const int index = m_window->findData(seconds);
    if (index >= 0)
        m_window->setCurrentIndex(index);
}

int MainWindow::windowSeconds() const
{
    return m_window->currentData().toInt();
}

void MainWindow::updateStatus()
{
    const QLocale locale;
    const CaptureRenderer::Stamp where = captureStamp();
    m_hostStatus->setText(tr("Host %1, kernel %2").arg(where.host, where.kernel));
    m_namespaceStatus->setText(tr("Namespace %1").arg(where.namespaceText));
    if (m_replay) {
        m_refreshStatus->setText(tr("Replay of %1").arg(UntrustedText::plain(QFileInfo(m_replay->path).fileName())));
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
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("sockscope — TCP sockets and TIME-WAIT"));
    m_fileMenu->setTitle(tr("&File"));
    m_viewMenu->setTitle(tr("&View"));
    //: Menu title; keep "Language" recognisable for people who cannot read the current language
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_pauseAction->setText(m_paused ? tr("Resume") : tr("Pause"));
    m_pauseAction->setToolTip(tr("Pause or resume sampling (Space)"));
    retranslateIncidents();
    m_quitAction->setText(tr("&Quit"));
    m_resetLayoutAction->setText(tr("Reset layout"));
    m_aboutAction->setText(tr("&About sockscope"));
    m_toolBar->setWindowTitle(tr("Sampling"));
    m_intervalLabel->setText(tr(" Refresh every "));
    m_windowLabel->setText(tr(" Show the last "));
    const QStringList intervals = {tr("0.25 s"), tr("0.5 s"), tr("1 s"), tr("2 s"), tr("5 s"), tr("10 s")};
    for (int i = 0; i < intervals.size(); ++i)
        m_interval->setItemText(i, intervals[i]);
    const QStringList windows = {tr("1 minute"), tr("5 minutes"), tr("15 minutes"), tr("1 hour")};
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
    updateStatus();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_useSettings)
        saveSettings();
    event->accept();
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
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    setIntervalMs(settings.value(QStringLiteral("sampling/intervalMs"), 1000).toInt());
    setWindowSeconds(settings.value(QStringLiteral("charts/windowSeconds"), 300).toInt());
    for (HistoryPanel *panel : panelsWithSettings())
        panel->restoreSettings(settings);
}

QList<HistoryPanel *> MainWindow::chartPanels() const
{
    return {m_statePanel, m_portPanel, m_slabPanel, m_ratePanel};
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
            QStringLiteral("close-sequence")};
}

QWidget *MainWindow::viewByName(const QString &name) const
{
    // In the order of viewNames().
    QWidget *const views[] = {const_cast<MainWindow *>(this), m_overviewPanel, m_statePanel, m_portPanel,
                              m_slabPanel, m_ratePanel, m_tablePanel, m_sysctlPanel,
                              m_sysctlPanel->findChild<QWidget *>(QStringLiteral("closeSequenceDiagram"))};
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
