// MainWindow, part two: what an incident needs. Capturing pictures, exporting the table and the
// history, markers on the timeline, recording samples, and replaying a recording.
#include "mainwindow.h"
#include "coremessagetext.h"
#include "plainmessage.h"

#include "capturedialog.h"
#include "historyexporter.h"
#include "networknamespace.h"
#include "overviewpanel.h"
#include "portchartpanel.h"
#include "replaybar.h"
#include "sampler.h"
#include "samplerthread.h"
#include "slabchartpanel.h"
#include "snapshottextwriter.h"
#include "sockettablemodel.h"
#include "sockettablepanel.h"
#include "sysctllistmodel.h"
#include "sysctlpanel.h"
#include "tableexporter.h"
#include "timewaitbyportmodel.h"
#include "untrustedtext.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSaveFile>
#include <QSignalBlocker>
#include <QStatusBar>
#include <QStyle>
#include <QSysInfo>
#include <QToolBar>

QStringList MainWindow::chartViewNames()
{
    return {QStringLiteral("states"), QStringLiteral("ports"), QStringLiteral("slab"), QStringLiteral("rates")};
}

void MainWindow::createIncidentActions()
{
    m_captureAction = new QAction(this);
    m_captureAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_captureAction->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
    connect(m_captureAction, &QAction::triggered, this, &MainWindow::captureWithDialog);
    m_exportCsvAction = new QAction(this);
    connect(m_exportCsvAction, &QAction::triggered, this, [this] { exportWithDialog(false, QStringLiteral("csv")); });
    m_exportJsonAction = new QAction(this);
    connect(m_exportJsonAction, &QAction::triggered, this, [this] { exportWithDialog(false, QStringLiteral("json")); });
    m_exportHistoryAction = new QAction(this);
    connect(m_exportHistoryAction, &QAction::triggered, this, [this] { exportWithDialog(true, QStringLiteral("csv")); });
    m_markerAction = new QAction(this);
    m_markerAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    connect(m_markerAction, &QAction::triggered, this, [this] {
        bool ok = false;
        const QString label = QInputDialog::getText(this, tr("Add marker"), tr("Label for this moment (e.g. deploy, LB restart):"),
                                                    QLineEdit::Normal, QString(), &ok);
        if (ok && !label.trimmed().isEmpty())
            addMarker(label.trimmed());
    });
    m_recordAction = new QAction(this);
    connect(m_recordAction, &QAction::triggered, this, [this] {
        const QString file = QFileDialog::getSaveFileName(
            this, tr("Record to"), suggestedPath(QSysInfo::machineHostName(), QStringLiteral("sockrec")),
            tr("sockscope recordings (*.sockrec)"));
        if (!file.isEmpty())
            startRecording(file);
    });
    m_stopRecordAction = new QAction(this);
    m_stopRecordAction->setEnabled(false);
    connect(m_stopRecordAction, &QAction::triggered, this, &MainWindow::stopRecording);
    m_tableNowAction = new QAction(this);
    m_tableNowAction->setEnabled(false);
    connect(m_tableNowAction, &QAction::triggered, this, [this] {
        if (m_sampler)
            m_sampler->recordTableNow();
    });
    m_openRecordingAction = new QAction(this);
    m_openRecordingAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    connect(m_openRecordingAction, &QAction::triggered, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Open recording"), QDir::homePath(),
                                                          tr("sockscope recordings (*.sockrec);;All files (*)"));
        if (file.isEmpty())
            return;
        auto recording = std::make_shared<Recording>();
        QString error;
        if (!recording->read(file, &error)) {
            PlainMessage::warning(this, tr("Open recording"), error);
            return;
        }
        openRecording(recording);
    });

    m_incidentMenu = new QMenu(this);
    menuBar()->insertMenu(m_viewMenu->menuAction(), m_incidentMenu);
    m_incidentMenu->addAction(m_captureAction);
    m_incidentMenu->addAction(m_markerAction);
    m_incidentMenu->addSeparator();
    m_incidentMenu->addAction(m_exportCsvAction);
    m_incidentMenu->addAction(m_exportJsonAction);
    m_incidentMenu->addAction(m_exportHistoryAction);
    m_incidentMenu->addSeparator();
    m_incidentMenu->addAction(m_recordAction);
    m_incidentMenu->addAction(m_tableNowAction);
    m_incidentMenu->addAction(m_stopRecordAction);
    m_incidentMenu->addSeparator();
    m_incidentMenu->addAction(m_openRecordingAction);
    m_fileMenu->insertAction(m_pauseAction, m_openRecordingAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_captureAction);
    m_toolBar->addAction(m_markerAction);
    m_toolBar->addAction(m_recordAction);
}

