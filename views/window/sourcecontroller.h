#pragma once

#include "views/incidents/capturerenderer.h"
#include "recording/recording.h"
#include "sampling/sample.h"
#include "sources/source.h"

#include <QObject>
#include <QPointer>

class QMainWindow;
class ReplayBar;
class SocketTablePanel;
class SysctlPanel;
class WindowState;

// Where the window's samples come from: the one Source it watches (the local kernel, a
// recording, a remote stream, the lab), what that source lets the window do, and moving through
// what a seekable source (a recording) holds. Samples go into the window state.
class SourceController : public QObject
{
    Q_OBJECT

public:
    // `window` is where the replay bar goes and what owns the sources it makes (deleted when
    // replaced); the table and the sysctl pane are those the source feeds and changes.
    SourceController(QMainWindow *window, WindowState *state, SocketTablePanel *table, SysctlPanel *sysctlPanel);

    // What the window shows from now on: another place to watch (a host, a recording, the lab),
    // so history, markers and the last table of the previous one are dropped and every view is
    // cleared. A source whose parent is the window is deleted when replaced; others belong to
    // the caller and must outlive their use.
    void setSource(Source *source);
    // Replay: the window shows a recording (a FileSource), with no kernel access.
    void openRecording(const RecordingPtr &recording);
    Source *source() const { return m_source; }
    Source::Capabilities capabilities() const;
    bool isReplay() const { return m_source && m_source->capabilities().canSeek; }
    bool isSampling() const { return m_source && !isReplay(); }
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    // The interval the next source starts at, and the current one samples at.
    void setIntervalMs(int intervalMs);
    void setReplayPosition(int index);
    // Which host, kernel, namespace and time range the window shows (status bar, captures).
    CaptureRenderer::Stamp stamp() const;
    // The replay bar, hidden, on a row of its own under the window's toolbar: called once,
    // after that toolbar is added and before a saved layout is restored.
    void addReplayBar();
    // Shows the replay bar in a replay only (after a layout was restored or reset too).
    void showReplayBar();
    void retranslate();

signals:
    // Each sample, before the source may send the next.
    void sampleReady(const SamplePtr &sample);
    void failed(const QString &message);
    void notice(const QString &html);
    void message(const QString &text, int timeoutMs);
    // The watched place, the connection, pausing or the replay position changed.
    void statusChanged();
    void connectionChanged();
    void capabilitiesChanged();
    // Before a source is replaced (it has stopped; a recording it made has ended) and after.
    void sourceLeaving(Source *source);
    void sourceChanged(Source *source);

private:
    // Stops the watched source and lets nothing more of it reach the window.
    void leaveSource();
    void connectSource();
    // The sysctl pane changes the kernel the source watches only when the source says how.
    void connectSysctlPane(Source *source);
    void showReplayPosition();

    QMainWindow *m_window;
    WindowState *m_state;
    SocketTablePanel *m_tablePanel;
    SysctlPanel *m_sysctlPanel;
    QPointer<Source> m_source;
    ReplayBar *m_replayBar = nullptr;
    int m_intervalMs = 1000;
    bool m_paused = false;
};
