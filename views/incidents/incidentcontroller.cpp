#include "views/incidents/incidentcontroller.h"

#include "views/incidents/capturedialog.h"
#include "views/incidents/incidentbundle.h"
#include "views/sysctl/sysctlchangebox.h"
#include "views/window/docklayout.h"
#include "sampling/historyexporter.h"
#include "views/window/plainmessage.h"
#include "report/snapshottextwriter.h"
#include "itemmodels/sockettablemodel.h"
#include "views/window/sourcecontroller.h"
#include "table/tableexporter.h"
#include "views/charts/timeserieschart.h"
#include "bridge/untrustedtext.h"
#include "sampling/windowstate.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QInputDialog>
#include <QMainWindow>
#include <QMenu>
#include <QSaveFile>
#include <QStyle>

IncidentController::IncidentController(QMainWindow *window, WindowState *state, SourceController *sources, DockLayout *docks)
    : QObject(window)
    , m_window(window)
    , m_state(state)
    , m_sources(sources)
    , m_docks(docks)
{
    createActions();
    createMenu();
    for (TimeSeriesChart *chart : docks->timeCharts()) {
        connect(chart, &TimeSeriesChart::markerRenameRequested, this, &IncidentController::renameMarker);
        connect(chart, &TimeSeriesChart::markerRemoveRequested, state, &WindowState::removeMarker);
    }
    connect(sources, &SourceController::sourceLeaving, this,
            [this](Source *source) { disconnect(source, nullptr, this, nullptr); });
    connect(sources, &SourceController::sourceChanged, this, &IncidentController::watchRecording);
    connect(sources, &SourceController::capabilitiesChanged, this, &IncidentController::updateActions);
}

void IncidentController::createActions()
{
    m_captureAction = new QAction(this);
    m_captureAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_captureAction->setIcon(m_window->style()->standardIcon(QStyle::SP_DialogSaveButton));
    connect(m_captureAction, &QAction::triggered, this, &IncidentController::captureWithDialog);
    m_bundleAction = new QAction(this);
    m_bundleAction->setObjectName(QStringLiteral("IncidentBundleAction"));
    m_bundleAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    connect(m_bundleAction, &QAction::triggered, this, &IncidentController::saveBundleWithDialog);
    m_exportCsvAction = new QAction(this);
    connect(m_exportCsvAction, &QAction::triggered, this, [this] { exportWithDialog(false, QStringLiteral("csv")); });
    m_exportJsonAction = new QAction(this);
    connect(m_exportJsonAction, &QAction::triggered, this, [this] { exportWithDialog(false, QStringLiteral("json")); });
    m_exportHistoryAction = new QAction(this);
    connect(m_exportHistoryAction, &QAction::triggered, this, [this] { exportWithDialog(true, QStringLiteral("csv")); });
    m_markerAction = new QAction(this);
    m_markerAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    connect(m_markerAction, &QAction::triggered, this, &IncidentController::askMarker);
    m_recordAction = new QAction(this);
    m_recordAction->setObjectName(QStringLiteral("RecordAction"));
    connect(m_recordAction, &QAction::triggered, this, &IncidentController::askRecordingPath);
    m_stopRecordAction = new QAction(this);
    m_stopRecordAction->setEnabled(false);
    connect(m_stopRecordAction, &QAction::triggered, this, &IncidentController::stopRecording);
    m_tableNowAction = new QAction(this);
    m_tableNowAction->setEnabled(false);
    connect(m_tableNowAction, &QAction::triggered, this, [this] {
        if (m_sources->source())
            m_sources->source()->requestTable();
    });
    m_openRecordingAction = new QAction(this);
    m_openRecordingAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    connect(m_openRecordingAction, &QAction::triggered, this, &IncidentController::openRecordingWithDialog);
}

