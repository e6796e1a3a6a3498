// MainWindow, its source: the source of the samples, what it lets the window do, its connection
// state, and moving through what a seekable source (a recording) holds.
#include "mainwindow.h"

#include "connectionbanner.h"
#include "filesource.h"
#include "overviewpanel.h"
#include "portchartpanel.h"
#include "remotesource.h"
#include "replaybar.h"
#include "snapshottextwriter.h"
#include "sockettablepanel.h"
#include "sysctlpanel.h"
#include "timewaitbyportmodel.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QLabel>
#include <QSignalBlocker>
#include <QStatusBar>

void MainWindow::setSource(Source *source)
{
    if (m_source) {
        // Leaving the old source: a recording in progress is closed properly, and nothing more
        // from it reaches this window.
        m_source->stop();
        disconnect(m_source, nullptr, this, nullptr);
        disconnect(m_source, nullptr, m_tablePanel, nullptr);
        if (m_source->parent() == this)
            m_source->deleteLater();
    }
    m_source = source;
    // The watched kernel's facts come from the source (this machine's are gathered in a worker).
    m_sysctlPanel->setKernelFacts(source->kernelFacts());
    const Source::Capabilities capabilities = source->capabilities();
    const std::vector<SampleSummary> held = source->history();
    if (capabilities.canSeek || !held.empty()) {
        m_history = HistoryRing(qMax(HistoryRing::DefaultCapacity, int(held.size())));
        for (const SampleSummary &summary : held)
            m_history.append(summary);
        m_history.addOwnerLabels(source->ownerLabels());
        m_markers = source->markers();
    }
    // The sysctl pane changes the kernel the source watches only the way the source says.
    m_sysctlPanel->setChanger(source->sysctlChanger());
    connectSource();
    applyCapabilities();
    if (capabilities.canSeek && !source->warnings().isEmpty())
        showNotice(tr("<b>This recording is incomplete:</b> %1").arg(source->warnings().join(QLatin1Char(' ')).toHtmlEscaped()));
    if (capabilities.canSeek) {
        m_replayBar->setSampleCount(m_history.size());
        m_replayBar->setPosition(m_history.size() - 1);
        setReplayPosition(m_history.size() - 1);
    } else {
        source->setTableQuery(m_tablePanel->query());
        source->setPaused(m_paused);
    }
    source->start(intervalMs());
    showSourceState();
}

void MainWindow::watchAnew(Source *source)
{
    m_history = HistoryRing(HistoryRing::DefaultCapacity);
    m_markers.clear();
    m_latest.reset();
    setSource(source);
    // Nothing of the previous source stays on screen under the new one's name.
    showSnapshotInPanels();
    refreshCharts();
}

void MainWindow::connectSource()
{
    connect(m_source, &Source::sampleReady, this, [this](const SamplePtr &sample) {
        showSample(sample);
        // Only now may a local sampler send the next one: a busy GUI makes it skip, never queue.
        if (m_source)
            m_source->acknowledge();
    });
    connect(m_source, &Source::tableReady, m_tablePanel, &SocketTablePanel::setRows);
    connect(m_source, &Source::failed, this, &MainWindow::showFailure);
    connect(m_source, &Source::placeChanged, this, &MainWindow::updateStatus);
    connect(m_source, &Source::kernelFactsChanged, this, [this] {
        m_sysctlPanel->setKernelFacts(m_source->kernelFacts());
        if (m_latest)
            showSnapshotInPanels();
    });
    connect(m_source, &Source::stateChanged, this, &MainWindow::showSourceState);
    connect(m_source, &Source::recordingStarted, this, [this](const QString &path) {
        m_recordingPath = path;
        applyCapabilities();
        m_recordingStatus->show();
        emit recordingChanged(true);
    });
    connect(m_source, &Source::recordingProgress, this, [this](qint64 bytes, int samples, int tables) {
        m_recordingStatus->setText(tr("● Recording: %1 samples, %2 tables, %3")
                                       .arg(samples)
                                       .arg(tables)
                                       .arg(SnapshotTextWriter::formatBytes(bytes)));
    });
    const auto recordingEnded = [this] {
        m_recordingPath.clear();
        applyCapabilities();
        m_recordingStatus->hide();
        emit recordingChanged(false);
    };
    connect(m_source, &Source::recordingStopped, this,
            [this, recordingEnded](const QString &path, qint64 bytes, int samples, int tables) {
                recordingEnded();
                statusBar()->showMessage(tr("Recorded %1 samples and %2 socket tables (%3) to %4")
                                             .arg(samples)
                                             .arg(tables)
                                             .arg(SnapshotTextWriter::formatBytes(bytes), path),
                                         15000);
            });
    connect(m_source, &Source::recordingFailed, this, [this, recordingEnded](const QString &message) {
        recordingEnded();
        showFailure(message);
    });
}

