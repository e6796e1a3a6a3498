// MainWindow, presenting what the source delivers. Samples into the panels and charts,
// the status bar, the title and the stamp of captures. The other parts build on this one; it
// calls none of them.
#include "mainwindow.h"

#include "connectionbanner.h"
#include "coremessagetext.h"
#include "overviewpanel.h"
#include "portchartpanel.h"
#include "processtimewaitpanel.h"
#include "ratechartpanel.h"
#include "slabchartpanel.h"
#include "sockettablepanel.h"
#include "statechartpanel.h"
#include "sysctllistmodel.h"
#include "sysctlpanel.h"
#include "timewaitbyportmodel.h"
#include "untrustedtext.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QStatusBar>
#include <QSysInfo>

void MainWindow::showSample(const SamplePtr &sample)
{
    QElapsedTimer timer;
    timer.start();
    // A stream's table comes at a lower rate than its samples: keep the last one until then.
    if (sample->snapshot)
        m_latest = sample->snapshot;
    m_history.append(sample->summary, sample->ownerLabels);
    m_skipped += quint64(sample->skippedBefore);
    ++m_samples;
    if (!m_failureText.isEmpty()) {
        m_failureText.clear();
        m_failure->hide();
    }

    if (sample->table)
        m_tablePanel->setRows(sample->table);
    showSnapshotInPanels();
    if (!m_latest || m_latest->wallTimeMs != sample->summary.timeMs) {
        // The table is older than the sample: what the sample holds comes from the sample.
        m_portModel->setSummary(sample->summary);
        m_overviewPanel->showMoment(sample->summary, m_latest);
    }
    refreshCharts();
    updateStatus();
    if (m_latest && !m_latest->warnings.empty())
        statusBar()->showMessage(CoreMessageText::texts(m_latest->warnings).join(QStringLiteral(" ")), 10000);
    // Paint now, so the measured time is the whole frame and not just the bookkeeping.
    repaint();
    m_refreshTimesMs.push_back(double(timer.nsecsElapsed()) / 1e6);
    emit sampleShown(m_samples);
}

void MainWindow::showSnapshotInPanels()
{
    m_portModel->setSnapshot(m_latest);
    m_portPanel->showSnapshot(m_latest);
    m_processPanel->showSnapshot(m_latest);
    m_overviewPanel->showSnapshot(m_latest);
    m_slabPanel->showSnapshot(m_latest);
    m_sysctlModel->setSnapshot(m_latest);
    // A hidden sysctl pane catches up when it is shown (eventFilter).
    if (m_sysctlPanel->isVisible())
        m_sysctlPanel->showSnapshot(m_latest);
}

void MainWindow::loadHistory(const std::vector<SampleSummary> &summaries)
{
    for (const SampleSummary &summary : summaries)
        m_history.append(summary);
    refreshCharts();
}

int MainWindow::viewEnd() const
{
    return isReplay() ? qMin(m_replayIndex, m_history.size() - 1) : m_history.size() - 1;
}

void MainWindow::refreshCharts(HistoryPanel *only)
{
    if (m_history.isEmpty())
        return;
    HistoryWindow window;
    window.ring = &m_history;
    window.toMs = m_history.at(viewEnd()).timeMs;
    // Until the history fills the window, spread what there is instead of squeezing it right.
    window.fromMs = qMax(window.toMs - qint64(windowSeconds()) * 1000, qMin(m_history.at(0).timeMs, window.toMs - 10000));
    window.first = m_history.firstAtOrAfter(window.fromMs);
    window.last = viewEnd() + 1;
    window.markers = &m_markers;
    // A step more than 1.8 intervals means samples are missing (a pause, skipped or lost
    // samples, a gap in a recording): the charts break there instead of drawing a ramp.
    const qint64 interval = m_history.typicalIntervalMs(window.last);
    if (interval > 0)
        window.gapMs = 1.8 * double(interval);
    for (HistoryPanel *panel : chartPanels()) {
        // Charts behind another tab or in a closed dock wait until they are shown.
        if ((!only || panel == only) && panel->isVisible())
            panel->showHistory(window);
    }
}

void MainWindow::showFailure(const QString &message)
{
    m_failureText = message;
    m_failure->setText(tr("<b>Cannot read the socket table:</b> %1").arg(message.toHtmlEscaped()));
    m_failure->show();
    statusBar()->showMessage(message);
}

