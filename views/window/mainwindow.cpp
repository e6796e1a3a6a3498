#include "views/window/mainwindow.h"

#include "views/sysctl/sysctlpanel.h"

#include "wording/coremessagetext.h"
#include "views/window/appearance.h"
#include "views/window/appearancemenu.h"
#include "views/window/languagemenu.h"
#include "languages.h"
#include "views/window/samplingtoolbar.h"
#include "views/window/windowstatus.h"

#include <QAction>
#include <QCloseEvent>
#include <QElapsedTimer>
#include <QKeyEvent>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

MainWindow::MainWindow(bool useSettings, QWidget *parent)
    : QMainWindow(parent)
    , m_useSettings(useSettings)
    , m_state(new WindowState(this))
    , m_banners(new WindowBanners(this))
    , m_toolBar(new SamplingToolBar(this))
    , m_docks(new DockLayout(this, m_state, m_banners->widgets()))
    , m_sources(new SourceController(this, m_state, m_docks->tablePanel(), m_docks->sysctlPanel()))
    , m_incidents(new IncidentController(this, m_state, m_sources, m_docks))
    , m_lab(new LabController(this, m_sources, m_docks))
    , m_remote(new RemoteController(this, m_sources, useSettings))
    , m_status(new WindowStatus(this, m_state, m_sources, m_docks->tablePanel()))
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/sockscope.svg")));
    addToolBar(m_toolBar);
    m_toolBar->addSeparator();
    m_toolBar->addActions(m_incidents->toolBarActions());
    m_sources->addReplayBar();
    createActions();
    createMenus();
    connectControllers();
    // Charts get room: a right-hand column of ~560 px, the states chart a third of the height;
    // on a small screen the docks stack as tabs (DockLayout::fitToScreen).
    retranslateUi(); // first: the texts set the widgets' minimum sizes, which bound the window's
    m_docks->fitToScreen();
    if (m_useSettings)
        restoreSettings();
    m_sources->showReplayBar();
    m_status->refresh();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_quitAction = new QAction(this);
    // QKeySequence::Quit is empty on some platform themes (e.g. without a desktop session):
    // Ctrl+Q always, plus the theme's own if it differs.
    QList<QKeySequence> quitKeys {QKeySequence(Qt::CTRL | Qt::Key_Q)};
    for (const QKeySequence &key : QKeySequence::keyBindings(QKeySequence::Quit)) {
        if (!quitKeys.contains(key))
            quitKeys.append(key);
    }
    m_quitAction->setShortcuts(quitKeys);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    m_fullScreenAction = new QAction(this);
    m_fullScreenAction->setCheckable(true);
    m_fullScreenAction->setShortcut(QKeySequence(Qt::Key_F11));
    connect(m_fullScreenAction, &QAction::toggled, this, [this](bool on) {
        setWindowState(on ? windowState() | Qt::WindowFullScreen : windowState() & ~Qt::WindowFullScreen);
    });
    m_shortcutsAction = new QAction(this);
    connect(m_shortcutsAction, &QAction::triggered, this, [this] {
        QMessageBox box(QMessageBox::NoIcon, tr("Keyboard shortcuts"), shortcutsHtml(), QMessageBox::Close, this);
        box.setTextFormat(Qt::RichText);
        box.exec();
    });
    m_aboutAction = new QAction(this);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About sockscope"),
                           tr("<h3>sockscope %1</h3><p>Shows what the Linux TCP stack does with its sockets, "
                              "and explains the sysctls that govern TIME-WAIT.</p><p>Reads the kernel through "
                              "sock_diag netlink and /proc; changes sysctls only through its polkit-authorised "
                              "helper.</p>")
                               .arg(QLatin1String(SOCKSCOPE_VERSION)));
    });
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addActions({m_incidents->openRecordingAction(), m_remote->watchAction(), m_toolBar->pauseAction()});
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_incidents->bundleAction());
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);
    menuBar()->addMenu(m_incidents->menu());
    menuBar()->addMenu(m_lab->menu());
    menuBar()->addMenu(m_docks->viewMenu());
    m_docks->viewMenu()->addAction(m_fullScreenAction);
    m_appearanceMenu = new AppearanceMenu(this);
    m_docks->viewMenu()->addMenu(m_appearanceMenu);
    m_languageMenu = new LanguageMenu(this);
    menuBar()->addMenu(m_languageMenu);
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addActions({m_shortcutsAction, m_aboutAction});
}

