#pragma once

#include "capturerenderer.h"
#include "historyring.h"
#include "recording.h"
#include "sample.h"
#include "source.h"

#include <QMainWindow>
#include <QPointer>

#include <vector>

class AgentBinary;
class HistoryPanel;
class LabPanel;
class LabSource;
class RemoteHost;
class RemoteSource;
class OverviewPanel;
class PortChartPanel;
class ConnectionBanner;
class QActionGroup;
class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;
class ProcessTimeWaitPanel;
class RateChartPanel;
class SlabChartPanel;
class SocketTableModel;
class SocketTablePanel;
class SysctlListModel;
class SysctlPanel;
class QTabWidget;
class StateChartPanel;
class TimeWaitByPortModel;

// The window an operator leaves open on a busy host. Samples arrive from one Source (the local
// kernel, a recording, a remote stream) through showSample(); the window only presents them and
// asks the source what it can do (pause, seek, record, change sysctls).
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // useSettings: restore and save layout and choices with QSettings (not for screenshots,
    // benchmarks and tests, which must not depend on, or change, what a user set).
    explicit MainWindow(bool useSettings = true, QWidget *parent = nullptr);
    ~MainWindow() override;

    // What the window shows from now on (mainwindowsource.cpp). A source whose parent is the
    // window is deleted when replaced; others belong to the caller and must outlive their use.
    // The sysctl pane changes what the source watches through the source's SysctlChanger.
    void setSource(Source *source);
    // The window on `host` over ssh (the source is the window's); `agent` is the one that may be
    // copied there, with the user's consent unless `pushWithoutAsking` (--push-agent).
    RemoteSource *watchRemoteHost(const RemoteHost &host, const AgentBinary &agent, bool pushWithoutAsking,
                                  const QStringList &agentOptions = {});
    // File → Watch remote host…
    void askRemoteHost();
    // Lab → Open training lab… and --lab (mainwindowlab.cpp): a fresh lab running `scenario`
    // (the first one when empty), with these sysctls and load settings on top of its own. The
    // source is the window's; the lab panel shows beside the charts.
    LabSource *openLab(const QString &scenario, const QStringList &sysctls = {}, const QStringList &load = {});
    LabPanel *labPanel() const { return m_labPanel; }
    Source *source() const { return m_source; }
    void setIntervalMs(int intervalMs);
    int intervalMs() const;
    void setWindowSeconds(int seconds);
    int windowSeconds() const;

    // Everything the window shows for one refresh; returns at once.
    void showSample(const SamplePtr &sample);
    const HistoryRing &history() const { return m_history; }
    // Adds summaries (oldest first) to the history without a snapshot: a recording's samples.
    void loadHistory(const std::vector<SampleSummary> &summaries);
    SnapshotPtr latestSnapshot() const { return m_latest; }
    // GUI-thread time of each refresh so far (models + charts + repaint), for the benchmark.
    const std::vector<double> &refreshTimesMs() const { return m_refreshTimesMs; }
    // The dock's contents by name (overview, states, ports, slab, rates, table), for --view.
    QWidget *viewByName(const QString &name) const;
    // Shows and raises the dock holding that view (a tabbed dock may be behind another).
    void revealView(const QString &name);
    static QStringList viewNames();
    // Help → Keyboard shortcuts: every key the window and its panels answer to.
    QString shortcutsHtml() const;

    StateChartPanel *statePanel() const { return m_statePanel; }
    PortChartPanel *portPanel() const { return m_portPanel; }
    SlabChartPanel *slabPanel() const { return m_slabPanel; }
    RateChartPanel *ratePanel() const { return m_ratePanel; }
    SocketTablePanel *tablePanel() const { return m_tablePanel; }
    SocketTableModel *socketModel() const { return m_socketModel; }
    SysctlPanel *sysctlPanel() const { return m_sysctlPanel; }
    SysctlListModel *sysctlModel() const { return m_sysctlModel; }
    TimeWaitByPortModel *portModel() const { return m_portModel; }

    // Incidents (mainwindowincidents.cpp). Paths choose the format by suffix.
    CaptureRenderer::Stamp captureStamp() const;
    // PNG (at `scale`) or SVG (charts only) of a view; optionally also onto the clipboard.
    bool capture(const QString &view, const QString &path, qreal scale, bool copyToClipboard, QString *error);
    bool exportSockets(const QString &path, QString *error); // the table as shown: .csv or .json
    bool exportHistory(const QString &path, QString *error); // the charts' time range: .csv
    void addMarker(const QString &label);
    const std::vector<RecordingMarker> &markers() const { return m_markers; }
    void startRecording(const QString &path);
    void stopRecording();
    // Replay: the window shows a recording (a FileSource), with no kernel access.
    void openRecording(const RecordingPtr &recording);
    bool isReplay() const { return m_source && m_source->capabilities().canSeek; }
    bool isSampling() const { return m_source && !isReplay(); }
    bool isPaused() const { return m_paused; }
    OverviewPanel *overviewPanel() const { return m_overviewPanel; }
    QString noticeText() const; // the banner over the table (a failure, or an incomplete recording)
    QString connectionText() const; // the banner saying a stream's connection is lost (empty when not)
    void setReplayPosition(int index);
    static QStringList chartViewNames();

