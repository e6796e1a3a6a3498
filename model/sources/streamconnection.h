#pragma once

#include <QObject>

// One way to reach an agent's stream, opened again for each attempt: a local process
// (ProcessConnection), or ssh to a remote host (model/remote's launcher, adapted by the caller).
// StreamSource reads the stream and sends commands through it, and decides when to retry.
class StreamConnection : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // Starts one attempt; bytes then arrive (readyRead) until ended() is emitted once.
    virtual void open() = 0;
    // What has arrived since the last call (the stream, untouched).
    virtual QByteArray readAll() = 0;
    // A command line for the agent ("interval 1000"), newline added; dropped when not open.
    virtual void write(const QByteArray &command) = 0;
    // Closes the agent's standard input (it exits on EOF); what does not end within a grace
    // period is ended by force. ended() follows.
    virtual void close() = 0;
    // Ends the attempt at once, with everything it started (a damaged stream).
    virtual void abort() = 0;
    // Ends it before this object goes, waiting briefly: nothing is left running.
    virtual void shutDown() = 0;
    // The last thing the other side said about itself (ssh's or the agent's last line on
    // standard error), as plain one-line text; empty when nothing was said.
    virtual QString diagnostic() const = 0;

signals:
    void readyRead();
    // The attempt is over: `reason` worded for the banner (exit status, ssh's message).
    void ended(const QString &reason);
};