void MainWindow::connectControllers()
{
    connect(m_toolBar->pauseAction(), &QAction::toggled, m_sources, &SourceController::setPaused);
    connect(m_toolBar, &SamplingToolBar::intervalChanged, m_sources, &SourceController::setIntervalMs);
    connect(m_toolBar, &SamplingToolBar::windowChanged, m_state, &WindowState::setWindowSeconds);
    connect(m_sources, &SourceController::sampleReady, this, &MainWindow::showSample);
    connect(m_sources, &SourceController::failed, this, &MainWindow::showFailure);
    connect(m_sources, &SourceController::notice, m_banners, &WindowBanners::showNotice);
    connect(m_sources, &SourceController::statusChanged, m_status, &WindowStatus::refresh);
    connect(m_sources, &SourceController::sourceChanged, m_banners, &WindowBanners::reset);
    connect(m_docks, &DockLayout::layoutReset, m_sources, &SourceController::showReplayBar);
    connect(m_sources, &SourceController::connectionChanged, this, &MainWindow::showConnection);
    connect(m_sources, &SourceController::capabilitiesChanged, this, [this] {
        m_toolBar->pauseAction()->setEnabled(m_sources->capabilities().canPause);
        m_toolBar->setIntervalEnabled(m_sources->capabilities().canChangeInterval);
    });
    connect(m_incidents, &IncidentController::failed, this, &MainWindow::showFailure);
    connect(m_incidents, &IncidentController::recordingStatus, m_status, &WindowStatus::showRecording);
    connect(m_remote, &RemoteController::failed, this, &MainWindow::showFailure);
    connect(m_sources, &SourceController::message, statusBar(), &QStatusBar::showMessage);
    connect(m_incidents, &IncidentController::message, statusBar(), &QStatusBar::showMessage);
    m_incidents->followSysctlChanges(m_docks->sysctlPanel()->changeBox());
}

void MainWindow::showSample(const SamplePtr &sample)
{
    QElapsedTimer timer;
    timer.start();
    m_banners->clearFailure();
    m_state->addSample(sample);
    m_status->refresh();
    const SnapshotPtr latest = m_state->latest();
    if (latest && !latest->warnings.empty())
        statusBar()->showMessage(CoreMessageText::texts(latest->warnings).join(QStringLiteral(" ")), 10000);
    // Paint now, so the measured time is the whole frame and not just the bookkeeping.
    repaint();
    m_refreshTimesMs.push_back(double(timer.nsecsElapsed()) / 1e6);
    emit sampleShown(m_state->samples());
}

void MainWindow::showFailure(const QString &message)
{
    m_banners->showFailure(message);
}

void MainWindow::showConnection()
{
    if (!m_sources->source())
        return;
    m_banners->showState(*m_sources->source());
    m_status->refresh();
}

void MainWindow::setIntervalMs(int intervalMs)
{
    m_toolBar->setIntervalMs(intervalMs);
}

int MainWindow::intervalMs() const
{
    return m_toolBar->intervalMs();
}

void MainWindow::setWindowSeconds(int seconds)
{
    m_toolBar->setWindowSeconds(seconds);
}

int MainWindow::windowSeconds() const
{
    return m_toolBar->windowSeconds();
}

