#include "sources/streamreconnection.h"

#include <QDateTime>
#include <QTimer>

#include <cmath>

StreamReconnection::StreamReconnection(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &StreamReconnection::tick);
}

void StreamReconnection::setBackoff(int firstMs, int maximumMs)
{
    m_firstBackoffMs = qMax(1, firstMs);
    m_maximumBackoffMs = qMax(m_firstBackoffMs, maximumMs);
    m_backoffMs = m_firstBackoffMs;
    m_timer->setInterval(qMin(1000, m_firstBackoffMs));
}

void StreamReconnection::schedule()
{
    m_retryAtMs = QDateTime::currentMSecsSinceEpoch() + m_backoffMs;
    m_backoffMs = qMin(m_maximumBackoffMs, m_backoffMs * 2);
    m_timer->start();
    tick();
}

void StreamReconnection::cancel()
{
    m_timer->stop();
}

void StreamReconnection::tick()
{
    const qint64 left = m_retryAtMs - QDateTime::currentMSecsSinceEpoch();
    if (left <= 0) {
        emit due();
        return;
    }
    emit countdown(int(std::ceil(double(left) / 1000.0)));
    m_timer->setInterval(int(qMin<qint64>(left, 1000)));
}
