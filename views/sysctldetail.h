#pragma once

#include <QCoreApplication>
#include <QString>

class SysctlListModel;

// The explanation of one sysctl as rich text: what it controls, its values, default, range,
// scope, history and advice, plus what is true of it on the running kernel (read, not inferred
// from the version number).
class SysctlDetail
{
    Q_DECLARE_TR_FUNCTIONS(SysctlDetail)

public:
    static QString html(const SysctlListModel &model, int row);
    // What trainees mix up, with this kernel's figures where they matter.
    static QString conceptsHtml(const SysctlListModel &model);

private:
    static QString kernelNote(const SysctlListModel &model, int row);
    static QString valueOf(const SysctlListModel &model, const char *name);
};
