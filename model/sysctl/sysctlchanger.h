#pragma once

#include "sysctl/sysctlchange.h"

#include <QObject>
#include <QStringList>

// How the sysctls of the watched kernel are changed, handed by the source to the sysctl pane:
// what Apply will do (describe), doing it (apply), whether "Keep after reboot" can be offered
// (persistRefusal), and the report when it is done (finished). One per source: this machine
// through the pkexec helper or in-process (LocalSysctlChanger), a remote host through `sudo -n`
// and the helper there (RemoteSysctlChanger), the training lab's agent (LabSysctlChanger), or
// nothing at all (ReadOnlySysctlChanger). The pane only presents what its changer says.
class SysctlChanger : public QObject
{
    Q_OBJECT

public:
    // Why "Keep after reboot" is off whatever the namespace: a short note beside the box and
    // the whole reason for its tooltip.
    struct PersistRefusal
    {
        QString note;
        QString reason;
        bool refused() const { return !note.isEmpty(); }
    };

    using QObject::QObject;

    // Why nothing can be changed from here (a recording; a stream whose sysctls are changed on
    // its host: what to do there), shown instead of a preview; empty when apply() changes them.
    virtual QString readOnlyReason() const { return QString(); }
    bool canApply() const { return readOnlyReason().isEmpty(); }
    // The lines of the preview that say how Apply makes the change for `pairs` ("name=value").
    virtual QStringList describe(const QStringList &pairs, bool persist) const = 0;
    // Empty: "Keep after reboot" is offered where the written namespace is the host's.
    virtual PersistRefusal persistRefusal() const { return {}; }
    // The namespace written is the window's own (its label is then "current", in the language
    // shown now).
    virtual bool writesOwnNamespace() const { return false; }
    bool isBusy() const { return m_busy; }

    // Changes `pairs`, kept after reboot when `persist`; finished() reports what came of it. Does
    // nothing while an apply is under way; a changer that cannot apply, or cannot keep when
    // `persist` asks it to (persistRefusal), reports why at once and changes nothing.
    void apply(const QStringList &pairs, bool persist);

signals:
    void finished(const SysctlApplyReport &report);

protected:
    // The implementation's part of apply(): ends with finish(), now or later.
    virtual void start(const QStringList &pairs, bool persist) = 0;
    void finish(const SysctlApplyReport &report);

private:
    bool m_busy = false;
};
