#include "sampling/localsysctlchanger.h"

#include "sampling/samplingworker.h"
#include "sysctl/sysctlreportcodec.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <unistd.h>

LocalSysctlChanger::LocalSysctlChanger(SamplingWorker *sampler, bool ownNamespace, QObject *parent)
    : SysctlChanger(parent)
    , m_sampler(sampler)
    , m_namespace(sampler ? sampler->observedNamespace().duplicate() : NetworkNamespace().duplicate())
    , m_pkexec(defaultPkexecProgram())
    , m_helper(defaultHelperProgram())
    , m_inProcess(geteuid() == 0)
    , m_ownNamespace(ownNamespace)
{
}

LocalSysctlChanger::~LocalSysctlChanger()
{
    // The source went while pkexec asks or the helper writes. SIGTERM, without waiting: while
    // pkexec still asks for authorization its real uid is the user's, so the signal cancels it
    // and a late authorization cannot write values nobody looks at any more (into whatever the
    // descriptor number named in --netns names by then). Once pkexec has become the root helper
    // the kill fails with EPERM, so a helper already writing is never interrupted half-way; it
    // runs to its end on its own, and the process object goes however it ends.
    if (m_process) {
        disconnect(m_process, nullptr, this, nullptr);
        m_process->terminate();
        m_process->setParent(nullptr);
        connect(m_process, &QProcess::finished, m_process, &QObject::deleteLater);
        connect(m_process, &QProcess::errorOccurred, m_process, &QObject::deleteLater);
    }
}

QString LocalSysctlChanger::defaultHelperProgram()
{
    // Only the installed helper: a helper found beside a program run from a build tree, a
    // download folder or a user-writable prefix must never run as root. A build tree's window
    // therefore applies through the helper only once installed (or in-process as root).
    return QStringLiteral(SOCKSCOPE_HELPER_PATH);
}

QString LocalSysctlChanger::defaultPkexecProgram()
{
    // An absolute path fixed at build time: $PATH is the user's and could name anything.
    return QStringLiteral(SOCKSCOPE_PKEXEC_PATH);
}

QStringList LocalSysctlChanger::helperCommand(const QStringList &pairs, bool persist) const
{
    // argv[1] is the operation word polkit matches (exec.argv1) to pick the action.
    QStringList command {m_pkexec, m_helper, persist ? QStringLiteral("persist") : QStringLiteral("apply")};
    if (m_namespace.descriptor() >= 0) {
        command << QStringLiteral("--netns") << QStringLiteral("/proc/%1/fd/%2").arg(getpid()).arg(m_namespace.descriptor())
                << QStringLiteral("--netns-id") << QString::fromStdString(m_namespace.identity().toString());
    }
    return command + pairs;
}

QStringList LocalSysctlChanger::describe(const QStringList &pairs, bool persist) const
{
    if (m_inProcess)
        return {tr("sockscope writes them itself (it runs as root here).")};
    QStringList command = helperCommand(pairs, persist);
    command[1] = QFileInfo(command[1]).fileName();
    return {tr("Runs: %1 (one authorization prompt for all of them)").arg(command.join(QLatin1Char(' ')))};
}

void LocalSysctlChanger::start(const QStringList &pairs, bool persist)
{
    if (!m_inProcess) {
        startHelper(pairs, persist);
        return;
    }
    if (!m_sampler) {
        SysctlApplyReport report;
        report.error = tr("Nothing is being sampled, so there is no namespace to change.");
        finish(report);
        return;
    }
    // The sampler's worker asks for a dump itself after writing.
    connect(
        m_sampler, &SamplingWorker::sysctlsApplied, this, [this](const SysctlApplyReport &report) { finish(report); },
        Qt::SingleShotConnection);
    SysctlTransaction::Request request;
    request.pairs = pairs;
    request.persist = persist;
    m_sampler->applySysctls(request);
}

void LocalSysctlChanger::startHelper(const QStringList &pairs, bool persist)
{
    if (!QFileInfo(m_pkexec).isAbsolute() || !QFileInfo(m_pkexec).isExecutable()) {
        SysctlApplyReport report;
        report.error = tr("pkexec is not installed, so sockscope cannot ask for administrator rights. Install it "
                          "(Debian: apt install pkexec) or change the value as root.");
        finishHere(report);
        return;
    }
    if (m_sampler && m_namespace.descriptor() < 0) {
        // The sampled namespace could not be held open (too many open files, say): without
        // --netns the helper would write pkexec's own namespace, the host's, not the one shown.
        SysctlApplyReport report;
        report.error = tr("The sampled network namespace could not be kept open (too many open files?), so "
                          "nothing was changed. Open the namespace again and retry.");
        finishHere(report);
        return;
    }
    const QStringList command = helperCommand(pairs, persist);
    m_process = new QProcess(this);
    connect(m_process, &QProcess::finished, this, &LocalSysctlChanger::helperFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        SysctlApplyReport report;
        report.error = tr("Could not start %1: %2.").arg(m_pkexec, m_process->errorString());
        m_process->deleteLater();
        m_process = nullptr;
        finishHere(report);
    });
    m_process->start(command.first(), command.mid(1));
}

void LocalSysctlChanger::helperFinished(int exitCode, QProcess::ExitStatus status)
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
    finishHere(report);
}

void LocalSysctlChanger::finishHere(const SysctlApplyReport &report)
{
    // The helper changed the sampled namespace: the next sample dumps the sockets now, whatever
    // the dump budget, so what the change does is seen at once (the in-process way's worker
    // does so itself).
    if (m_sampler)
        m_sampler->requestDump();
    finish(report);
}
