#include "views/window/windowstatus.h"

#include "views/table/sockettablepanel.h"
#include "views/window/elidinglabel.h"
#include "views/window/sourcecontroller.h"
#include "bridge/untrustedtext.h"
#include "sampling/windowstate.h"

#include <QMainWindow>
#include <QStatusBar>

WindowStatus::WindowStatus(QMainWindow *window, const WindowState *state, const SourceController *sources,
                           SocketTablePanel *table)
    : QObject(window)
    , m_window(window)
    , m_state(state)
    , m_sources(sources)
    , m_hostStatus(new ElidingLabel(window))
    , m_namespaceStatus(new ElidingLabel(window))
    , m_refreshStatus(new ElidingLabel(window))
    , m_recordingStatus(new ElidingLabel(window))
    , m_slabStatus(new ElidingLabel(window))
    , m_rowsStatus(new ElidingLabel(window))
{
    QStatusBar *bar = window->statusBar();
    bar->addPermanentWidget(m_recordingStatus);
    m_recordingStatus->hide();
    for (ElidingLabel *label : {m_hostStatus, m_namespaceStatus, m_refreshStatus, m_slabStatus, m_rowsStatus})
        bar->addPermanentWidget(label);
    // Host, kernel, namespace and file names come from recordings made elsewhere: the labels
    // take plain text only. They may shrink, or the status bar alone would make the window wider
    // than a small screen (1024 px, a 12 pt font, Chinese): a field too long for its room ends in
    // "…", and its tooltip holds it whole.
    connect(table, &SocketTablePanel::rowCountsChanged, this, [this](int shown, int total) {
        m_rowsShown = shown;
        m_rowsTotal = total;
        refresh();
    });
}

void WindowStatus::showRecording(const QString &text)
{
    m_recordingStatus->setFullText(text);
    m_recordingStatus->setToolTip(UntrustedText::toolTip(text)); // a file name from the user
    m_recordingStatus->setVisible(!text.isEmpty());
}

void WindowStatus::refresh()
{
    const QLocale locale;
    const CaptureRenderer::Stamp where = m_sources->stamp();
    const SnapshotPtr latest = m_state->latest();
    // A remote host's kernel and namespace come with its agent's header: until then, no empty
    // "kernel" or "Namespace" for the user to puzzle over.
    m_hostStatus->setFullText(where.kernel.isEmpty() ? tr("Host %1").arg(where.host)
                                                     : tr("Host %1, kernel %2").arg(where.host, where.kernel));
    m_namespaceStatus->setFullText(where.namespaceText.isEmpty() ? tr("Namespace not known yet")
                                                                 : tr("Namespace %1").arg(where.namespaceText));
    // Short forms, shown whole when the full ones do not fit (1024 px, a 12 pt font, Chinese):
    // the name without its words around it, never a field cut mid-word.
    m_hostStatus->setShortText(where.host);
    const Source *source = m_sources->source();
    m_namespaceStatus->setShortText(source && !source->place().namespaceName.isEmpty() ? source->place().namespaceName
                                                                                       : where.namespaceText);
    m_refreshStatus->setShortText(QString());
    m_slabStatus->setShortText(QString());
    if (m_sources->isReplay()) {
        m_refreshStatus->setFullText(tr("Replay of %1").arg(m_sources->source()->label()));
    } else if (m_sources->isPaused()) {
        m_refreshStatus->setFullText(tr("Paused"));
    } else if (latest) {
        const QString ms = locale.toString(double(latest->collectNs) / 1e6, 'f', 1);
        m_refreshStatus->setFullText(tr("Refresh %1 ms, skipped %2").arg(ms).arg(m_state->skipped()));
        //: Short form of "Refresh %1 ms, skipped %2" for a narrow status bar
        m_refreshStatus->setShortText(tr("%1 ms").arg(ms));
    } else {
        m_refreshStatus->setFullText(tr("Waiting for the first sample"));
    }
    if (latest) {
        m_slabStatus->setFullText(latest->slab.slabinfoReadable ? tr("Slab: exact (slabinfo)")
                                                                : tr("Slab: estimates (slabinfo needs root)"));
        //: Short forms of "Slab: exact (slabinfo)" and "Slab: estimates (slabinfo needs root)"
        m_slabStatus->setShortText(latest->slab.slabinfoReadable ? tr("Slab: exact") : tr("Slab: estimates"));
    } else {
        m_slabStatus->setFullText(QString()); // not the previous place's word
    }
    m_rowsStatus->setFullText(tr("Rows %1 of %2").arg(locale.toString(m_rowsShown), locale.toString(m_rowsTotal)));
    //: Short form of "Rows %1 of %2": rows shown / rows in all
    m_rowsStatus->setShortText(tr("%1 / %2").arg(locale.toString(m_rowsShown), locale.toString(m_rowsTotal)));
    for (ElidingLabel *label : {m_hostStatus, m_namespaceStatus, m_refreshStatus, m_slabStatus, m_rowsStatus})
        label->setToolTip(UntrustedText::toolTip(label->fullText())); // a host or namespace name from elsewhere
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
