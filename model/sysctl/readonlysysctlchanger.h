#pragma once

#include "sysctl/sysctlchanger.h"

// The changer of a source whose sysctls are not changed from here (a recording, a stream from an
// agent that does not change them): the pane shows the reason, and apply() only reports it.
class ReadOnlySysctlChanger : public SysctlChanger
{
    Q_OBJECT

public:
    explicit ReadOnlySysctlChanger(const QString &reason, QObject *parent = nullptr);

    QString readOnlyReason() const override { return m_reason; }
    QStringList describe(const QStringList &pairs, bool persist) const override;

protected:
    void start(const QStringList &pairs, bool persist) override;

private:
    QString m_reason;
};
