#pragma once

#include "core/collect/kernelfacts.h"
#include "core/snapshot/ownerlabelbook.h"
#include "recording/recordingframes.h"
#include "sampling/sample.h"
#include "core/snapshot/samplesummary.h"
#include "table/sockettablerows.h"
#include "sysctl/sysctlchanger.h"

#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <vector>

// Where the window's samples come from: the local kernel (LocalSource), a recording file
// (FileSource), a live stream from sockscope-agent over a pipe or SSH (StreamSource), and later
// a training lab. The window presents one source and asks it what it can do instead of testing
// which kind it is.
class Source : public QObject
{
    Q_OBJECT

public:
    struct Capabilities
    {
        bool canPause = false;
        bool canSeek = false; // a slider over samples held (the replay bar)
        bool canRecord = false;
        bool canChangeInterval = false;
        bool canRequestTable = false; // "record a socket table now"
    };
    enum class State {
        Connecting, // started, nothing received yet
        Live,
        Lost, // stateReason() says why
        Reconnecting, // retryInSeconds() until the next attempt
        Ended, // a recording shown whole, or a stream that will not be retried
    };
    enum class Kind { ThisHost, Namespace, Recording, RemoteHost, Lab };
    // What is watched, as plain one-line texts (the title, the status bar, capture stamps).
    struct Place
    {
        QString host;
        QString kernel;
        QString namespaceName; // "current" (translated) for the watcher's own, else its label
        QString namespaceId; // "net:[4026531840]"
        QString namespaceText() const
        {
            return namespaceId.isEmpty() ? namespaceName : namespaceName + QLatin1Char(' ') + namespaceId;
        }
    };

    using QObject::QObject;

    virtual Kind kind() const = 0;
    virtual Capabilities capabilities() const = 0;
    // Names what is watched in a few words: "this host", "namespace web", "incident.sockrec",
    // "admin@web1".
    virtual QString label() const = 0;
    virtual Place place() const = 0;
    // How the sysctl pane changes the watched kernel's sysctls (or why it cannot): owned by the
    // source, handed to the pane as it is.
    virtual SysctlChanger *sysctlChanger() const = 0;

    // What the sysctl pane says about the watched kernel (defaults, the host's namespace): the
    // source delivers it (kernelFactsChanged), so the pane never asks the kernel itself. Nothing
    // known (a recording, a remote host before its header) leaves the documented defaults.
    const KernelFacts &kernelFacts() const { return m_kernelFacts; }

    State state() const { return m_state; }
    QString stateReason() const { return m_stateReason; }
    int retryInSeconds() const { return m_retryInSeconds; }

    // Begins delivering samples (a recording: none; its history() is all there is).
    virtual void start(int intervalMs) = 0;
    // Ends delivery for good (a stream's process is closed; nothing is left running).
    virtual void stop() { }
    virtual void setIntervalMs(int intervalMs) { Q_UNUSED(intervalMs); }
    virtual void setPaused(bool paused) { Q_UNUSED(paused); }
    // How the table of the samples is filtered and sorted (a source without its own thread
    // for it returns rows built here through tableReady).
    virtual void setTableQuery(const SocketTableQuery &query) { Q_UNUSED(query); }
    virtual void requestTable() { }
    // The window has shown the last sample; a local sampler skips refreshes until then.
    virtual void acknowledge() { }

    virtual void startRecording(const QString &path) { Q_UNUSED(path); }
    virtual void stopRecording() { }
    virtual void addMarker(qint64 timeMs, const QString &label)
    {
        Q_UNUSED(timeMs);
        Q_UNUSED(label);
    }

    // What the source already holds when attached (a recording's samples), oldest first.
    virtual std::vector<SampleSummary> history() const { return {}; }
    // The names of the owners those summaries track (SampleSummary::owners).
    virtual OwnerLabelBook ownerLabels() const { return {}; }
    virtual std::vector<RecordingMarker> markers() const { return {}; }
    // Problems with what is held (an incomplete recording), shown as a notice.
    virtual QStringList warnings() const { return {}; }
    // canSeek: the socket table recorded at or before timeMs, and whether it is another one than
    // the last call returned (decoding it is costly).
    virtual SnapshotPtr snapshotAt(qint64 timeMs, bool *changed, QString *error)
    {
        Q_UNUSED(timeMs);
        *changed = false;
        *error = QString();
        return nullptr;
    }

signals:
    void sampleReady(const SamplePtr &sample);
    void tableReady(const SocketTableRowsPtr &rows);
    void stateChanged(Source::State state);
    void placeChanged();
    void failed(const QString &message);
    void recordingStarted(const QString &path);
    void recordingProgress(qint64 bytes, int samples, int tables);
    void recordingStopped(const QString &path, qint64 bytes, int samples, int tables);
    void recordingFailed(const QString &message);
    void kernelFactsChanged();

protected:
    // What a recording's (or a stream's) header names: host, kernel, namespace, as plain text.
    static Place placeFromHeader(const QJsonObject &header);
    void setState(State state, const QString &reason = QString(), int retryInSeconds = 0);
    void setKernelFacts(const KernelFacts &facts);
    // A source watching this machine's kernel: its facts are gathered off the GUI thread
    // (ThisKernelFacts) and arrive through kernelFactsChanged.
    void useThisKernelsFacts();

private:
    KernelFacts m_kernelFacts;
    State m_state = State::Connecting;
    QString m_stateReason;
    int m_retryInSeconds = 0;
};