void MainWindow::retranslateIncidents()
{
    m_incidentMenu->setTitle(tr("&Incident"));
    m_captureAction->setText(tr("Capture…"));
    m_captureAction->setToolTip(tr("Save a stamped picture of the window or of one chart, and copy it (Ctrl+Shift+S)"));
    m_markerAction->setText(tr("Add marker…"));
    m_markerAction->setToolTip(tr("Mark this moment on every chart, e.g. \"deploy\" (Ctrl+M)"));
    m_exportCsvAction->setText(tr("Export sockets as CSV…"));
    m_exportJsonAction->setText(tr("Export sockets as JSON…"));
    m_exportHistoryAction->setText(tr("Export history as CSV…"));
    m_recordAction->setText(tr("Record…"));
    m_recordAction->setToolTip(tr("Record every sample to a file that sockscope --replay opens on any machine"));
    m_tableNowAction->setText(tr("Record the socket table now"));
    m_stopRecordAction->setText(tr("Stop recording"));
    m_openRecordingAction->setText(tr("Open recording…"));
    if (m_replayBar)
        m_replayBar->retranslate();
}

QString MainWindow::namespaceName() const
{
    // Worded here, not by the model when the window started: a language switch retranslates it.
    // No --netns: the window's own namespace, whatever label the caller gave.
    return m_watchesOwnNamespace ? tr("current") : m_namespaceLabel;
}

void MainWindow::renameMarker(int index)
{
    if (index < 0 || index >= int(m_markers.size()))
        return;
    bool ok = false;
    const QString label = QInputDialog::getText(this, tr("Rename marker"), tr("Label:"), QLineEdit::Normal,
                                                m_markers[std::size_t(index)].label, &ok).trimmed();
    if (!ok || label.isEmpty())
        return;
    m_markers[std::size_t(index)].label = label;
    refreshCharts();
}

void MainWindow::removeMarker(int index)
{
    if (index < 0 || index >= int(m_markers.size()))
        return;
    m_markers.erase(m_markers.begin() + index);
    refreshCharts();
}

QString MainWindow::suggestedPath(const QString &what, const QString &suffix)
{
    // "sockscope-web1-20261124-221300.png": files from one incident sort together by time.
    return QDir::home().filePath(QStringLiteral("sockscope-%1-%2.%3")
                                     .arg(what, QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")), suffix));
}

CaptureRenderer::Stamp MainWindow::captureStamp() const
{
    CaptureRenderer::Stamp stamp;
    if (m_replay) {
        stamp.host = m_replay->host();
        stamp.kernel = m_replay->kernel();
        stamp.namespaceText = m_replay->namespaceLabel();
        // A recording of the recorder's own namespace says "current" in the language it was
        // made in: say it in the window's.
        const QString recorded = m_replay->header.value(QLatin1String("netns")).toObject().value(QLatin1String("label")).toString();
        if (recorded == QLatin1String("current") || recorded == CoreMessageText::namespaceLabel(std::string()))
            stamp.namespaceText = tr("current") + stamp.namespaceText.mid(recorded.size());
    } else {
        stamp.host = QSysInfo::machineHostName();
        stamp.kernel = QSysInfo::kernelVersion();
        stamp.namespaceText = namespaceName() + QLatin1Char(' ') + m_namespaceId;
    }
    if (!m_history.isEmpty()) {
        stamp.toMs = m_history.at(viewEnd()).timeMs;
        stamp.fromMs = qMax(stamp.toMs - qint64(windowSeconds()) * 1000, m_history.at(0).timeMs);
    }
    return stamp;
}

bool MainWindow::capture(const QString &view, const QString &path, qreal scale, bool copyToClipboard, QString *error)
{
    revealView(view);
    QWidget *widget = viewByName(view);
    if (!widget) {
        *error = tr("There is no view called %1.").arg(view);
        return false;
    }
    const CaptureRenderer::Stamp stamp = captureStamp();
    if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
        if (!chartViewNames().contains(view)) {
            *error = tr("SVG is for charts; save %1 as PNG.").arg(view);
            return false;
        }
        if (!CaptureRenderer::writeSvg(widget, path, windowTitle(), stamp, error))
            return false;
    }
    const QImage image = CaptureRenderer::renderImage(widget, scale, stamp);
    if (!path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive) && !image.save(path, "PNG")) {
        *error = tr("Cannot write %1.").arg(path);
        return false;
    }
    if (copyToClipboard)
        QApplication::clipboard()->setImage(image);
    statusBar()->showMessage(tr("Saved %1%2").arg(path, copyToClipboard ? tr(" and copied it to the clipboard") : QString()), 8000);
    return true;
}

void MainWindow::captureWithDialog()
{
    const QStringList views = viewNames();
    QStringList titles {tr("Whole window")};
    titles << tr("Overview") << tr("Sockets by state") << tr("TIME-WAIT per port") << tr("Slab memory")
           << tr("Counter rates") << tr("Socket table") << tr("TIME-WAIT sysctls") << tr("Close sequence");
    const QString file = suggestedPath(captureStamp().host, QStringLiteral("png"));
    CaptureDialog dialog(views, titles, chartViewNames(), file, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!capture(dialog.view(), dialog.path(), dialog.scale(), dialog.copyToClipboard(), &error))
        PlainMessage::warning(this, tr("Capture"), error);
}