void IncidentController::createMenu()
{
    m_menu = new QMenu(m_window);
    m_menu->addAction(m_captureAction);
    m_menu->addAction(m_bundleAction);
    m_menu->addAction(m_markerAction);
    m_menu->addSeparator();
    m_menu->addAction(m_exportCsvAction);
    m_menu->addAction(m_exportJsonAction);
    m_menu->addAction(m_exportHistoryAction);
    m_menu->addSeparator();
    m_menu->addAction(m_recordAction);
    m_menu->addAction(m_tableNowAction);
    m_menu->addAction(m_stopRecordAction);
    m_menu->addSeparator();
    m_menu->addAction(m_openRecordingAction);
}

QList<QAction *> IncidentController::toolBarActions() const
{
    return {m_captureAction, m_markerAction, m_recordAction};
}

void IncidentController::retranslate()
{
    m_menu->setTitle(tr("&Incident"));
    m_captureAction->setText(tr("Capture…"));
    m_captureAction->setToolTip(tr("Save a stamped picture of the window or of one chart, and copy it (Ctrl+Shift+S)"));
    m_bundleAction->setText(tr("Save incident bundle…"));
    m_bundleAction->setToolTip(tr("Save the picture, the JSON snapshot, the history, the sysctl changes and a "
                                  "recording into one new folder for a ticket (Ctrl+Shift+B)"));
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
}

void IncidentController::updateActions()
{
    const Source::Capabilities capabilities = m_sources->capabilities();
    const bool recording = !m_recordingPath.isEmpty();
    m_recordAction->setEnabled(capabilities.canRecord && !recording);
    m_stopRecordAction->setEnabled(recording);
    m_tableNowAction->setEnabled(capabilities.canRequestTable && recording);
}

void IncidentController::watchRecording(Source *source)
{
    connect(source, &Source::recordingStarted, this, [this](const QString &path) {
        m_recordingPath = path;
        updateActions();
        emit recordingChanged(true);
    });
    connect(source, &Source::recordingProgress, this, [this](qint64 bytes, int samples, int tables) {
        emit recordingStatus(
            tr("● Recording: %1 samples, %2 tables, %3").arg(samples).arg(tables).arg(SnapshotTextWriter::formatBytes(bytes)));
    });
    connect(source, &Source::recordingStopped, this, [this](const QString &path, qint64 bytes, int samples, int tables) {
        recordingEnded();
        emit message(tr("Recorded %1 samples and %2 socket tables (%3) to %4")
                         .arg(samples)
                         .arg(tables)
                         .arg(SnapshotTextWriter::formatBytes(bytes), path),
                     15000);
    });
    connect(source, &Source::recordingFailed, this, [this](const QString &message) {
        recordingEnded();
        emit failed(message);
    });
}

void IncidentController::recordingEnded()
{
    m_recordingPath.clear();
    updateActions();
    emit recordingStatus(QString());
    emit recordingChanged(false);
}

void IncidentController::askMarker()
{
    bool ok = false;
    const QString label = QInputDialog::getText(
        m_window, tr("Add marker"), tr("Label for this moment (e.g. deploy, LB restart):"), QLineEdit::Normal, QString(), &ok);
    if (ok && !label.trimmed().isEmpty())
        addMarker(label.trimmed());
}

void IncidentController::addMarker(const QString &label)
{
    const HistoryRing &history = m_state->history();
    if (history.isEmpty())
        return;
    const qint64 time = m_sources->isReplay() ? history.at(m_state->viewEnd()).timeMs : QDateTime::currentMSecsSinceEpoch();
    // As a reader shows it (a pasted control character would break an SVG capture's XML).
    const QString plain = UntrustedText::plain(label);
    m_state->addMarker(time, plain);
    if (m_sources->source())
        m_sources->source()->addMarker(time, plain); // kept in the recording, if one is running
}

void IncidentController::renameMarker(int index)
{
    if (index < 0 || index >= int(m_state->markers().size()))
        return;
    bool ok = false;
    const QString label = QInputDialog::getText(m_window, tr("Rename marker"), tr("Label:"), QLineEdit::Normal,
                                                m_state->markers()[std::size_t(index)].label, &ok)
                              .trimmed();
    if (!ok || label.isEmpty())
        return;
    m_state->renameMarker(index, label);
}