void MainWindow::applyCapabilities()
{
    const Source::Capabilities capabilities = m_source ? m_source->capabilities() : Source::Capabilities();
    const bool recording = !m_recordingPath.isEmpty();
    m_pauseAction->setEnabled(capabilities.canPause);
    m_interval->setEnabled(capabilities.canChangeInterval);
    m_recordAction->setEnabled(capabilities.canRecord && !recording);
    m_stopRecordAction->setEnabled(recording);
    m_tableNowAction->setEnabled(capabilities.canRequestTable && recording);
    if (capabilities.canSeek && !m_replayBar) {
        m_replayBar = new ReplayBar(this);
        addToolBarBreak();
        addToolBar(m_replayBar);
        connect(m_replayBar, &ReplayBar::positionChanged, this, &MainWindow::setReplayPosition);
    }
    if (m_replayBar)
        m_replayBar->setVisible(capabilities.canSeek);
}

void MainWindow::showSourceState()
{
    if (!m_source)
        return;
    m_connection->showState(*m_source);
    updateStatus();
}

void MainWindow::openRecording(const RecordingPtr &recording)
{
    setSource(new FileSource(recording, this));
}

void MainWindow::setReplayPosition(int index)
{
    if (!isReplay() || m_history.isEmpty())
        return;
    m_replayIndex = qBound(0, index, m_history.size() - 1);
    if (m_replayBar && m_replayBar->position() != m_replayIndex) {
        const QSignalBlocker quiet(m_replayBar); // the slider follows; it must not call back
        m_replayBar->setPosition(m_replayIndex);
    }
    showReplayPosition();
}

void MainWindow::showReplayPosition()
{
    const SampleSummary &summary = m_history.at(m_replayIndex);
    // The socket table recorded at or before this moment, decoded only when it changes.
    bool changed = false;
    QString error;
    const SnapshotPtr snapshot = m_source->snapshotAt(summary.timeMs, &changed, &error);
    if (changed) {
        m_latest = snapshot;
        m_tablePanel->setRows(SocketTableRows::build(m_latest, m_tablePanel->query()));
        showSnapshotInPanels();
    } else if (!error.isEmpty()) {
        statusBar()->showMessage(error, 10000);
    }
    // What a sample's summary holds comes from the sample under the slider; the rest from the
    // socket table recorded at or before it, which says how far from the slider it is.
    m_portModel->setSummary(summary);
    m_portPanel->setMoment(QDateTime::fromMSecsSinceEpoch(summary.timeMs).toString(QStringLiteral("HH:mm:ss")));
    m_overviewPanel->showMoment(summary, m_latest);
    const QLocale locale;
    QString table = tr("; no socket table recorded");
    if (m_latest) {
        const qint64 ago = (summary.timeMs - m_latest->wallTimeMs) / 1000;
        const QString when = QDateTime::fromMSecsSinceEpoch(m_latest->wallTimeMs).toString(QStringLiteral("HH:mm:ss"));
        table = ago == 0 ? tr("; socket table from %1").arg(when)
                         : tr("; socket table from %1, %2 s before the slider").arg(when, locale.toString(ago));
    }
    m_replayBar->setTimeText(tr("%1 (sample %2 of %3)%4")
                                 .arg(QDateTime::fromMSecsSinceEpoch(summary.timeMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss t")))
                                 .arg(m_replayIndex + 1)
                                 .arg(m_history.size())
                                 .arg(table));
    refreshCharts();
    updateStatus();
}

