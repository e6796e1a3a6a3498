// MainWindow, what an incident needs: Capturing pictures, exporting the table and the
// history, markers on the timeline, recording samples.
#include "mainwindow.h"
#include "plainmessage.h"

#include "capturedialog.h"
#include "historyexporter.h"
#include "overviewpanel.h"
#include "portchartpanel.h"
#include "processtimewaitpanel.h"
#include "ratechartpanel.h"
#include "replaybar.h"
#include "slabchartpanel.h"
#include "snapshottextwriter.h"
#include "sockettablemodel.h"
#include "sockettablepanel.h"
#include "statechartpanel.h"
#include "sysctllistmodel.h"
#include "sysctlpanel.h"
#include "tableexporter.h"
#include "timeserieschart.h"
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
    m_recordAction->setObjectName(QStringLiteral("RecordAction"));
    connect(m_recordAction, &QAction::triggered, this, [this] {
        const QString file = QFileDialog::getSaveFileName(
            this, tr("Record to"), suggestedPath(captureStamp().host, QStringLiteral("sockrec")),
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
        if (m_source)
            m_source->requestTable();
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

    for (TimeSeriesChart *chart : {m_statePanel->chart(), m_portPanel->timeChart(), m_slabPanel->chart(), m_ratePanel->chart(),
                                   m_processPanel->timeChart()}) {
        connect(chart, &TimeSeriesChart::markerRenameRequested, this, &MainWindow::renameMarker);
        connect(chart, &TimeSeriesChart::markerRemoveRequested, this, &MainWindow::removeMarker);
    }

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
    m_watchRemoteAction = new QAction(this);
    connect(m_watchRemoteAction, &QAction::triggered, this, &MainWindow::askRemoteHost);
    m_fileMenu->insertAction(m_pauseAction, m_watchRemoteAction);
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
    m_watchRemoteAction->setText(tr("Watch remote host…"));
    if (m_replayBar)
        m_replayBar->retranslate();
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
    QImage image = CaptureRenderer::renderImage(widget, scale, stamp);
    // The stamp as text too (PNG tEXt): which host and time a picture shows stays searchable
    // and readable by tools after the file is renamed.
    image.setText(QStringLiteral("Title"), windowTitle());
    image.setText(QStringLiteral("Description"), stamp.text());
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
    const qint64 time = isReplay() ? m_history.at(viewEnd()).timeMs : QDateTime::currentMSecsSinceEpoch();
    // As a reader shows it (a pasted control character would break an SVG capture's XML).
    const QString plain = UntrustedText::plain(label);
    m_markers.push_back({time, plain});
    if (m_source)
        m_source->addMarker(time, plain); // kept in the recording, if one is running
    refreshCharts();
}

void MainWindow::startRecording(const QString &path)
{
    if (m_source && m_source->capabilities().canRecord)
        m_source->startRecording(path);
}

void MainWindow::stopRecording()
{
    if (m_source)
        m_source->stopRecording();
}

