#pragma once

#include "sampling/sysctlchangelog.h"
#include "views/incidents/capturerenderer.h"

#include <QObject>

class SysctlChangeBox;

#include <vector>

class DockLayout;
class QAction;
class QMainWindow;
class QMenu;
class Source;
class SourceController;
class WindowState;

// What an incident needs, as the Incident menu offers it: pictures of the window or a chart,
// the socket table and the history exported, markers on the timeline, samples recorded to a
// file, and opening a recording. Paths choose the format by suffix.
class IncidentController : public QObject
{
    Q_OBJECT

public:
    IncidentController(QMainWindow *window, WindowState *state, SourceController *sources, DockLayout *docks);

    QMenu *menu() const { return m_menu; }
    // Capture, add marker, record: also on the toolbar.
    QList<QAction *> toolBarActions() const;
    QAction *openRecordingAction() const { return m_openRecordingAction; }
    QAction *markerAction() const { return m_markerAction; }
    QAction *captureAction() const { return m_captureAction; }
    QAction *bundleAction() const { return m_bundleAction; }
    void retranslate();

    // PNG (at `scale`) or SVG (charts only) of a view; optionally also onto the clipboard.
    bool capture(const QString &view, const QString &path, qreal scale, bool copyToClipboard, QString *error);
    bool exportSockets(const QString &path, QString *error); // the table as shown: .csv or .json
    bool exportHistory(const QString &path, QString *error); // the charts' time range: .csv
    void addMarker(const QString &label);
    // Everything for a ticket in one new folder (IncidentBundle): picture, JSON, history CSV,
    // the session's sysctl changes, a recording, README.txt and manifest.json.
    bool saveIncidentBundle(const QString &folder, QString *error);
    // Sysctl changes applied from the pane, kept for the bundle's sysctl-changes.csv.
    void recordSysctlChanges(const std::vector<SysctlChangeRecord> &records);
    // Each sysctl applied from `box` marks the timeline (and a recording) as a user's marker
    // would, so the charts show what came before and after it, and is kept for the bundle.
    void followSysctlChanges(SysctlChangeBox *box);
    void startRecording(const QString &path);
    void stopRecording();

signals:
    void recordingChanged(bool recording);
    // "● Recording: …" while a recording runs; empty when none does.
    void recordingStatus(const QString &text);
    void message(const QString &text, int timeoutMs);
    void failed(const QString &message);

private:
    void createActions();
    void createMenu();
    void updateActions();
    void watchRecording(Source *source);
    void recordingEnded();
    void captureWithDialog();
    void saveBundleWithDialog();
    QImage stampedImage(QWidget *widget, qreal scale, const CaptureRenderer::Stamp &stamp) const;
    void exportWithDialog(bool history, const QString &suffix);
    void askMarker();
    void renameMarker(int index);
    void askRecordingPath();
    void openRecordingWithDialog();
    static QString suggestedPath(const QString &what, const QString &suffix);

    QMainWindow *m_window;
    WindowState *m_state;
    SourceController *m_sources;
    DockLayout *m_docks;
    QString m_recordingPath;
    std::vector<SysctlChangeRecord> m_sysctlChanges; // this session's, oldest first
    std::size_t m_sysctlChangesDropped = 0; // past SysctlChangeLog::MaximumRecords: the bundle says how many
    QMenu *m_menu = nullptr;
    QAction *m_captureAction = nullptr;
    QAction *m_bundleAction = nullptr;
    QAction *m_exportCsvAction = nullptr;
    QAction *m_exportJsonAction = nullptr;
    QAction *m_exportHistoryAction = nullptr;
    QAction *m_markerAction = nullptr;
    QAction *m_recordAction = nullptr;
    QAction *m_stopRecordAction = nullptr;
    QAction *m_tableNowAction = nullptr;
    QAction *m_openRecordingAction = nullptr;
};
