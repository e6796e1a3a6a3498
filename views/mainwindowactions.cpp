// MainWindow, its actions: actions, menus, the toolbar and the keyboard.
#include "mainwindow.h"

#include "chartcolors.h"
#include "connectionbanner.h"
#include "languages.h"
#include "paletteicons.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QKeyEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QToolBar>

namespace {
constexpr int IntervalChoicesMs[] = {250, 500, 1000, 2000, 5000, 10000};
// Four hours: the history ring holds that much at the default 1 s interval (HistoryRing).
constexpr int WindowChoicesSeconds[] = {60, 300, 900, 3600, 14400};
}

void MainWindow::createActions()
{
    m_pauseAction = new QAction(this);
    m_pauseAction->setObjectName(QStringLiteral("PauseAction"));
    m_pauseAction->setCheckable(true);
    // Space is no QAction shortcut: a window-wide Space would steal it from the button, check box
    // or text field that has focus. keyPressEvent() takes the Space nobody else used.
    m_pauseAction->setIcon(PaletteIcons::pause(palette()));
    connect(m_pauseAction, &QAction::toggled, this, &MainWindow::setPaused);

    m_quitAction = new QAction(this);
    // QKeySequence::Quit is empty on some platform themes (e.g. without a desktop session):
    // Ctrl+Q always, plus the theme's own if it differs.
    QList<QKeySequence> quitKeys {QKeySequence(Qt::CTRL | Qt::Key_Q)};
    for (const QKeySequence &key : QKeySequence::keyBindings(QKeySequence::Quit)) {
        if (!quitKeys.contains(key))
            quitKeys.append(key);
    }
    m_quitAction->setShortcuts(quitKeys);
    m_fullScreenAction = new QAction(this);
    m_fullScreenAction->setCheckable(true);
    m_fullScreenAction->setShortcut(QKeySequence(Qt::Key_F11));
    connect(m_fullScreenAction, &QAction::toggled, this, [this](bool on) {
        setWindowState(on ? windowState() | Qt::WindowFullScreen : windowState() & ~Qt::WindowFullScreen);
    });
    m_shortcutsAction = new QAction(this);
    connect(m_shortcutsAction, &QAction::triggered, this, &MainWindow::showShortcuts);
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
    m_interval->setObjectName(QStringLiteral("IntervalChoice"));
    for (const int ms : IntervalChoicesMs)
        m_interval->addItem(QString(), ms);
    m_interval->setCurrentIndex(2);
    connect(m_interval, &QComboBox::currentIndexChanged, this, [this] {
        if (m_source)
            m_source->setIntervalMs(intervalMs());
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
    m_helpMenu->addAction(m_shortcutsAction);
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
    m_connection = new ConnectionBanner(this);
}

void MainWindow::setPaused(bool paused)
{
    m_paused = paused;
    m_pauseAction->setIcon(paused ? PaletteIcons::play(palette()) : PaletteIcons::pause(palette()));
    m_pauseAction->setText(paused ? tr("Resume") : tr("Pause"));
    if (m_source)
        m_source->setPaused(paused);
    updateStatus();
}

void MainWindow::keyPressEvent(QKeyEvent *event)
{
    // Reached only when the focused control did not use the key: a button, check box, combo box,
    // text field or table takes Space for itself first.
    if (event->key() == Qt::Key_Space && event->modifiers() == Qt::NoModifier && m_pauseAction->isEnabled()) {
        m_pauseAction->toggle();
        event->accept();
        return;
    }
    QMainWindow::keyPressEvent(event);
}

QString MainWindow::shortcutsHtml() const
{
    const QList<QPair<QString, QString>> rows = {
        {tr("Space"), tr("Pause or resume sampling (when no button or text field has the focus)")},
        {m_openRecordingAction->shortcut().toString(QKeySequence::NativeText), tr("Open a recording")},
        {m_markerAction->shortcut().toString(QKeySequence::NativeText), tr("Add a marker at this moment")},
        {m_captureAction->shortcut().toString(QKeySequence::NativeText), tr("Capture a picture of the window or a chart")},
        {m_fullScreenAction->shortcut().toString(QKeySequence::NativeText), tr("Full screen (for a projector)")},
        {m_quitAction->shortcut().toString(QKeySequence::NativeText), tr("Quit")},
        // The socket table's own keys: its filter placeholder names Ctrl+F, so the page must too.
        {QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText), tr("Focus the socket table's filter")},
        {QKeySequence(QKeySequence::Copy).toString(QKeySequence::NativeText), tr("Copy the selected sockets as TSV with a header")},
        {tr("Mouse over a chart"), tr("Crosshair with every series' value at that time")},
        {tr("Wheel on a chart"), tr("Zoom the time axis around the pointer")},
        {tr("Drag on a zoomed chart"), tr("Pan along the time axis")},
        {tr("Double-click on a chart"), tr("Show the whole time window again")},
        {tr("Right-click on a marker"), tr("Rename or delete the marker")},
        {tr("Click on a legend entry"), tr("Hide or show that series")},
    };
    QString html = QStringLiteral("<table cellspacing=\"4\">");
    for (const auto &row : rows)
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(row.first.toHtmlEscaped(), row.second.toHtmlEscaped());
    html += QStringLiteral("</table>");
    return html;
}

void MainWindow::showShortcuts()
{
    QMessageBox box(QMessageBox::NoIcon, tr("Keyboard shortcuts"), shortcutsHtml(), QMessageBox::Close, this);
    box.setTextFormat(Qt::RichText);
    box.exec();
}
