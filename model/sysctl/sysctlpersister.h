#pragma once

#include "sysctl/sysctlchange.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

// Keeps changes across reboots in one file sockscope owns, /etc/sysctl.d/90-sockscope.conf,
// written atomically (temporary file, fsync, rename, fsync of the directory). sysctl.d is applied
// at boot to the host's network namespace only.
class SysctlPersister
{
    Q_DECLARE_TR_FUNCTIONS(SysctlPersister)

public:
    // A file sockscope writes holds a few dozen lines; anything far larger is not ours.
    static constexpr qint64 MaximumFileBytes = 64 * 1024;

    static QString defaultDirectory() { return QStringLiteral("/etc/sysctl.d"); }
    static QString fileName() { return QStringLiteral("90-sockscope.conf"); }

    // The new text of directory/90-sockscope.conf with `changes` merged in, worked out before
    // anything is written, so a file that is not what it seems stops the request untouched. On
    // failure, the report's persistPath, persistErrorNumber (and a refusal saying which line).
    static bool prepare(const std::vector<SysctlChange> &changes, const QString &directory, QByteArray *text,
                        SysctlApplyReport *report);
    // Writes `text` from prepare() and fills the report's savedTo and overrides (later-sorting
    // files that set the same key); on failure, persistPath and persistErrorNumber.
    static bool persist(const std::vector<SysctlChange> &changes, const QString &directory, const QByteArray &text,
                        SysctlApplyReport *report);
    // The file's text for these settings (name -> catalog-form value), as persist() writes it.
    static QByteArray render(const QList<QPair<QString, QString>> &settings);
    // The new file text: `existing` with the lines that set the changed keys replaced (one line
    // per key), the others kept byte for byte (comments, keys sockscope does not manage) and the
    // new keys appended. Kept lines of sockscope's keys must hold values it would write itself;
    // otherwise false and `problem` says which line.
    static bool merge(const QByteArray &existing, const std::vector<SysctlChange> &changes, QByteArray *merged, QString *problem);
    // The current file, without following a symlink, a regular file with one name (no hard
    // link) of at most MaximumFileBytes; 0 with empty text when there is none, an errno otherwise.
    static int readExisting(const QString &path, QByteArray *text);

private:
    static QByteArray settingLine(const QString &name, const QString &value);
};
