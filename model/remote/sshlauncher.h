#pragma once

#include "remote/sshoutcome.h"

#include <QObject>
#include <QProcess>

class SshCommand;
class QTimer;

// Runs one SshCommand. While it runs, process() is the pipe pair of the remote command: its
// stdout (the agent's stream, untouched) and its stdin (the agent's commands); a StreamSource
// reads and writes there. ssh's stderr is kept here (bounded) to classify the end.
class SshLauncher : public QObject
{
    Q_OBJECT

public:
    explicit SshLauncher(QObject *parent = nullptr);
    ~SshLauncher() override; // stops a running ssh and waits for it (never leaves one behind)

    // The askpass program ssh runs for prompts; the running sockscope unless set.
    void setAskpassProgram(const QString &program) { m_askpassProgram = program; }
    void setBaseEnvironment(const QProcessEnvironment &environment) { m_baseEnvironment = environment; }

    void start(const SshCommand &command); // ignored while one runs
    bool isRunning() const;
    QProcess *process() const { return m_process; }
    // Closes the agent's stdin: the agent exits on EOF, the remote side ends, ssh exits. If ssh
    // is still there after a grace period (a hung link), it is terminated.
    void stop();
    QByteArray standardError() const { return m_stderr; }
    // For a command whose standard output is read only once it ends (a push, a sysctl report):
    // past `bytes` waiting to be read, ssh is killed and finished() says the server sent too much
    // (SshOutcome::Kind::TooMuchOutput), so a server answering with endless output cannot make
    // us buffer it. 0 (the default): no limit, for a reader that reads as bytes arrive.
    void setOutputLimit(qint64 bytes) { m_outputLimit = bytes; }

signals:
    void started();
    void finished(const SshOutcome &outcome);

private:
    void collectStandardError();
    void checkOutputLimit();

    QProcess *m_process;
    QTimer *m_stopTimer;
    QString m_askpassProgram;
    QProcessEnvironment m_baseEnvironment;
    QByteArray m_stderr;
    qint64 m_outputLimit = 0;
    bool m_outputOverflow = false; // this run was ended for sending more than m_outputLimit
    QString m_program;
};