QString IncidentController::suggestedPath(const QString &what, const QString &suffix)
{
    // "sockscope-web1-20261124-221300.png": files from one incident sort together by time.
    const QString name =
        QStringLiteral("sockscope-%1-%2").arg(what, QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    return QDir::home().filePath(suffix.isEmpty() ? name : name + QLatin1Char('.') + suffix);
}

bool IncidentController::capture(const QString &view, const QString &path, qreal scale, bool copyToClipboard, QString *error)
{
    m_docks->revealView(view);
    QWidget *widget = m_docks->viewByName(view);
    if (!widget) {
        *error = tr("There is no view called %1.").arg(view);
        return false;
    }
    const CaptureRenderer::Stamp stamp = m_sources->stamp();
    const QString title = m_window->windowTitle();
    if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
        if (!DockLayout::chartViewNames().contains(view)) {
            *error = tr("SVG is for charts; save %1 as PNG.").arg(view);
            return false;
        }
        if (!CaptureRenderer::writeSvg(widget, path, title, stamp, error))
            return false;
    }
    const QImage image = stampedImage(widget, scale, stamp);
    if (!path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive) && !image.save(path, "PNG")) {
        *error = tr("Cannot write %1.").arg(path);
        return false;
    }
    if (copyToClipboard)
        QApplication::clipboard()->setImage(image);
    emit message(tr("Saved %1%2").arg(path, copyToClipboard ? tr(" and copied it to the clipboard") : QString()), 8000);
    return true;
}

QImage IncidentController::stampedImage(QWidget *widget, qreal scale, const CaptureRenderer::Stamp &stamp) const
{
    QImage image = CaptureRenderer::renderImage(widget, scale, stamp);
    // The stamp as text too (PNG tEXt): which host and time a picture shows stays searchable
    // and readable by tools after the file is renamed.
    image.setText(QStringLiteral("Title"), m_window->windowTitle());
    image.setText(QStringLiteral("Description"), stamp.text());
    return image;
}

void IncidentController::captureWithDialog()
{
    const QString file = suggestedPath(m_sources->stamp().host, QStringLiteral("png"));
    CaptureDialog dialog(DockLayout::viewNames(), DockLayout::viewTitles(), DockLayout::chartViewNames(), file, m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!capture(dialog.view(), dialog.path(), dialog.scale(), dialog.copyToClipboard(), &error))
        PlainMessage::warning(m_window, tr("Capture"), error);
}

