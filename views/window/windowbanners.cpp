#include "views/window/windowbanners.h"

#include "views/charts/chartcolors.h"
#include "views/remote/connectionbanner.h"

#include <QLabel>
#include <QMainWindow>
#include <QStatusBar>

WindowBanners::WindowBanners(QMainWindow *window)
    : QObject(window)
    , m_window(window)
    , m_failure(new QLabel(window))
    , m_connection(new ConnectionBanner(window))
{
    m_failure->setWordWrap(true);
    m_failure->setAutoFillBackground(true);
    m_failure->setContentsMargins(8, 6, 8, 6);
    QPalette failure = m_failure->palette();
    failure.setColor(QPalette::Window, ChartColors::warning());
    failure.setColor(QPalette::WindowText, Qt::white);
    m_failure->setPalette(failure);
    m_failure->hide();
}

QList<QWidget *> WindowBanners::widgets() const
{
    return {m_connection, m_failure};
}

void WindowBanners::showFailure(const QString &message)
{
    m_failureText = message;
    m_failure->setText(tr("<b>Cannot read the socket table:</b> %1").arg(message.toHtmlEscaped()));
    m_failure->show();
    m_window->statusBar()->showMessage(message);
}

void WindowBanners::clearFailure()
{
    if (!m_failureText.isEmpty()) {
        m_failureText.clear();
        m_failure->hide();
    }
}

void WindowBanners::showNotice(const QString &html)
{
    m_failure->setText(html);
    QPalette notice = m_failure->palette();
    notice.setColor(QPalette::Window, QColor(0xff, 0x7f, 0x0e));
    m_failure->setPalette(notice);
    m_failure->show();
}

void WindowBanners::reset()
{
    m_failureText.clear();
    m_failure->hide();
    m_connection->reset();
}

void WindowBanners::showState(const Source &source)
{
    m_connection->showState(source);
}

void WindowBanners::retranslate(const Source *source)
{
    if (!m_failureText.isEmpty())
        showFailure(m_failureText);
    if (source)
        m_connection->showState(*source);
}

QString WindowBanners::noticeText() const
{
    return m_failure->isVisibleTo(m_window) ? m_failure->text() : QString();
}

QString WindowBanners::connectionText() const
{
    return m_connection->isVisibleTo(m_window) ? m_connection->text() : QString();
}
