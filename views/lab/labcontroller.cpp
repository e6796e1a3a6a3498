#include "views/lab/labcontroller.h"

#include "views/window/docklayout.h"
#include "views/lab/labpanel.h"
#include "lab/labsource.h"
#include "views/window/sourcecontroller.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>

LabController::LabController(QMainWindow *window, SourceController *sources, DockLayout *docks)
    : QObject(window)
    , m_window(window)
    , m_sources(sources)
    , m_docks(docks)
    , m_menu(new QMenu(window))
    , m_openAction(new QAction(this))
{
    connect(m_openAction, &QAction::triggered, this, [this] { openLab(QString()); });
    m_menu->addAction(m_openAction);
}

void LabController::retranslate()
{
    m_menu->setTitle(tr("&Lab"));
    m_openAction->setText(tr("Open training lab…"));
    m_openAction->setToolTip(tr("A lab of its own, run as you: make TIME-WAIT happen, change its sysctls, watch the "
                                "effect. Nothing of this host changes."));
    if (m_dock)
        m_dock->setWindowTitle(tr("LAB — training lab"));
}

void LabController::createDock()
{
    m_panel = new LabPanel(m_window);
    m_dock = new QDockWidget(m_window);
    m_dock->setObjectName(QStringLiteral("labDock"));
    m_dock->setWidget(m_panel);
    m_docks->addColumnDock(m_dock);
    connect(m_panel, &LabPanel::restartRequested, this, [this](const QString &name) { openLab(name); });
    retranslate();
}

LabSource *LabController::openLab(const QString &scenarioName, const QStringList &sysctls, const QStringList &load)
{
    const LabScenario *scenario = LabScenario::find(scenarioName);
    if (!scenario)
        scenario = &LabScenario::all().front();
    if (!m_panel)
        createDock();
    auto source = new LabSource(m_window);
    // A lab starts empty: nothing of what was watched before belongs to it.
    m_sources->setSource(source);
    source->applySysctls(scenario->sysctls + sysctls);
    m_panel->attach(source, *scenario, load);
    m_dock->show();
    m_dock->raise();
    // Another source later (a host, a recording) ends the lab; its panel goes with it.
    connect(source, &QObject::destroyed, m_dock, [this] {
        if (!qobject_cast<LabSource *>(m_sources->source()))
            m_dock->hide();
    });
    return source;
}