void MainWindow::updateStatus()
{
    const QLocale locale;
    const CaptureRenderer::Stamp where = captureStamp();
    // A remote host's kernel and namespace come with its agent's header: until then, no empty
    // "kernel" or "Namespace" for the user to puzzle over.
    m_hostStatus->setText(where.kernel.isEmpty() ? tr("Host %1").arg(where.host)
                                                 : tr("Host %1, kernel %2").arg(where.host, where.kernel));
    m_namespaceStatus->setText(where.namespaceText.isEmpty() ? tr("Namespace not known yet")
                                                             : tr("Namespace %1").arg(where.namespaceText));
    if (isReplay()) {
        m_refreshStatus->setText(tr("Replay of %1").arg(m_source->label()));
    } else if (m_paused) {
        m_refreshStatus->setText(tr("Paused"));
    } else if (m_latest) {
        m_refreshStatus->setText(tr("Refresh %1 ms, skipped %2")
                                     .arg(locale.toString(double(m_latest->collectNs) / 1e6, 'f', 1))
                                     .arg(m_skipped));
    } else {
        m_refreshStatus->setText(tr("Waiting for the first sample"));
    }
    if (m_latest) {
        m_slabStatus->setText(m_latest->slab.slabinfoReadable ? tr("Slab: exact (slabinfo)")
                                                              : tr("Slab: estimates (slabinfo needs root)"));
    }
    m_rowsStatus->setText(tr("Rows %1 of %2").arg(locale.toString(m_rowsShown), locale.toString(m_rowsTotal)));
    for (QLabel *label : {m_hostStatus, m_namespaceStatus, m_refreshStatus, m_slabStatus, m_rowsStatus}) {
        label->setToolTip(UntrustedText::toolTip(label->text())); // a host or namespace name from elsewhere
        label->setMinimumWidth(qMin(label->sizeHint().width(), fontMetrics().averageCharWidth() * 12));
    }
    updateTitle();
}

void MainWindow::updateTitle()
{
    // What is watched, first: several windows (hosts, namespaces, recordings) tell apart in a
    // task bar by their beginning.
    const CaptureRenderer::Stamp where = captureStamp();
    if (isReplay())
        setWindowTitle(tr("%1 — replay of %2 (%3) — sockscope").arg(m_source->label(), where.host, where.namespaceText));
    else if (m_source && m_source->kind() == Source::Kind::RemoteHost && m_source->place().namespaceName.isEmpty())
        setWindowTitle(tr("%1 (remote) — sockscope").arg(m_source->label()));
    else if (m_source && m_source->kind() == Source::Kind::RemoteHost)
        setWindowTitle(tr("%1 (remote), namespace %2 — sockscope").arg(m_source->label(), m_source->place().namespaceName));
    else
        setWindowTitle(tr("%1, namespace %2 — sockscope").arg(where.host, m_source ? m_source->place().namespaceName : tr("current")));
}

void MainWindow::setIntervalMs(int ms)
{
    // The nearest offered interval; in 64 bits, as `ms` may come from a settings file (any int).
    const auto distance = [&](int i) { return qAbs(qint64(m_interval->itemData(i).toInt()) - qint64(ms)); };
    int best = 0;
    for (int i = 0; i < m_interval->count(); ++i) {
        if (distance(i) < distance(best))
            best = i;
    }
    m_interval->setCurrentIndex(best);
}

int MainWindow::intervalMs() const
{
    return m_interval->currentData().toInt();
}

void MainWindow::setWindowSeconds(int seconds)
{
    const int index = m_window->findData(seconds);
    if (index >= 0)
        m_window->setCurrentIndex(index);
}

int MainWindow::windowSeconds() const
{
    return m_window->currentData().toInt();
}

CaptureRenderer::Stamp MainWindow::captureStamp() const
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
    if (!m_history.isEmpty()) {
        stamp.toMs = m_history.at(viewEnd()).timeMs;
        stamp.fromMs = qMax(stamp.toMs - qint64(windowSeconds()) * 1000, m_history.at(0).timeMs);
    }
    return stamp;
}

QString MainWindow::noticeText() const
{
    return m_failure->isVisibleTo(this) ? m_failure->text() : QString();
}

QList<HistoryPanel *> MainWindow::chartPanels() const
{
    return {m_statePanel, m_portPanel, m_slabPanel, m_ratePanel, m_processPanel};
}

QString MainWindow::connectionText() const
{
    return m_connection->isVisibleTo(this) ? m_connection->text() : QString();
}

void MainWindow::showNotice(const QString &html)
{
    m_failure->setText(html);
    QPalette notice = m_failure->palette();
    notice.setColor(QPalette::Window, QColor(0xff, 0x7f, 0x0e));
    m_failure->setPalette(notice);
    m_failure->show();
}
