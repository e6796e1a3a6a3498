// MainWindow, the training lab: Lab → Open training lab… and --lab, a LabSource in place of the
// current source with the lab panel beside the charts. The window shows the lab as it shows any
// source; its place carries the "LAB" mark into the title, the status bar and capture stamps.
#include "mainwindow.h"

#include "labpanel.h"
#include "labsource.h"

#include <QDockWidget>
#include <QMenuBar>

void MainWindow::createLabMenu()
{
    m_labMenu = new QMenu(this);
    menuBar()->insertMenu(m_viewMenu->menuAction(), m_labMenu);
    m_openLabAction = new QAction(this);
    connect(m_openLabAction, &QAction::triggered, this, [this] { openLab(QString()); });
    m_labMenu->addAction(m_openLabAction);
}

void MainWindow::retranslateLab()
{
    m_labMenu->setTitle(tr("&Lab"));
    m_openLabAction->setText(tr("Open training lab…"));
    m_openLabAction->setToolTip(tr("A lab of its own, run as you: make TIME-WAIT happen, change its sysctls, watch the "
                                   "effect. Nothing of this host changes."));
    if (m_labDock)
        m_labDock->setWindowTitle(tr("LAB — training lab"));
}

LabSource *MainWindow::openLab(const QString &scenarioName, const QStringList &sysctls, const QStringList &load)
{
    const LabScenario *scenario = LabScenario::find(scenarioName);
    if (!scenario)
        scenario = &LabScenario::all().front();
    if (!m_labPanel) {
        m_labPanel = new LabPanel(this);
        m_labDock = new QDockWidget(this);
        m_labDock->setObjectName(QStringLiteral("labDock"));
        m_labDock->setWidget(m_labPanel);
        m_labDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
        addDockWidget(Qt::RightDockWidgetArea, m_labDock);
        // The whole right-hand column, in front: the column's charts become tabs beside it (one
        // click away), while the states chart, the socket table and the sysctl pane stay in view.
        for (QDockWidget *dock : {m_portsDock, m_slabDock, m_ratesDock, m_labDock})
            tabifyDockWidget(m_overviewDock, dock);
        m_viewMenu->addAction(m_labDock->toggleViewAction());
        connect(m_labPanel, &LabPanel::restartRequested, this, [this](const QString &name) { openLab(name); });
        retranslateLab();
    }
    auto source = new LabSource(this);
    // A lab starts empty: nothing of what was watched before belongs to it.
    watchAnew(source);
    source->applySysctls(scenario->sysctls + sysctls);
    m_labPanel->attach(source, *scenario, load);
    m_labDock->show();
    m_labDock->raise();
    // Another source later (a host, a recording) ends the lab; its panel goes with it.
    connect(source, &QObject::destroyed, m_labDock, [this] {
        if (!qobject_cast<LabSource *>(m_source))
            m_labDock->hide();
    });
    return source;
}
