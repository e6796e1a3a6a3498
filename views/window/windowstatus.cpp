#include "views/window/windowstatus.h"

#include "views/table/sockettablepanel.h"
#include "views/window/sourcecontroller.h"
#include "bridge/untrustedtext.h"
#include "sampling/windowstate.h"

#include <QLabel>
#include <QMainWindow>
#include <QStatusBar>

WindowStatus::WindowStatus(QMainWindow *window, const WindowState *state, const SourceController *sources,
                           SocketTablePanel *table)
    : QObject(window)
    , m_window(window)
    , m_state(state)
    , m_sources(sources)
    , m_hostStatus(new QLabel(window))
    , m_namespaceStatus(new QLabel(window))
    , m_refreshStatus(new QLabel(window))
    , m_recordingStatus(new QLabel(window))
    , m_slabStatus(new QLabel(window))
    , m_rowsStatus(new QLabel(window))
{
    QStatusBar *bar = window->statusBar();
    bar->addPermanentWidget(m_recordingStatus);
    m_recordingStatus->hide();
    for (QLabel *label : {m_hostStatus, m_namespaceStatus, m_refreshStatus, m_slabStatus, m_rowsStatus})
        bar->addPermanentWidget(label);
    for (QLabel *label : {m_hostStatus, m_namespaceStatus, m_refreshStatus, m_recordingStatus, m_slabStatus, m_rowsStatus}) {
        // Host, kernel, namespace and file names come from recordings made elsewhere: never markup.
        label->setTextFormat(Qt::PlainText);
        // Labels may shrink (their whole text is in the tooltip), or the status bar alone would
        // make the window wider than a small screen.
        label->setMinimumWidth(window->fontMetrics().averageCharWidth() * 6);
    }
    connect(table, &SocketTablePanel::rowCountsChanged, this, [this](int shown, int total) {
        m_rowsShown = shown;
        m_rowsTotal = total;
        refresh();
    });
}

void WindowStatus::showRecording(const QString &text)
{
    m_recordingStatus->setText(text);
    m_recordingStatus->setVisible(!text.isEmpty());
}

void WindowStatus::refresh()
{
    const QLocale locale;
    const CaptureRenderer::Stamp where = m_sources->stamp();
    const SnapshotPtr latest = m_state->latest();
    // A remote host's kernel and namespace come with its agent's header: until then, no empty
    // "kernel" or "Namespace" for the user to puzzle over.
    m_hostStatus->setText(where.kernel.isEmpty() ? tr("Host %1").arg(where.host)
                                                 : tr("Host %1, kernel %2").arg(where.host, where.kernel));
    m_namespaceStatus->setText(where.namespaceText.isEmpty() ? tr("Namespace not known yet")
                                                             : tr("Namespace %1").arg(where.namespaceText));
    if (m_sources->isReplay()) {
        m_refreshStatus->setText(tr("Replay of %1").arg(m_sources->source()->label()));
    } else if (m_sources->isPaused()) {
        m_refreshStatus->setText(tr("Paused"));
    } else if (latest) {
        m_refreshStatus->setText(tr("Refresh %1 ms, skipped %2")
                                     .arg(locale.toString(double(latest->collectNs) / 1e6, 'f', 1))
                                     .arg(m_state->skipped()));
    } else {
        m_refreshStatus->setText(tr("Waiting for the first sample"));
    }
    if (latest) {
        m_slabStatus->setText(latest->slab.slabinfoReadable ? tr("Slab: exact (slabinfo)")
                                                            : tr("Slab: estimates (slabinfo needs root)"));
    }
    m_rowsStatus->setText(tr("Rows %1 of %2").arg(locale.toString(m_rowsShown), locale.toString(m_rowsTotal)));
    for (QLabel *label : {m_hostStatus, m_namespaceStatus, m_refreshStatus, m_slabStatus, m_rowsStatus}) {
        label->setToolTip(UntrustedText::toolTip(label->text())); // a host or namespace name from elsewhere
        label->setMinimumWidth(qMin(label->sizeHint().width(), m_window->fontMetrics().averageCharWidth() * 12));
    }
    updateTitle();
}

void WindowStatus::updateTitle()
{
    // What is watched, first: several windows (hosts, namespaces, recordings) tell apart in a
    // task bar by their beginning.
    const CaptureRenderer::Stamp where = m_sources->stamp();
    const Source *source = m_sources->source();
    if (m_sources->isReplay())
        m_window->setWindowTitle(tr("%1 — replay of %2 (%3) — sockscope").arg(source->label(), where.host, where.namespaceText));
    else if (source && source->kind() == Source::Kind::RemoteHost && source->place().namespaceName.isEmpty())
        m_window->setWindowTitle(tr("%1 (remote) — sockscope").arg(source->label()));
    else if (source && source->kind() == Source::Kind::RemoteHost)
        m_window->setWindowTitle(tr("%1 (remote), namespace %2 — sockscope").arg(source->label(), source->place().namespaceName));
    else
        m_window->setWindowTitle(
            tr("%1, namespace %2 — sockscope").arg(where.host, source ? source->place().namespaceName : tr("current")));
}
