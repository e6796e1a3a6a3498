#pragma once

#include <QObject>
#include <QStringList>

#include <vector>

class HistoryPanel;
class OverviewPanel;
class PortChartPanel;
class ProcessTimeWaitPanel;
class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;
class QSettings;
class QTabWidget;
class RateChartPanel;
class SlabChartPanel;
class SocketTableModel;
class SocketTablePanel;
class StateChartPanel;
class SysctlListModel;
class SysctlPanel;
class TimeSeriesChart;
class TimeWaitByPortModel;
class WindowState;

// The window's panels and where they sit: the socket table and the sysctl pane as central tabs,
// the charts in docks, the View menu that shows and hides them, the first layout fitted to the
// screen, and the layout and panel choices kept in QSettings. Each panel follows the window state.
class DockLayout : public QObject
{
    Q_OBJECT

public:
    // `banners` sit above the central tabs (failures, a lost connection).
    DockLayout(QMainWindow *window, const WindowState *state, const QList<QWidget *> &banners);

    // The dock's contents by name (overview, states, ports, slab, rates, table), for --view.
    QWidget *viewByName(const QString &name) const;
    // Shows and raises the dock holding that view (a tabbed dock may be behind another).
    void revealView(const QString &name);
    static QStringList viewNames();
    static QStringList chartViewNames();
    // What each view is called, in the order of viewNames() (the capture dialog's choices).
    static QStringList viewTitles();
    // A dock beside the charts of the right-hand column, in front of them, in the View menu.
    void addColumnDock(QDockWidget *dock);
    QMenu *viewMenu() const { return m_viewMenu; }
    // Every chart with a time axis (they draw the markers).
    QList<TimeSeriesChart *> timeCharts() const;
    void retranslate();
    // The first size and dock layout, from the screen's room (docks stack as tabs when short).
    void fitToScreen();
    void saveSettings(QSettings &settings) const;
    void restoreSettings(const QSettings &settings);

    StateChartPanel *statePanel() const { return m_statePanel; }
    OverviewPanel *overviewPanel() const { return m_overviewPanel; }
    PortChartPanel *portPanel() const { return m_portPanel; }
    SlabChartPanel *slabPanel() const { return m_slabPanel; }
    RateChartPanel *ratePanel() const { return m_ratePanel; }
    SocketTablePanel *tablePanel() const { return m_tablePanel; }
    SysctlPanel *sysctlPanel() const { return m_sysctlPanel; }
    SocketTableModel *socketModel() const { return m_socketModel; }
    TimeWaitByPortModel *portModel() const { return m_portModel; }
    SysctlListModel *sysctlModel() const { return m_sysctlModel; }

signals:
    // View → Reset layout put every dock and toolbar back where the first layout had it.
    void layoutReset();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createCentralTabs(const QList<QWidget *> &banners);
    void createDocks();
    QDockWidget *addPanel(HistoryPanel *panel, const QString &objectName, Qt::DockWidgetArea area);
    void resetLayout();
    // The width the right-hand column's tab bar needs for every title whole (0: no tabs there).
    int rightTabsWidth() const;
    void widenForTabs();
    // The panels in the order they take each snapshot, and those with choices in QSettings.
    QList<HistoryPanel *> panels() const;
    QList<HistoryPanel *> panelsWithSettings() const;

    QMainWindow *m_window;
    SocketTableModel *m_socketModel;
    TimeWaitByPortModel *m_portModel;
    SysctlListModel *m_sysctlModel;
    OverviewPanel *m_overviewPanel = nullptr;
    StateChartPanel *m_statePanel = nullptr;
    PortChartPanel *m_portPanel = nullptr;
    SlabChartPanel *m_slabPanel = nullptr;
    RateChartPanel *m_ratePanel = nullptr;
    ProcessTimeWaitPanel *m_processPanel = nullptr;
    SocketTablePanel *m_tablePanel = nullptr;
    SysctlPanel *m_sysctlPanel = nullptr;
    QTabWidget *m_centralTabs = nullptr;
    QMenu *m_viewMenu;
    QAction *m_resetLayoutAction;
    std::vector<QDockWidget *> m_docks;
    QDockWidget *m_statesDock = nullptr;
    QDockWidget *m_overviewDock = nullptr;
    QDockWidget *m_portsDock = nullptr;
    QDockWidget *m_slabDock = nullptr;
    QDockWidget *m_ratesDock = nullptr;
    QDockWidget *m_processDock = nullptr;
    QByteArray m_defaultState;
};
