#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

class SysctlListModel;
struct KernelDefaults;

// The explanation of one sysctl as rich text: what it controls, its values, default, what
// sockscope lets you set, scope, history and advice, what is true of it on the running kernel
// (read, not inferred from the version number), the commands that show it on any host, and a
// footer naming exactly what was read from this kernel.
class SysctlDetail
{
    Q_DECLARE_TR_FUNCTIONS(SysctlDetail)

public:
    static QString html(const SysctlListModel &model, int row);
    // What trainees mix up, each with the commands that show it.
    static QString conceptsHtml(const SysctlListModel &model);

private:
    // `read` collects the sysctls a text was built from, for the footer.
    static QString kernelNote(const SysctlListModel &model, int row, QStringList *read);
    // What kernelNote says of each sysctl that has something to say on this kernel.
    static QString reuseNote(const SysctlListModel &model, QStringList *read);
    static QString finTimeoutNote(const QString &current);
    static QString timeWaitTableNote(const SysctlListModel &model, qint64 limit);
    static QString portRangeNote(const SysctlListModel &model, const QString &current);
    static QString recycleNote(const SysctlListModel &model, QStringList *read);
    static QString timestampNote(const KernelDefaults &defaults);
    static QString valueOf(const SysctlListModel &model, const char *name, QStringList *read);
    static QString readout(const SysctlListModel &model, const QStringList &names);
    static QString commandsHtml(const QString &key);
};
