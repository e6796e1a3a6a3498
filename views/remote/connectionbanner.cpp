#include "views/remote/connectionbanner.h"

#include "views/charts/chartcolors.h"

#include <QTimer>

namespace {
// How long "connected again" stays: long enough to be read, short enough not to be in the way.
constexpr int AgainShownMs = 5000;
}

ConnectionBanner::ConnectionBanner(QWidget *parent)
    : QLabel(parent)
    , m_hide(new QTimer(this))
{
    setObjectName(QStringLiteral("ConnectionBanner"));
    setWordWrap(true);
    setAutoFillBackground(true);
    setContentsMargins(8, 6, 8, 6);
    setTextFormat(Qt::RichText);
    m_hide->setSingleShot(true);
    m_hide->setInterval(AgainShownMs);
    connect(m_hide, &QTimer::timeout, this, &QWidget::hide);
    hide();
}

void ConnectionBanner::setColour(const QColor &colour)
{
    QPalette banner = palette();
    banner.setColor(QPalette::Window, colour);
    banner.setColor(QPalette::WindowText, Qt::white);
    setPalette(banner);
}

void ConnectionBanner::reset()
{
    m_hide->stop();
    m_wasLost = false;
    clear();
    hide();
}

void ConnectionBanner::showState(const Source &source)
{
    // The reason is the agent's or ssh's own text: escaped, never markup.
    const QString reason = source.stateReason().toHtmlEscaped();
    const QString who = source.label().toHtmlEscaped();
    switch (source.state()) {
    case Source::State::Lost:
        m_hide->stop();
        m_wasLost = true;
        setColour(ChartColors::warning());
        setText(tr("<b>Connection to %1 lost:</b> %2").arg(who, reason));
        show();
        break;
    case Source::State::Reconnecting:
        m_hide->stop();
        m_wasLost = true;
        setColour(ChartColors::warning());
        setText(tr("<b>Connection to %1 lost:</b> %2 — reconnecting in %n s; the history is kept and the gap is "
                   "left blank in the charts.",
                   nullptr, source.retryInSeconds())
                    .arg(who, reason));
        show();
        break;
    case Source::State::Connecting:
        if (m_wasLost) {
            setText(tr("<b>Reconnecting to %1…</b>").arg(who));
            show();
        }
        break;
    case Source::State::Live:
        if (m_wasLost) {
            m_wasLost = false;
            setColour(QColor(0x2c, 0xa0, 0x2c));
            setText(tr("<b>Connected to %1 again.</b>").arg(who));
            show();
            m_hide->start();
        } else if (!m_hide->isActive()) {
            hide(); // an earlier end (no agent there, then copied) is over: the stream runs
        }
        break;
    case Source::State::Ended:
        m_hide->stop();
        if (!source.stateReason().isEmpty()) {
            setColour(ChartColors::warning());
            setText(tr("<b>The stream from %1 has ended:</b> %2").arg(who, reason));
            show();
        } else {
            hide();
        }
        break;
    }
}
