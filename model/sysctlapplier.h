#pragma once

#include "sysctlchange.h"
#include "sysctltransaction.h"

#include <QObject>
#include <QPointer>
#include <QProcess>

#include "samplerthread.h"

// How the window changes sysctls without running as root: through sockscope-sysctl-helper
// started by pkexec (one authorization prompt for all pending changes), or, when sockscope
// already has the right (root, or root in a user namespace that owns the observed network
// namespace), in-process in the sampler's thread, which sits in the observed namespace.
class SysctlApplier : public QObject
{
    Q_OBJECT

public:
    enum class Route { InProcess, Helper };

    explicit SysctlApplier(QObject *parent = nullptr);

    void setSampler(SamplerThread *sampler) { m_sampler = sampler; }
    // The namespace the window observes (--netns), passed on to the helper.
    void setNamespacePath(const QString &path) { m_namespacePath = path; }
    Route route() const { return m_route; }
    void setRoute(Route route) { m_route = route; }
    // For tests and unusual installs.
    void setPkexecProgram(const QString &program) { m_pkexec = program; }
    void setHelperProgram(const QString &program) { m_helper = program; }
    QString helperProgram() const { return m_helper; }
    // The command Apply will run, for the preview ("pkexec .../sockscope-sysctl-helper a=1").
    QStringList helperCommand(const QStringList &pairs, bool persist) const;
    bool isBusy() const { return m_busy; }

    void apply(const QStringList &pairs, bool persist);

    static QString defaultHelperProgram();

signals:
    void finished(const SysctlApplyReport &report);

private:
    void finish(const SysctlApplyReport &report);
    void helperFinished(int exitCode, QProcess::ExitStatus status);

    Route m_route;
    QPointer<SamplerThread> m_sampler;
    QString m_namespacePath;
    QString m_pkexec = QStringLiteral("pkexec");
    QString m_helper;
    QProcess *m_process = nullptr;
    bool m_busy = false;
};
