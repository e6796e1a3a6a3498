#include "remote/sshlauncher.h"

#include "remote/sshcommand.h"

#include <QCoreApplication>
#include <QTimer>

#include <unistd.h>

namespace {
// ssh's own messages are a few lines; a remote that floods stderr keeps only its tail here.
constexpr qsizetype StderrLimit = 64 * 1024;
// After stdin closes, the agent exits at once; ssh then needs one round trip to close.
constexpr int StopGraceMs = 3000;
}

SshLauncher::SshLauncher(QObject *parent)
    : QObject(parent)
    , m_process(new QProcess(this))
    , m_stopTimer(new QTimer(this))
    , m_baseEnvironment(QProcessEnvironment::systemEnvironment())
{
    // A session of its own: ssh (and a ProxyCommand, or the ssh a ProxyJump starts) has no
    // controlling terminal to open /dev/tty on, so a prompt can only ever reach the askpass
    // dialog, and a Ctrl-C in the terminal sockscope was started from is ours to handle.
    m_process->setChildProcessModifier([] { setsid(); });
    m_stopTimer->setSingleShot(true);
    m_stopTimer->setInterval(StopGraceMs);
    connect(m_stopTimer, &QTimer::timeout, m_process, &QProcess::terminate);
    connect(m_process, &QProcess::started, this, &SshLauncher::started);
    connect(m_process, &QProcess::readyReadStandardError, this, &SshLauncher::collectStandardError);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &SshLauncher::checkOutputLimit);
    connect(m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        m_stopTimer->stop();
        collectStandardError();
        if (m_outputOverflow)
            m_process->readAllStandardOutput(); // what came before the kill: nobody reads it
        emit finished(m_outputOverflow ? SshOutcome::tooMuchOutput(m_outputLimit)
                                       : SshOutcome::classify(status, exitCode, m_stderr));
    });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            emit finished(SshOutcome::failedToStart(m_program, m_process->errorString()));
    });
}

SshLauncher::~SshLauncher()
{
    if (m_process->state() == QProcess::NotRunning)
        return;
    m_process->disconnect(this);
    m_process->closeWriteChannel();
    if (!m_process->waitForFinished(StopGraceMs)) {
        m_process->terminate();
        if (!m_process->waitForFinished(StopGraceMs)) {
            m_process->kill();
            m_process->waitForFinished(-1);
        }
    }
}

void SshLauncher::start(const SshCommand &command)
{
    if (isRunning())
        return; // one ssh at a time; stop() and wait for finished() first
    m_stderr.clear();
    m_outputOverflow = false;
    m_program = command.program();
    const QString askpass = m_askpassProgram.isEmpty() ? QCoreApplication::applicationFilePath() : m_askpassProgram;
    m_process->setProcessEnvironment(command.environment(m_baseEnvironment, askpass));
    m_process->start(m_program, command.arguments());
}

bool SshLauncher::isRunning() const
{
    return m_process->state() != QProcess::NotRunning;
}

void SshLauncher::stop()
{
    if (!isRunning())
        return;
    m_process->closeWriteChannel();
    m_stopTimer->start();
}

void SshLauncher::checkOutputLimit()
{
    // QProcess takes at most what the pipe holds (64 KiB) per notification, so what waits stays
    // within the limit and one pipe's worth. The read channel is standard output (never changed).
    if (m_outputLimit <= 0 || m_outputOverflow || m_process->bytesAvailable() <= m_outputLimit)
        return;
    m_outputOverflow = true;
    m_process->kill();
}

void SshLauncher::collectStandardError()
{
    m_stderr += m_process->readAllStandardError();
    if (m_stderr.size() > StderrLimit)
        m_stderr = m_stderr.right(StderrLimit);
}
