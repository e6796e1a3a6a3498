#include "remote/remotesysctlapplier.h"

#include "remote/remotescript.h"
#include "remote/sshcommand.h"
#include "remote/sshlauncher.h"
#include "remote/sshoutcome.h"
#include "sysctl/sysctlreportcodec.h"
#include "sysctl/sysctlrequest.h"
#include "sysctl/sysctlwriter.h"

namespace {
// The helper's report, read once ssh ends: a line per sysctl, short but for a list-valued one
// (ip_local_reserved_ports) whose before and after take at most SysctlWriter::MaximumValueBytes
// each; past this a server is sending something else, and is cut off rather than buffered.
constexpr qint64 ReportLimit = 2 * qint64(SysctlWriter::MaximumValueBytes) + 64 * 1024;
}

RemoteSysctlApplier::RemoteSysctlApplier(const RemoteHost &host, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_launcher(new SshLauncher(this))
{
    m_launcher->setOutputLimit(ReportLimit);
    connect(m_launcher, &SshLauncher::finished, this, &RemoteSysctlApplier::onFinished);
    // The helper reads nothing: its stdin ends at once, so nothing can wait on it.
    connect(m_launcher, &SshLauncher::started, this, [this] { m_launcher->process()->closeWriteChannel(); });
}

QString RemoteSysctlApplier::remoteCommand(const QStringList &pairs, QString *error) const
{
    // The same argv check as the local helper before anything leaves this machine: catalog
    // names only, values SysctlValue accepts. The remote kernel's unprivileged port start is not
    // known here; the helper checks it again there.
    std::vector<SysctlChange> changes;
    QStringList refusals;
    if (pairs.isEmpty() || !SysctlRequest::parse(pairs, SysctlValue::Limits(), &changes, &refusals)) {
        if (error)
            *error = refusals.join(QLatin1Char(' '));
        return QString();
    }
    // LC_ALL=C: sudo's refusals are told apart by their text, which a server locale (Debian's
    // ssh sends LANG) would translate; the helper reports in codes either way.
    QStringList words {QStringLiteral("LC_ALL=C"), QStringLiteral("sudo"), QStringLiteral("-n"),
                       RemoteScript::quoted(m_helperPath), QStringLiteral("apply")};
    for (const QString &argument : SysctlRequest::toArguments(changes))
        words << RemoteScript::quoted(argument);
    return words.join(QLatin1Char(' '));
}

QStringList RemoteSysctlApplier::manualCommands(const QStringList &pairs)
{
    QStringList lines;
    for (const QString &pair : pairs)
        lines << QStringLiteral("sudo sysctl -w ") + RemoteScript::quoted(pair);
    return lines;
}

void RemoteSysctlApplier::apply(const QStringList &pairs)
{
    if (m_busy)
        return;
    QString error;
    const QString command = remoteCommand(pairs, &error);
    if (command.isEmpty()) {
        SysctlApplyReport report;
        report.error = tr("Nothing was sent: %1").arg(error);
        emit finished(report, false);
        return;
    }
    m_busy = true;
    m_pairs = pairs;
    m_launcher->start(SshCommand(m_host, command));
}

void RemoteSysctlApplier::onFinished(const SshOutcome &outcome)
{
    m_busy = false;
    QProcess *process = m_launcher->process();
    const QByteArray output = process ? process->readAllStandardOutput() : QByteArray();
    const QByteArray stderrText = m_launcher->standardError();
    const QString errors = QString::fromLocal8Bit(stderrText).trimmed(); // read, never shown as it is
    SysctlApplyReport report = SysctlReportCodec::decode(output);
    bool refused = false;
    if (outcome.kind != SshOutcome::Kind::Finished) {
        report.ok = false;
        report.error = outcome.message;
    } else if (outcome.exitCode == 127 || errors.contains(QLatin1String("command not found"))) {
        // The remote shell found no sudo, or sudo found no helper at the installed path.
        refused = true;
        report.ok = false;
        report.error =
            tr("sockscope-sysctl-helper (or sudo) is not installed on %1; nothing was changed.").arg(m_host.displayName());
    } else if (outcome.exitCode == 1 && output.isEmpty()
               && (errors.startsWith(QLatin1String("sudo:")) || errors.contains(QLatin1String("sudoers"))
                   || errors.startsWith(QLatin1String("Sorry, user")))) {
        // sudo -n (1.9): "sudo: a password is required", "alice is not in the sudoers file.",
        // "Sorry, user alice is not allowed to execute …"; the helper always reports on stdout.
        refused = true;
        report.ok = false;
        report.error =
            tr("sudo on %1 did not allow the helper without a password; nothing was changed.").arg(m_host.displayName());
    } else if (outcome.exitCode != 0 && report.failure == SysctlApplyReport::Failure::None) {
        report.ok = false;
        report.error = tr("The helper on %1 failed (exit code %2): %3")
                           .arg(m_host.displayName())
                           .arg(outcome.exitCode)
                           .arg(report.error + SshOutcome::lastLines(stderrText));
    } else {
        report.ok = outcome.exitCode == 0;
    }
    emit finished(report, refused);
}
