#pragma once

#include <QObject>

class ElidingLabel;
class QMainWindow;
class SocketTablePanel;
class SourceController;
class WindowState;

// What is watched and how sampling goes, in the status bar (host, namespace, refresh, slab,
// rows, a recording in progress) and in the window title.
class WindowStatus : public QObject
{
    Q_OBJECT

public:
    WindowStatus(QMainWindow *window, const WindowState *state, const SourceController *sources, SocketTablePanel *table);

    // Reads everything afresh (after a sample, a change of source, place, pause or language).
    void refresh();
    // "● Recording: …" while a recording runs; empty: hidden.
    void showRecording(const QString &text);

private:
    void updateTitle();

    QMainWindow *m_window;
    const WindowState *m_state;
    const SourceController *m_sources;
    ElidingLabel *m_hostStatus;
    ElidingLabel *m_namespaceStatus;
    ElidingLabel *m_refreshStatus;
    ElidingLabel *m_recordingStatus;
    ElidingLabel *m_slabStatus;
    ElidingLabel *m_rowsStatus;
    int m_rowsShown = 0;
    int m_rowsTotal = 0;
};