bool MainWindow::exportSockets(const QString &path, QString *error)
{
    const SocketTableRowsPtr rows = m_socketModel->rows();
    if (!rows) {
        *error = tr("There is no socket table yet.");
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    const bool json = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
    if (!(json ? TableExporter::writeJson(*rows, &file) : TableExporter::writeCsv(*rows, &file)) || !file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    statusBar()->showMessage(tr("Exported %1 sockets to %2").arg(QLocale().toString(qulonglong(rows->rows.size())), path), 8000);
    return true;
}

bool MainWindow::exportHistory(const QString &path, QString *error)
{
    if (m_history.isEmpty()) {
        *error = tr("There is no history yet.");
        return false;
    }
    const CaptureRenderer::Stamp range = captureStamp();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || !HistoryExporter::writeCsv(m_history, m_history.firstAtOrAfter(range.fromMs), viewEnd() + 1, &file)
        || !file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    statusBar()->showMessage(tr("Exported the charts' time range to %1").arg(path), 8000);
    return true;
}

void MainWindow::exportWithDialog(bool history, const QString &suffix)
{
    const QString file = QFileDialog::getSaveFileName(
        this, history ? tr("Export history") : tr("Export sockets"),
        suggestedPath(history ? QStringLiteral("history") : QStringLiteral("sockets"), suffix),
        suffix == QLatin1String("json") ? tr("JSON (*.json)") : tr("CSV (*.csv)"));
    if (file.isEmpty())
        return;
    QString error;
    if (!(history ? exportHistory(file, &error) : exportSockets(file, &error)))
        PlainMessage::warning(this, tr("Export"), error);
}

void MainWindow::addMarker(const QString &label)
{
    if (m_history.isEmpty())
        return;
    const qint64 time = m_replay ? m_history.at(viewEnd()).timeMs : QDateTime::currentMSecsSinceEpoch();
    // As a reader shows it (a pasted control character would break an SVG capture's XML).
    const QString plain = UntrustedText::plain(label);
    m_markers.push_back({time, plain});
    if (m_sampler)
        m_sampler->addMarker(time, plain); // kept in the recording, if one is running
    refreshCharts();
}

void MainWindow::startRecording(const QString &path)
{
    if (!m_sampler)
        return;
    m_sampler->startRecording(path, 300);
}

void MainWindow::stopRecording()
{
    if (m_sampler)
        m_sampler->stopRecording();
}

void MainWindow::openRecording(const RecordingPtr &recording)
{
    if (m_sampler) {
        // Leaving the live view: a recording in progress is closed properly, and nothing more
        // from the sampler reaches this window.
        m_sampler->stopRecording();
        m_sampler->setPaused(true);
        disconnect(m_sampler->sampler(), nullptr, this, nullptr);
        disconnect(m_sampler->sampler(), nullptr, m_tablePanel, nullptr);
        m_sampler = nullptr;
    }
    m_replay = recording;
    m_history = HistoryRing(qMax(HistoryRing::DefaultCapacity, int(recording->summaries.size())));
    for (const SampleSummary &summary : recording->summaries)
        m_history.append(summary);
    m_markers = recording->markers;
    m_replaySnapshotIndex = std::size_t(-1);
    m_sysctlPanel->setReadOnly(tr("A replay shows a recording; it changes nothing on this machine."));
    for (QAction *action : {m_pauseAction, m_recordAction, m_tableNowAction, m_stopRecordAction})
        action->setEnabled(false);
    m_interval->setEnabled(false);
    if (!m_replayBar) {
        m_replayBar = new ReplayBar(this);
        addToolBarBreak();
        addToolBar(m_replayBar);
        connect(m_replayBar, &ReplayBar::positionChanged, this, &MainWindow::setReplayPosition);
    }
    m_replayBar->setSampleCount(m_history.size());
    if (!recording->warnings.isEmpty()) {
        m_failure->setText(tr("<b>This recording is incomplete:</b> %1").arg(recording->warnings.join(QLatin1Char(' ')).toHtmlEscaped()));
        QPalette notice = m_failure->palette();
        notice.setColor(QPalette::Window, QColor(0xff, 0x7f, 0x0e));
        m_failure->setPalette(notice);
        m_failure->show();
    }
    m_replayBar->setPosition(m_history.size() - 1);
    setReplayPosition(m_history.size() - 1);
}

void MainWindow::setReplayPosition(int index)
{
    if (!m_replay || m_history.isEmpty())
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
    const std::size_t frame = m_replay->snapshotIndexAt(summary.timeMs);
    if (!m_replay->snapshots.empty() && frame != m_replaySnapshotIndex) {
        QString error;
        const SnapshotPtr snapshot = m_replay->loadSnapshot(frame, &error);
        if (snapshot) {
            m_replaySnapshotIndex = frame;
            m_latest = snapshot;
            m_tablePanel->setRows(SocketTableRows::build(m_latest, m_tablePanel->query()));
            showSnapshotInPanels();
        } else {
            statusBar()->showMessage(error, 10000);
        }
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

QString MainWindow::noticeText() const
{
    return m_failure->isVisibleTo(this) ? m_failure->text() : QString();
}
