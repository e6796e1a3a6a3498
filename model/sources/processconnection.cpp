#include "sources/processconnection.h"

#include "bridge/untrustedtext.h"

#include <QTimer>

#include <csignal>
#include <unistd.h>

namespace {
// Standard error is the program's (or ssh's) own wording: only its last line is shown, plain.
constexpr int ErrorLineLimit = 300;
// How long an agent has to end after its standard input closes before it is killed.
constexpr int GraceMs = 2000;
}

ProcessConnection::ProcessConnection(ProcessFactory factory, const QString &label, QObject *parent)
    : StreamConnection(parent)
    , m_factory(std::move(factory))
    , m_label(label)
{
}

ProcessConnection::~ProcessConnection()
{
    shutDown();
}

void ProcessConnection::open()
{
    if (m_process) {
        disconnect(m_process, nullptr, this, nullptr);
        m_process->deleteLater();
    }
    m_lastError.clear();
    m_process = m_factory();
    m_process->setParent(this);
    // Its own process group: what the command starts (ssh under a shell, say) ends with it.
    m_process->setChildProcessModifier([] { ::setpgid(0, 0); });
    connect(m_process, &QProcess::readyReadStandardOutput, this, &StreamConnection::readyRead);
    connect(m_process, &QProcess::readyReadStandardError, this, [this] {
        const QList<QByteArray> lines = m_process->readAllStandardError().trimmed().split('\n');
        const QString last = UntrustedText::plain(QString::fromUtf8(lines.last())).left(ErrorLineLimit);
        if (!last.isEmpty())
            m_lastError = last;
    });
    connect(m_process, &QProcess::finished, this, &ProcessConnection::finished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            emit ended(tr("%1 could not be started: %2").arg(m_process->program(), m_process->errorString()));
    });
    if (m_process->state() == QProcess::NotRunning)
        m_process->start();
}

QByteArray ProcessConnection::readAll()
{
    return m_process ? m_process->readAllStandardOutput() : QByteArray();
}

void ProcessConnection::write(const QByteArray &command)
{
    if (m_process && m_process->state() != QProcess::NotRunning)
        m_process->write(command + '\n');
}

void ProcessConnection::close()
{
    if (!m_process)
        return;
    m_process->closeWriteChannel();
    // An agent that does not end by itself (or an ssh that hangs) is ended for it.
    QTimer::singleShot(GraceMs, this, &ProcessConnection::abort);
}

void ProcessConnection::abort()
{
    if (m_process && m_process->processId() > 0 && m_process->state() != QProcess::NotRunning)
        ::kill(-pid_t(m_process->processId()), SIGKILL);
}

void ProcessConnection::shutDown()
{
    if (!m_process)
        return;
    disconnect(m_process, nullptr, this, nullptr);
    m_process->closeWriteChannel();
    if (!m_process->waitForFinished(1000))
        abort();
    m_process->waitForFinished(1000);
}

void ProcessConnection::finished()
{
    QString reason;
    if (m_process->exitStatus() == QProcess::CrashExit)
        reason = tr("the connection to %1 was lost").arg(m_label);
    else if (m_process->exitCode() != 0)
        reason = tr("the connection to %1 ended with status %2").arg(m_label).arg(m_process->exitCode());
    else
        reason = tr("%1 ended the stream").arg(m_label);
    if (!m_lastError.isEmpty())
        reason += QStringLiteral(": ") + m_lastError;
    emit ended(reason);
}
