#include "views/window/sourcecontroller.h"

#include "sources/filesource.h"
#include "views/incidents/replaybar.h"
#include "views/table/sockettablepanel.h"
#include "views/sysctl/sysctlpanel.h"
#include "sampling/windowstate.h"

#include <QDateTime>
#include <QMainWindow>
#include <QSignalBlocker>
#include <QSysInfo>

SourceController::SourceController(QMainWindow *window, WindowState *state, SocketTablePanel *table, SysctlPanel *sysctlPanel)
    : QObject(window)
    , m_window(window)
    , m_state(state)
    , m_tablePanel(table)
    , m_sysctlPanel(sysctlPanel)
{
    connect(m_tablePanel, &SocketTablePanel::queryChanged, this, [this](const SocketTableQuery &query) {
        if (isReplay() && m_state->latest()) // nothing samples in a replay: sort the recorded table here
            m_tablePanel->setRows(SocketTableRows::build(m_state->latest(), query));
        else if (m_source)
            m_source->setTableQuery(query);
    });
}

Source::Capabilities SourceController::capabilities() const
{
    return m_source ? m_source->capabilities() : Source::Capabilities();
}

void SourceController::setSource(Source *source)
{
    leaveSource();
    m_source = source;
    // The watched kernel's facts come from the source (this machine's are gathered in a worker).
    m_sysctlPanel->setKernelFacts(source->kernelFacts());
    const Source::Capabilities capabilities = source->capabilities();
    const std::vector<SampleSummary> held = source->history();
    // Every source is another place (a host, a recording, the lab, a namespace): nothing of the
    // previous one stays on screen, or in a capture, under the new one's name.
    m_state->clear();
    m_tablePanel->setRows(SocketTableRows::build(nullptr, m_tablePanel->query()));
    m_state->setReplay(capabilities.canSeek);
    if (capabilities.canSeek || !held.empty())
        m_state->adopt(held, source->ownerLabels(), source->markers());
    connectSysctlPane(source);
    connectSource();
    emit sourceChanged(source);
    m_state->republish();
    showReplayBar();
    emit capabilitiesChanged();
    if (capabilities.canSeek && !source->warnings().isEmpty())
        emit notice(tr("<b>This recording is incomplete:</b> %1").arg(source->warnings().join(QLatin1Char(' ')).toHtmlEscaped()));
    if (capabilities.canSeek) {
        m_replayBar->setSampleCount(m_state->history().size());
        m_replayBar->setPosition(m_state->history().size() - 1);
        setReplayPosition(m_state->history().size() - 1);
    } else {
        source->setTableQuery(m_tablePanel->query());
        source->setPaused(m_paused);
    }
    source->start(m_intervalMs);
    emit connectionChanged();
}

void SourceController::leaveSource()
{
    if (!m_source)
        return;
    // Nothing more from the old source reaches this window, not even the end of its stream:
    // it ends because the window stops watching it, which is no failure of that host.
    Source *old = m_source;
    disconnect(old, nullptr, this, nullptr);
    disconnect(old, nullptr, m_tablePanel, nullptr);
    // A recording in progress is closed properly (the incident controller hears how it ended).
    old->stop();
    emit sourceLeaving(old);
    if (old->parent() == m_window)
        old->deleteLater();
}

void SourceController::connectSysctlPane(Source *source)
{
    // The sysctl pane changes the kernel the source watches only the way the source says.
    m_sysctlPanel->setChanger(source->sysctlChanger());
}

void SourceController::connectSource()
{
    connect(m_source, &Source::sampleReady, this, [this](const SamplePtr &sample) {
        emit sampleReady(sample);
        // Only now may a local sampler send the next one: a busy GUI makes it skip, never queue.
        if (m_source)
            m_source->acknowledge();
    });
    connect(m_source, &Source::tableReady, m_tablePanel, &SocketTablePanel::setRows);
    connect(m_source, &Source::failed, this, &SourceController::failed);
    connect(m_source, &Source::placeChanged, this, &SourceController::statusChanged);
    connect(m_source, &Source::kernelFactsChanged, this, [this] {
        m_sysctlPanel->setKernelFacts(m_source->kernelFacts());
        if (m_state->latest())
            m_state->setSnapshot(m_state->latest());
    });
    connect(m_source, &Source::stateChanged, this, &SourceController::connectionChanged);
}

