#pragma once

#include "remote/remotehost.h"
#include "sysctl/sysctlchange.h"

#include <QObject>
#include <QStringList>

class SshLauncher;
struct SshOutcome;

// Changes a remote host's sysctls: `ssh HOST sudo -n <helper> apply name=value…`, through the
// same SshCommand/SshLauncher as the stream (an argv, never a local shell). `sudo -n` never
// prompts: without a sudoers rule for the helper it exits at once, and the operator gets the
// exact commands to run there instead. The helper validates again on the server; its stdout is
// the SysctlReportCodec report the local applier reads.
class RemoteSysctlApplier : public QObject
{
    Q_OBJECT

public:
    // Where the Debian package installs the helper; the sudoers rule names this path.
    static constexpr const char *DefaultHelperPath = "/usr/libexec/sockscope/sockscope-sysctl-helper";

    RemoteSysctlApplier(const RemoteHost &host, QObject *parent = nullptr);

    SshLauncher *launcher() const { return m_launcher; }
    // For tests: the helper's path on the server (production: DefaultHelperPath).
    void setHelperPath(const QString &path) { m_helperPath = path; }
    bool isBusy() const { return m_busy; }

    // The remote command Apply runs (`sudo -n '/usr/libexec/…' apply 'a=1'`), or empty and
    // `error` when a pair is not a catalog sysctl with a valid value (nothing is sent then).
    QString remoteCommand(const QStringList &pairs, QString *error = nullptr) const;
    // What to run on the server by hand, one line per sysctl, shell-quoted.
    static QStringList manualCommands(const QStringList &pairs);

    void apply(const QStringList &pairs);

signals:
    // `refused`: sudo -n would not run the helper, or it is not installed there.
    void finished(const SysctlApplyReport &report, bool refused);

private:
    void onFinished(const SshOutcome &outcome);

    RemoteHost m_host;
    SshLauncher *m_launcher;
    QString m_helperPath = QString::fromLatin1(DefaultHelperPath);
    QStringList m_pairs;
    bool m_busy = false;
};
