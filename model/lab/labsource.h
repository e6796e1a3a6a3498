#pragma once

#include "lab/labfigures.h"
#include "lab/labsysctlchanger.h"
#include "sources/streamsource.h"

// The training lab as a source (issue 14): `sockscope-agent --lab --stream`, run as the user,
// makes its own user, network and PID namespaces and streams them like any agent, plus a LAB
// frame per sample with the load generator's figures. Load settings and sysctl changes go to it
// as commands; sysctls are written by the sysctl helper run inside the lab (root there only), so
// nothing of the host changes and no password is asked. Closing the source closes the agent's
// standard input: it ends, and with it (PID 1 of its namespace) every process of the lab.
class LabSource : public StreamSource
{
    Q_OBJECT

public:
    // The agent and helper beside this program, else the installed ones.
    explicit LabSource(QObject *parent = nullptr);
    LabSource(const QString &agentProgram, const QString &helperProgram, QObject *parent = nullptr);

    static QString defaultAgentProgram();
    static QString defaultHelperProgram();
    // For tests only (a test program has no agent beside it): what the defaults are from now on.
    static void setDefaultPrograms(const QString &agent, const QString &helper);

    Place place() const override;
    LabSysctlChanger *sysctlChanger() const override { return m_sysctlChanger; }
    // Tells the lab these sysctls ("name=value"), kept to be told again when its agent starts
    // again; sysctlsApplied() brings the lab's report. The pane applies through sysctlChanger().
    void applySysctls(const QStringList &pairs);

    // "key=value" words of LabLoadSettings (rate=30 closer=client ...), applied over the current ones.
    void setLoad(const QStringList &words);
    const LabFigures &figures() const { return m_figures; }

signals:
    void figuresReady(const LabFigures &figures);
    // The lab's report on the sysctls it was told (a LAB frame's), after each applySysctls().
    void sysctlsApplied(const SysctlApplyReport &report);

protected:
    // The lab's side of the one reader: its LAB frames (the load generator's figures).
    void lab(const FrameDecoder::Frame &frame) override;

private:
    LabSysctlChanger *m_sysctlChanger;
    LabFigures m_figures;
    // What the lab was told, told again when its agent starts again (a new, empty lab).
    QStringList m_load;
    QStringList m_sysctls;
};
