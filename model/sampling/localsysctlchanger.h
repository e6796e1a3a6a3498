#pragma once

#include "core/collect/networknamespace.h"
#include "sysctl/sysctlchanger.h"
#include "sysctl/sysctltransaction.h"

#include <QPointer>
#include <QProcess>

#include "sampling/samplingworker.h"

// How the window changes this machine's sysctls without running as root: through
// sockscope-sysctl-helper started by pkexec (one authorization prompt for all pending changes),
// or, when sockscope already has the right (root, or root in a user namespace that owns the
// observed network namespace), in-process in the sampler's thread, which sits in the observed
// namespace.
class LocalSysctlChanger : public SysctlChanger
{
    Q_OBJECT

public:
    // Also the namespace to change: the sampler's, held open here. The helper is told
    // /proc/<this pid>/fd/<descriptor> and the identity (nsfs device:inode) seen here, and enters
    // it only if they match: no name or PID is resolved again as root.
    explicit LocalSysctlChanger(SamplingWorker *sampler, bool ownNamespace = false, QObject *parent = nullptr);
    ~LocalSysctlChanger() override;

    // In-process as root; through pkexec and the helper otherwise.
    bool writesInProcess() const { return m_inProcess; }
    // For tests only: production code never calls these, so the window runs only the pkexec
    // found at build time and the helper at the installed path the polkit policy names.
    void setWritesInProcess(bool inProcess) { m_inProcess = inProcess; }
    void setPkexecProgram(const QString &program) { m_pkexec = program; }
    void setHelperProgram(const QString &program) { m_helper = program; }
    QString helperProgram() const { return m_helper; }
    // The command Apply will run, for the preview
    // ("/usr/bin/pkexec .../sockscope-sysctl-helper apply --netns … a=1").
    QStringList helperCommand(const QStringList &pairs, bool persist) const;
    // The namespace the helper will write (the sampler's): whether "Keep after reboot" can work
    // there is persistTarget(observedIdentity(), NamespaceIdentity::ofHost()).
    NamespaceIdentity observedIdentity() const { return m_namespace.identity(); }

    QStringList describe(const QStringList &pairs, bool persist) const override;
    bool writesOwnNamespace() const override { return m_ownNamespace; }

    // The installed helper (the path the polkit policy names), never one beside the program.
    static QString defaultHelperProgram();
    static QString defaultPkexecProgram();

protected:
    void start(const QStringList &pairs, bool persist) override;

private:
    void startHelper(const QStringList &pairs, bool persist);
    void helperFinished(int exitCode, QProcess::ExitStatus status);
    void finishHere(const SysctlApplyReport &report);

    QPointer<SamplingWorker> m_sampler;
    NetworkNamespace m_namespace;
    QString m_pkexec;
    QString m_helper;
    QProcess *m_process = nullptr;
    bool m_inProcess;
    bool m_ownNamespace;
};