void MainWindow::retranslateUi()
{
    m_fileMenu->setTitle(tr("&File"));
    m_helpMenu->setTitle(tr("&Help"));
    m_languageMenu->retranslate();
    m_appearanceMenu->retranslate();
    m_toolBar->retranslate();
    m_incidents->retranslate();
    m_remote->retranslate();
    m_sources->retranslate();
    m_lab->retranslate();
    m_quitAction->setText(tr("&Quit"));
    m_fullScreenAction->setText(tr("Full screen"));
    m_shortcutsAction->setText(tr("&Keyboard shortcuts"));
    m_aboutAction->setText(tr("&About sockscope"));
    m_docks->retranslate();
    m_banners->retranslate(m_sources->source());
    m_status->refresh();
}

QString MainWindow::shortcutsHtml() const
{
    const auto key = [](const QAction *action) { return action->shortcut().toString(QKeySequence::NativeText); };
    const QList<QPair<QString, QString>> rows = {
        {tr("Space"), tr("Pause or resume sampling (when no button or text field has the focus)")},
        {key(m_incidents->openRecordingAction()), tr("Open a recording")},
        {key(m_incidents->markerAction()), tr("Add a marker at this moment")},
        {key(m_incidents->captureAction()), tr("Capture a picture of the window or a chart")},
        {key(m_incidents->bundleAction()), tr("Save an incident bundle (picture, JSON, history, sysctl changes, recording)")},
        {key(m_fullScreenAction), tr("Full screen (for a projector)")},
        {key(m_quitAction), tr("Quit")},
        // The socket table's own keys: its filter placeholder names Ctrl+F, so the page must too.
        {QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText), tr("Focus the socket table's filter")},
        {QKeySequence(QKeySequence::Copy).toString(QKeySequence::NativeText),
         tr("Copy the selected sockets as TSV with a header")},
        {tr("Mouse over a chart"), tr("Crosshair with every series' value at that time")},
        {tr("Wheel on a chart"), tr("Zoom the time axis around the pointer")},
        {tr("Drag on a zoomed chart"), tr("Pan along the time axis")},
        {tr("Double-click on a chart"), tr("Show the whole time window again")},
        {tr("Right-click on a marker"), tr("Rename or delete the marker")},
        {tr("Click on a legend entry"), tr("Hide or show that series")},
    };
    QString html = QStringLiteral("<table cellspacing=\"4\">");
    for (const auto &row : rows)
        html +=
            QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(row.first.toHtmlEscaped(), row.second.toHtmlEscaped());
    html += QStringLiteral("</table>");
    return html;
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    if (event->type() == QEvent::WindowStateChange)
        m_fullScreenAction->setChecked(isFullScreen());
    QMainWindow::changeEvent(event);
}

void MainWindow::keyPressEvent(QKeyEvent *event)
{
    // Reached only when the focused control did not use the key: a button, check box, combo box,
    // text field or table takes Space for itself first.
    QAction *pause = m_toolBar->pauseAction();
    if (event->key() == Qt::Key_Space && event->modifiers() == Qt::NoModifier && pause->isEnabled()) {
        pause->toggle();
        event->accept();
        return;
    }
    QMainWindow::keyPressEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // A stream's process ends with the window (its standard input closes): nothing is left
    // running on a remote host.
    if (m_sources->source())
        m_sources->source()->stop();
    if (m_useSettings)
        saveSettings();
    event->accept();
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    m_docks->saveSettings(settings);
    settings.setValue(QStringLiteral("sampling/intervalMs"), intervalMs());
    settings.setValue(QStringLiteral("charts/windowSeconds"), windowSeconds());
    settings.setValue(QStringLiteral("language"), Languages::current());
    Appearance::save(settings);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    m_docks->restoreSettings(settings);
    setIntervalMs(settings.value(QStringLiteral("sampling/intervalMs"), 1000).toInt());
    setWindowSeconds(settings.value(QStringLiteral("charts/windowSeconds"), 300).toInt());
    Appearance::restore(settings);
    m_appearanceMenu->showCurrent();
}