void SourceController::addReplayBar()
{
    // Added with the window's first layout, hidden, never later: Qt applies a state restored
    // into a hidden window that is to be maximised again at its first resize, and a toolbar
    // added in between falls out of the layout (it was drawn over the menu bar). Being in the
    // first layout, Reset layout also puts it back on its own row.
    m_replayBar = new ReplayBar(m_window);
    m_window->addToolBarBreak();
    m_window->addToolBar(m_replayBar);
    m_replayBar->hide();
    connect(m_replayBar, &ReplayBar::positionChanged, this, &SourceController::setReplayPosition);
}

void SourceController::showReplayBar()
{
    // A saved or reset layout says nothing about what is watched now: shown in a replay only.
    m_replayBar->setVisible(isReplay());
}

void SourceController::setPaused(bool paused)
{
    m_paused = paused;
    if (m_source)
        m_source->setPaused(paused);
    emit statusChanged();
}

void SourceController::setIntervalMs(int intervalMs)
{
    m_intervalMs = intervalMs;
    if (m_source)
        m_source->setIntervalMs(intervalMs);
}

void SourceController::openRecording(const RecordingPtr &recording)
{
    setSource(new FileSource(recording, m_window));
}

void SourceController::setReplayPosition(int index)
{
    if (!isReplay() || m_state->history().isEmpty())
        return;
    m_state->setReplayIndex(index);
    if (m_replayBar && m_replayBar->position() != m_state->replayIndex()) {
        const QSignalBlocker quiet(m_replayBar); // the slider follows; it must not call back
        m_replayBar->setPosition(m_state->replayIndex());
    }
    showReplayPosition();
}

void SourceController::showReplayPosition()
{
    const int index = m_state->replayIndex();
    const SampleSummary &summary = m_state->history().at(index);
    // The socket table recorded at or before this moment, decoded only when it changes.
    bool changed = false;
    QString error;
    const SnapshotPtr snapshot = m_source->snapshotAt(summary.timeMs, &changed, &error);
    if (changed) {
        m_tablePanel->setRows(SocketTableRows::build(snapshot, m_tablePanel->query()));
        m_state->setSnapshot(snapshot);
    } else if (!error.isEmpty()) {
        emit message(error, 10000);
    }
    // What a sample's summary holds comes from the sample under the slider; the rest from the
    // socket table recorded at or before it, which says how far from the slider it is.
    m_state->showMoment(summary);
    const SnapshotPtr latest = m_state->latest();
    QString table = tr("; no socket table recorded");
    if (latest) {
        const qint64 ago = (summary.timeMs - latest->wallTimeMs) / 1000;
        const QString when = QDateTime::fromMSecsSinceEpoch(latest->wallTimeMs).toString(QStringLiteral("HH:mm:ss"));
        table = ago == 0 ? tr("; socket table from %1").arg(when)
                         : tr("; socket table from %1, %2 s before the slider").arg(when, QLocale().toString(ago));
    }
    m_replayBar->setTimeText(
        tr("%1 (sample %2 of %3)%4")
            .arg(QDateTime::fromMSecsSinceEpoch(summary.timeMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss t")))
            .arg(index + 1)
            .arg(m_state->history().size())
            .arg(table));
    m_state->redraw();
    emit statusChanged();
}

CaptureRenderer::Stamp SourceController::stamp() const
{
    CaptureRenderer::Stamp stamp;
    if (m_source) {
        const Source::Place place = m_source->place();
        stamp.host = place.host;
        stamp.kernel = place.kernel;
        stamp.namespaceText = place.namespaceText();
    } else {
        stamp.host = QSysInfo::machineHostName();
        stamp.kernel = QSysInfo::kernelVersion();
        stamp.namespaceText = tr("current");
    }
    stamp.toMs = m_state->viewToMs();
    stamp.fromMs = m_state->viewFromMs();
    return stamp;
}

void SourceController::retranslate()
{
    m_replayBar->retranslate();
}
