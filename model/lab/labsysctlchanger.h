#pragma once

#include "sysctl/sysctlchanger.h"

class LabSource;

// The training lab's sysctls: the lab's agent writes them with the sysctl helper run inside the
// lab (root of the lab's user namespace only), in the lab's own network namespace, so nothing
// of the host changes and no password is asked. What the lab reports (LabSource::sysctlsApplied)
// is what the pane shows. Never kept after reboot: they end with the lab.
class LabSysctlChanger : public SysctlChanger
{
    Q_OBJECT

public:
    // `helperProgram`: the helper the lab's agent runs, named in the preview.
    LabSysctlChanger(LabSource *lab, const QString &helperProgram);

    QStringList describe(const QStringList &pairs, bool persist) const override;
    PersistRefusal persistRefusal() const override;

protected:
    void start(const QStringList &pairs, bool persist) override;

private:
    LabSource *m_lab;
    QString m_helper;
};
