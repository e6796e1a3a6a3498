#pragma once

#include <QObject>
#include <QStringList>

class DockLayout;
class LabPanel;
class LabSource;
class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;
class SourceController;

// The training lab: Lab → Open training lab… and --lab, a LabSource in place of the current
// source with the lab panel beside the charts. The window shows the lab as it shows any source;
// its place carries the "LAB" mark into the title, the status bar and capture stamps.
class LabController : public QObject
{
    Q_OBJECT

public:
    LabController(QMainWindow *window, SourceController *sources, DockLayout *docks);

    QMenu *menu() const { return m_menu; }
    // A fresh lab running `scenario` (the first one when empty), with these sysctls and load
    // settings on top of its own. The source is the window's.
    LabSource *openLab(const QString &scenario, const QStringList &sysctls = {}, const QStringList &load = {});
    LabPanel *panel() const { return m_panel; }
    void retranslate();

private:
    void createDock();

    QMainWindow *m_window;
    SourceController *m_sources;
    DockLayout *m_docks;
    QMenu *m_menu;
    QAction *m_openAction;
    QDockWidget *m_dock = nullptr;
    LabPanel *m_panel = nullptr;
};
