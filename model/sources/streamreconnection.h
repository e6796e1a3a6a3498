#pragma once

#include <QObject>

class QTimer;

// When a lost stream is opened again: after 1, 2, 4 ... 30 s (setBackoff), counted down by the
// second for the window (countdown), back to the first delay once samples flow again.
class StreamReconnection : public QObject
{
    Q_OBJECT

public:
    explicit StreamReconnection(QObject *parent = nullptr);

    // The delay before the first retry, doubled after each failed one up to `maximumMs`.
    void setBackoff(int firstMs, int maximumMs);
    // The connection delivers again: the next loss waits the first delay.
    void succeeded() { m_backoffMs = m_firstBackoffMs; }
    // The connection was lost: due() after the current delay, which doubles for the next time.
    void schedule();
    void cancel();

signals:
    // Seconds left before the next attempt (rounded up), every second until then.
    void countdown(int seconds);
    void due();

private:
    void tick();

    QTimer *m_timer;
    qint64 m_retryAtMs = 0;
    int m_firstBackoffMs = 1000;
    int m_maximumBackoffMs = 30000;
    int m_backoffMs = 1000;
};
