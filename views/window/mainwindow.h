#pragma once

#include "views/window/docklayout.h"
#include "views/incidents/incidentcontroller.h"
#include "views/lab/labcontroller.h"
#include "views/remote/remotecontroller.h"
#include "views/window/sourcecontroller.h"
#include "views/window/windowbanners.h"
#include "sampling/windowstate.h"

#include <QMainWindow>

#include <vector>

class AppearanceMenu;
class LanguageMenu;
class SamplingToolBar;
class WindowStatus;

// The window an operator leaves open on a busy host: a shell of menus, docks and a status bar
// around controllers that own their state. Samples arrive from one Source (SourceController)
// into the WindowState, which every panel follows; the window measures each refresh.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // useSettings: restore and save layout and choices with QSettings (not for screenshots,
    // benchmarks and tests, which must not depend on, or change, what a user set).
    explicit MainWindow(bool useSettings = true, QWidget *parent = nullptr);
    ~MainWindow() override;

    WindowState *state() const { return m_state; }
    DockLayout *docks() const { return m_docks; }
    SourceController *sources() const { return m_sources; }
    IncidentController *incidents() const { return m_incidents; }
    LabController *lab() const { return m_lab; }
    RemoteController *remote() const { return m_remote; }
    WindowBanners *banners() const { return m_banners; }

    // What the programs ask of the window (app/): the controllers' calls, in one place.
    void setSource(Source *source) { m_sources->setSource(source); }
    void openRecording(const RecordingPtr &recording) { m_sources->openRecording(recording); }
    RemoteSource *watchRemoteHost(const RemoteHost &host, const AgentBinary &agent, bool pushWithoutAsking,
                                  const QStringList &agentOptions = {})
    {
        return m_remote->watchRemoteHost(host, agent, pushWithoutAsking, agentOptions);
    }
    LabSource *openLab(const QString &scenario, const QStringList &sysctls = {}, const QStringList &load = {})
    {
        return m_lab->openLab(scenario, sysctls, load);
    }
    bool capture(const QString &view, const QString &path, qreal scale, bool copyToClipboard, QString *error)
    {
        return m_incidents->capture(view, path, scale, copyToClipboard, error);
    }
    void revealView(const QString &name) { m_docks->revealView(name); }
    static QStringList viewNames() { return DockLayout::viewNames(); }
    const HistoryRing &history() const { return m_state->history(); }
    // Adds summaries (oldest first) to the history without a snapshot: a recording's samples.
    void loadHistory(const std::vector<SampleSummary> &summaries) { m_state->loadHistory(summaries); }
    SnapshotPtr latestSnapshot() const { return m_state->latest(); }
    void setIntervalMs(int intervalMs);
    int intervalMs() const;
    void setWindowSeconds(int seconds);
    int windowSeconds() const;
    // GUI-thread time of each refresh so far (models + charts + repaint), for the benchmark.
    const std::vector<double> &refreshTimesMs() const { return m_refreshTimesMs; }
    // Help → Keyboard shortcuts: every key the window and its panels answer to.
    QString shortcutsHtml() const;

signals:
    void sampleShown(int samplesSoFar);

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void createActions();
    void createMenus();
    void connectControllers();
    // Everything the window shows for one refresh; returns at once.
    void showSample(const SamplePtr &sample);
    void showFailure(const QString &message);
    void showConnection();
    void retranslateUi();
    void saveSettings() const;
    void restoreSettings();

    bool m_useSettings;
    std::vector<double> m_refreshTimesMs;
    WindowState *m_state;
    WindowBanners *m_banners;
    SamplingToolBar *m_toolBar;
    DockLayout *m_docks;
    SourceController *m_sources;
    IncidentController *m_incidents;
    LabController *m_lab;
    RemoteController *m_remote;
    WindowStatus *m_status;
    QMenu *m_fileMenu = nullptr;
    LanguageMenu *m_languageMenu = nullptr;
    AppearanceMenu *m_appearanceMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_fullScreenAction = nullptr;
    QAction *m_shortcutsAction = nullptr;
    QAction *m_aboutAction = nullptr;
};
