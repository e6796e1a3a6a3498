#pragma once

#include "networknamespace.h"
#include "sysctlchange.h"
#include "sysctltransaction.h"

#include <QObject>
#include <QPointer>
#include <QProcess>

#include <functional>

#include "samplingworker.h"

// How the window changes sysctls without running as root: through sockscope-sysctl-helper
// started by pkexec (one authorization prompt for all pending changes), or, when sockscope
// already has the right (root, or root in a user namespace that owns the observed network
// namespace), in-process in the sampler's thread, which sits in the observed namespace.
class SysctlApplier : public QObject
{
    Q_OBJECT

public:
    enum class Route { InProcess, Helper, Remote };

    explicit SysctlApplier(QObject *parent = nullptr);

    // Also the namespace to change: the sampler's, held open here. The helper is told
    // /proc/<this pid>/fd/<descriptor> and the identity (nsfs device:inode) seen here, and enters
    // it only if they match: no name or PID is resolved again as root.
    void setSampler(SamplingWorker *sampler);
    Route route() const { return m_route; }
    void setRoute(Route route) { m_route = route; }
    // A remote host's way (RemoteSource::applySysctls, over ssh): apply() hands the pairs to
    // `apply`, `describe` words the commands for the preview, and the report comes back through
    // remoteFinished(). clearRemote() returns to the local route.
    // `persistRefusal`: the short note and the tooltip saying why "Keep after reboot" is off
    // (empty: the remote host's).
    void setRemote(std::function<void(const QStringList &)> apply, std::function<QStringList(const QStringList &)> describe,
                   const QStringList &persistRefusal = {});
    QStringList remotePersistRefusal() const { return m_persistRefusal; }
    void clearRemote();
    QStringList remoteLines(const QStringList &pairs) const { return m_describeRemote ? m_describeRemote(pairs) : QStringList(); }
    void remoteFinished(const SysctlApplyReport &report) { finish(report); }
    // For tests only: production code never calls these, so the window runs only the pkexec
    // found at build time and the helper at the installed path the polkit policy names.
    void setPkexecProgram(const QString &program) { m_pkexec = program; }
    void setHelperProgram(const QString &program) { m_helper = program; }
    QString helperProgram() const { return m_helper; }
    // The command Apply will run, for the preview
    // ("/usr/bin/pkexec .../sockscope-sysctl-helper apply --netns … a=1").
    QStringList helperCommand(const QStringList &pairs, bool persist) const;
    // The namespace the helper will write (the sampler's): whether "Keep after reboot" can work
    // there is persistTarget(observedIdentity(), NamespaceIdentity::ofHost()).
    NamespaceIdentity observedIdentity() const { return m_namespace.identity(); }
    bool isBusy() const { return m_busy; }

    void apply(const QStringList &pairs, bool persist);

    // The installed helper (the path the polkit policy names), never one beside the program.
    static QString defaultHelperProgram();
    static QString defaultPkexecProgram();

signals:
    void finished(const SysctlApplyReport &report);

private:
    void finish(const SysctlApplyReport &report);
    void helperFinished(int exitCode, QProcess::ExitStatus status);

    Route m_route;
    Route m_localRoute;
    std::function<void(const QStringList &)> m_applyRemote;
    std::function<QStringList(const QStringList &)> m_describeRemote;
    QStringList m_persistRefusal;
    QPointer<SamplingWorker> m_sampler;
    NetworkNamespace m_namespace;
    QString m_pkexec;
    QString m_helper;
    QProcess *m_process = nullptr;
    bool m_busy = false;
};
