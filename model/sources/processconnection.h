#pragma once

#include "sources/streamconnection.h"

#include <QPointer>
#include <QProcess>

#include <functional>

// A stream read from a local process's standard output, commands on its standard input: any
// program writing the recording format (`sockscope-agent --stream`, `ssh host ...`, a test
// writer). Each attempt is a new process from the factory, in a process group of its own so that
// ending it ends what it started.
class ProcessConnection : public StreamConnection
{
    Q_OBJECT

public:
    // Returns a new process, configured but not started (program, arguments, environment);
    // the connection starts it, owns it and deletes it.
    using ProcessFactory = std::function<QProcess *()>;

    ProcessConnection(ProcessFactory factory, const QString &label, QObject *parent = nullptr);
    ~ProcessConnection() override;

    void open() override;
    QByteArray readAll() override;
    void write(const QByteArray &command) override;
    void close() override;
    void abort() override;
    void shutDown() override;
    QString diagnostic() const override { return m_lastError; }

private:
    void finished();

    ProcessFactory m_factory;
    QString m_label;
    QPointer<QProcess> m_process;
    QString m_lastError;
};
