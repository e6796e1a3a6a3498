#include "sysctlapplier.h"

#include "samplingworker.h"
#include "sysctlreportcodec.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <unistd.h>

SysctlApplier::SysctlApplier(QObject *parent)
    : QObject(parent)
    , m_route(geteuid() == 0 ? Route::InProcess : Route::Helper)
    , m_localRoute(m_route)
    , m_namespace(NetworkNamespace().duplicate())
    , m_pkexec(defaultPkexecProgram())
    , m_helper(defaultHelperProgram())
{
}

QString SysctlApplier::defaultHelperProgram()
{
    // Only the installed helper: a helper found beside a program run from a build tree, a
    // download folder or a user-writable prefix must never run as root. A build tree's window
    // therefore applies through the helper only once installed (or in-process as root).
    return QStringLiteral(SOCKSCOPE_HELPER_PATH);
}

QString SysctlApplier::defaultPkexecProgram()
{
    // An absolute path fixed at build time: $PATH is the user's and could name anything.
    return QStringLiteral(SOCKSCOPE_PKEXEC_PATH);
}

void SysctlApplier::setRemote(std::function<void(const QStringList &)> apply,
                              std::function<QStringList(const QStringList &)> describe, const QStringList &persistRefusal)
{
    m_persistRefusal = persistRefusal;
    if (m_route != Route::Remote)
        m_localRoute = m_route;
    m_route = Route::Remote;
    m_applyRemote = std::move(apply);
    m_describeRemote = std::move(describe);
}

void SysctlApplier::clearRemote()
{
    if (m_route == Route::Remote)
        m_route = m_localRoute;
    m_applyRemote = nullptr;
    m_describeRemote = nullptr;
}

void SysctlApplier::setSampler(SamplingWorker *sampler)
{
    m_sampler = sampler;
    m_namespace = sampler ? sampler->observedNamespace().duplicate() : NetworkNamespace().duplicate();
}

QStringList SysctlApplier::helperCommand(const QStringList &pairs, bool persist) const
{
    // argv[1] is the operation word polkit matches (exec.argv1) to pick the action.
    QStringList command {m_pkexec, m_helper, persist ? QStringLiteral("persist") : QStringLiteral("apply")};
    if (m_namespace.descriptor() >= 0) {
        command << QStringLiteral("--netns") << QStringLiteral("/proc/%1/fd/%2").arg(getpid()).arg(m_namespace.descriptor())
                << QStringLiteral("--netns-id") << QString::fromStdString(m_namespace.identity().toString());
    }
    return command + pairs;
}

void SysctlApplier::apply(const QStringList &pairs, bool persist)
{
    if (m_busy)
        return;
    m_busy = true;
    if (m_route == Route::Remote) {
        m_applyRemote(pairs);
        return;
    }
    if (m_route == Route::InProcess) {
        if (!m_sampler) {
            SysctlApplyReport report;
            report.error = tr("Nothing is being sampled, so there is no namespace to change.");
            finish(report);
            return;
        }
        connect(m_sampler, &SamplingWorker::sysctlsApplied, this, &SysctlApplier::finish,
                Qt::SingleShotConnection);
        SysctlTransaction::Request request;
        request.pairs = pairs;
        request.persist = persist;
        m_sampler->applySysctls(request);
        return;
    }

    if (!QFileInfo(m_pkexec).isAbsolute() || !QFileInfo(m_pkexec).isExecutable()) {
        SysctlApplyReport report;
        report.error = tr("pkexec is not installed, so sockscope cannot ask for administrator rights. Install it "
                          "(Debian: apt install pkexec) or change the value as root.");
        finish(report);
        return;
    }
    const QStringList command = helperCommand(pairs, persist);
    m_process = new QProcess(this);
    connect(m_process, &QProcess::finished, this, &SysctlApplier::helperFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        SysctlApplyReport report;
        report.error = tr("Could not start %1: %2.").arg(m_pkexec, m_process->errorString());
        m_process->deleteLater();
        m_process = nullptr;
        finish(report);
    });
    m_process->start(command.first(), command.mid(1));
}

void SysctlApplier::helperFinished(int exitCode, QProcess::ExitStatus status)
{
    const QByteArray output = m_process->readAllStandardOutput();
    const QString errors = QString::fromLocal8Bit(m_process->readAllStandardError()).trimmed();
    m_process->deleteLater();
    m_process = nullptr;

    SysctlApplyReport report = SysctlReportCodec::decode(output);
    if (status != QProcess::NormalExit) {
        report.ok = false;
        report.error = tr("The helper crashed; the values shown are re-read from the kernel.");
    } else if (exitCode == 126) {
        // pkexec: the user dismissed the authentication dialog.
        report.ok = false;
        report.error = tr("Authorization was dismissed; nothing was changed.");
    } else if (exitCode == 127) {
        report.ok = false;
        report.error = tr("Not authorized to change system settings, or the helper could not be started; nothing "
                          "was changed. %1")
                           .arg(errors);
    } else if (exitCode != 0 && report.failure == SysctlApplyReport::Failure::None) {
        report.ok = false;
        report.error = tr("The helper failed (exit code %1): %2").arg(exitCode).arg(report.error + errors);
    } else {
        report.ok = exitCode == 0;
    }
    finish(report);
}

void SysctlApplier::finish(const SysctlApplyReport &report)
{
    m_busy = false;
    // The helper changed the sampled namespace: the next sample dumps the sockets now, whatever
    // the dump budget, so what the change does is seen at once (the in-process route's worker
    // does so itself).
    if (m_route == Route::Helper && m_sampler)
        m_sampler->requestDump();
    emit finished(report);
}
