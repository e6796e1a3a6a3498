#pragma once

#include "remote/remotehost.h"
#include "sysctl/sysctlchanger.h"

class RemoteSysctlApplier;

// A remote host's sysctls, changed over ssh through `sudo -n` and the helper there
// (RemoteSysctlApplier, which builds and checks the command) until sudo refuses or the helper is
// missing; from then on the preview leads with what to run there by hand, and Apply still tries
// again (for a sudoers rule added meanwhile). Never kept after reboot: the sudoers rule is for
// runtime changes, and this machine's /proc/1/ns/net says nothing about the remote host's
// namespaces.
class RemoteSysctlChanger : public SysctlChanger
{
    Q_OBJECT

public:
    RemoteSysctlChanger(const RemoteHost &host, QObject *parent = nullptr);

    RemoteSysctlApplier *applier() const { return m_applier; }
    // The last try was refused (sudo wanted a password, or nothing is installed there).
    bool sudoRefused() const { return m_sudoRefused; }

    // What Apply runs, and what to run there by hand.
    QStringList describe(const QStringList &pairs, bool persist) const override;
    PersistRefusal persistRefusal() const override;

protected:
    void start(const QStringList &pairs, bool persist) override;

private:
    void applierFinished(SysctlApplyReport report, bool refused);

    QString m_hostName;
    RemoteSysctlApplier *m_applier;
    QStringList m_lastPairs;
    bool m_sudoRefused = false;
};
