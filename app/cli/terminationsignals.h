#pragma once

#include <QObject>

class QSocketNotifier;

// SIGINT, SIGTERM and SIGHUP (unless ignored, as nohup does) as a Qt signal, so a headless recording stops between samples and
// closes its file properly. The handler only writes a byte to a socket pair (async-signal-safe); the event loop does the rest.
class TerminationSignals : public QObject
{
    Q_OBJECT

public:
    explicit TerminationSignals(QObject *parent = nullptr);
    ~TerminationSignals() override;

signals:
    void received(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
    bool m_hangUpCaught = false;
};