bool IncidentController::exportSockets(const QString &path, QString *error)
{
    const SocketTableRowsPtr rows = m_docks->socketModel()->rows();
    if (!rows) {
        *error = tr("There is no socket table yet.");
        return false;
    }
    QSaveFile file(path);
    // Only the owner may read it, whatever a file it replaces allowed: the table names every
    // socket's owner (pid, command, user, unit), which ss -p would not show an unprivileged reader.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    const bool json = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
    if (!(json ? TableExporter::writeJson(*rows, &file) : TableExporter::writeCsv(*rows, &file)) || !file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    emit message(tr("Exported %1 sockets to %2").arg(QLocale().toString(qulonglong(rows->rows.size())), path), 8000);
    return true;
}

bool IncidentController::exportHistory(const QString &path, QString *error)
{
    const HistoryRing &history = m_state->history();
    if (history.isEmpty()) {
        *error = tr("There is no history yet.");
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || !HistoryExporter::writeCsv(history, history.firstAtOrAfter(m_state->viewFromMs()), m_state->viewEnd() + 1,
                                      m_state->markers(), &file)
        || !file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    emit message(tr("Exported the charts' time range to %1").arg(path), 8000);
    return true;
}

void IncidentController::exportWithDialog(bool history, const QString &suffix)
{
    const QString file =
        QFileDialog::getSaveFileName(m_window, history ? tr("Export history") : tr("Export sockets"),
                                     suggestedPath(history ? QStringLiteral("history") : QStringLiteral("sockets"), suffix),
                                     suffix == QLatin1String("json") ? tr("JSON (*.json)") : tr("CSV (*.csv)"));
    if (file.isEmpty())
        return;
    QString error;
    if (!(history ? exportHistory(file, &error) : exportSockets(file, &error)))
        PlainMessage::warning(m_window, tr("Export"), error);
}

void IncidentController::askRecordingPath()
{
    const QString file =
        QFileDialog::getSaveFileName(m_window, tr("Record to"), suggestedPath(m_sources->stamp().host, QStringLiteral("sockrec")),
                                     tr("sockscope recordings (*.sockrec)"));
    if (!file.isEmpty())
        startRecording(file);
}

void IncidentController::startRecording(const QString &path)
{
    if (m_sources->source() && m_sources->capabilities().canRecord)
        m_sources->source()->startRecording(path);
}

void IncidentController::stopRecording()
{
    if (m_sources->source())
        m_sources->source()->stopRecording();
}

void IncidentController::openRecordingWithDialog()
{
    const QString file = QFileDialog::getOpenFileName(m_window, tr("Open recording"), QDir::homePath(),
                                                      tr("sockscope recordings (*.sockrec);;All files (*)"));
    if (file.isEmpty())
        return;
    auto recording = std::make_shared<Recording>();
    QString error;
    if (!recording->read(file, &error)) {
        PlainMessage::warning(m_window, tr("Open recording"), error);
        return;
    }
    m_sources->openRecording(recording);
}

void IncidentController::followSysctlChanges(SysctlChangeBox *box)
{
    connect(box, &SysctlChangeBox::changesApplied, this, &IncidentController::addMarker);
    connect(box, &SysctlChangeBox::changesRecorded, this, &IncidentController::recordSysctlChanges);
}

void IncidentController::recordSysctlChanges(const std::vector<SysctlChangeRecord> &records)
{
    for (const SysctlChangeRecord &record : records) {
        if (m_sysctlChanges.size() < SysctlChangeLog::MaximumRecords)
            m_sysctlChanges.push_back(record);
        else
            ++m_sysctlChangesDropped;
    }
}

bool IncidentController::saveIncidentBundle(const QString &folder, QString *error)
{
    const HistoryRing &history = m_state->history();
    if (history.isEmpty()) {
        *error = tr("There is no history yet.");
        return false;
    }
    const QString view = QStringLiteral("window");
    m_docks->revealView(view);
    IncidentBundle::Contents contents;
    contents.stamp = m_sources->stamp();
    contents.capture = stampedImage(m_docks->viewByName(view), m_window->devicePixelRatioF(), contents.stamp);
    contents.place = m_sources->source() ? m_sources->source()->place() : Source::Place();
    contents.snapshot = m_state->latest();
    contents.history = &history;
    contents.markers = m_state->markers();
    contents.sysctlChanges = m_sysctlChanges;
    contents.sysctlChangesDropped = m_sysctlChangesDropped;
    const qint64 intervalMs = history.typicalIntervalMs(history.size());
    contents.intervalMs = intervalMs > 0 ? int(qMin<qint64>(intervalMs, 10000)) : 1000;
    contents.runningRecording = m_recordingPath;
    if (!IncidentBundle::write(folder, contents, error))
        return false;
    emit message(tr("Saved the incident bundle to %1").arg(folder), 8000);
    return true;
}

void IncidentController::saveBundleWithDialog()
{
    // A folder that does not exist yet: the file dialog's name field takes it as a new name.
    const QString folder = QFileDialog::getSaveFileName(
        m_window, tr("Save incident bundle"), suggestedPath(m_sources->stamp().host + QStringLiteral("-incident"), QString()),
        tr("A new folder (*)"), nullptr, QFileDialog::DontConfirmOverwrite);
    if (folder.isEmpty())
        return;
    QString error;
    if (!saveIncidentBundle(folder, &error))
        PlainMessage::warning(m_window, tr("Save incident bundle"), error);
}