signals:
    void sampleShown(int samplesSoFar);
    void recordingChanged(bool recording);

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void createActions();
    void createIncidentActions();
    void retranslateIncidents();
    void createLabMenu();
    void retranslateLab();
    void captureWithDialog();
    void exportWithDialog(bool history, const QString &suffix);
    void showReplayPosition();
    // Actions, toolbar and sysctl pane enabled from what the source can do.
    void applyCapabilities();
    void connectSource();
    // setSource() for another place to watch (a host, the lab): history, markers and the last
    // table of the previous one are dropped.
    void watchAnew(Source *source);
    void showNotice(const QString &html);
    void showSourceState();
    // The sample the charts end at: the newest, or the replay position.
    int viewEnd() const;
    void createDocks();
    // The first size and dock layout, from the screen's room (docks stack as tabs when short).
    void fitToScreen();
    void updateTitle();
    void showShortcuts();
    void renameMarker(int index);
    void removeMarker(int index);
    QDockWidget *addPanel(HistoryPanel *panel, const QString &objectName, Qt::DockWidgetArea area);
    void retranslateUi();
    void refreshCharts(HistoryPanel *only = nullptr);
    void updateStatus();
    void showFailure(const QString &message);
    void setPaused(bool paused);
    void saveSettings() const;
    void restoreSettings();
    void resetLayout();
    // The latest snapshot (live or replayed) into the panels that show one moment, not history.
    void showSnapshotInPanels();
    static QString suggestedPath(const QString &what, const QString &suffix);
    // The panels drawn from the history ring, and those that keep choices in QSettings.
    QList<HistoryPanel *> chartPanels() const;
    QList<HistoryPanel *> panelsWithSettings() const;

    bool m_useSettings;
    QPointer<Source> m_source;
    HistoryRing m_history;
    SnapshotPtr m_latest;
    int m_samples = 0;
    quint64 m_skipped = 0;
    std::vector<double> m_refreshTimesMs;

    SocketTableModel *m_socketModel;
    TimeWaitByPortModel *m_portModel;
    OverviewPanel *m_overviewPanel = nullptr;
    StateChartPanel *m_statePanel = nullptr;
    PortChartPanel *m_portPanel = nullptr;
    SlabChartPanel *m_slabPanel = nullptr;
    RateChartPanel *m_ratePanel = nullptr;
    ProcessTimeWaitPanel *m_processPanel = nullptr;
    SocketTablePanel *m_tablePanel = nullptr;
    SysctlListModel *m_sysctlModel;
    SysctlPanel *m_sysctlPanel = nullptr;
    QTabWidget *m_centralTabs = nullptr;
    std::vector<QDockWidget *> m_docks;
    QDockWidget *m_statesDock = nullptr;
    QDockWidget *m_overviewDock = nullptr;
    QDockWidget *m_portsDock = nullptr;
    QDockWidget *m_slabDock = nullptr;
    QDockWidget *m_ratesDock = nullptr;
    QDockWidget *m_processDock = nullptr;
    QByteArray m_defaultState;

    std::vector<RecordingMarker> m_markers;
    int m_replayIndex = 0;
    class ReplayBar *m_replayBar = nullptr;
    QMenu *m_incidentMenu = nullptr;
    QAction *m_captureAction = nullptr;
    QAction *m_exportCsvAction = nullptr;
    QAction *m_exportJsonAction = nullptr;
    QAction *m_exportHistoryAction = nullptr;
    QAction *m_markerAction = nullptr;
    QAction *m_recordAction = nullptr;
    QAction *m_stopRecordAction = nullptr;
    QAction *m_tableNowAction = nullptr;
    QAction *m_openRecordingAction = nullptr;
    QAction *m_watchRemoteAction = nullptr;
    QMenu *m_labMenu = nullptr;
    QAction *m_openLabAction = nullptr;
    QDockWidget *m_labDock = nullptr;
    LabPanel *m_labPanel = nullptr;
    QLabel *m_recordingStatus = nullptr;
    QString m_recordingPath;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_resetLayoutAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_fullScreenAction = nullptr;
    QAction *m_shortcutsAction = nullptr;
    QActionGroup *m_languageGroup = nullptr;
    QToolBar *m_toolBar = nullptr;
    QLabel *m_intervalLabel = nullptr;
    QComboBox *m_interval = nullptr;
    QLabel *m_windowLabel = nullptr;
    QComboBox *m_window = nullptr;
    QLabel *m_failure = nullptr;
    ConnectionBanner *m_connection = nullptr;
    QString m_failureText;

    QLabel *m_hostStatus = nullptr;
    QLabel *m_namespaceStatus = nullptr;
    QLabel *m_refreshStatus = nullptr;
    QLabel *m_slabStatus = nullptr;
    QLabel *m_rowsStatus = nullptr;
    int m_rowsShown = 0;
    int m_rowsTotal = 0;
    bool m_paused = false;
};
