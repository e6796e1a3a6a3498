#include "sampling/bundlefolder.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace BundleFolder {

QString refusal(const QString &folder)
{
    if (folder.trimmed().isEmpty())
        return QCoreApplication::translate("BundleFolder", "An incident bundle needs a folder name.");
    const QFileInfo info(folder);
    // A link is refused before it is followed: the rename at the end would replace the link
    // itself, not the folder it points to, and fail on a link to an empty folder.
    if (info.isSymLink())
        return QCoreApplication::translate("BundleFolder",
                                           "%1 is a symbolic link; an incident bundle is written into a new folder.")
            .arg(folder);
    if (info.exists() && !info.isDir())
        return QCoreApplication::translate("BundleFolder", "%1 is a file; an incident bundle is written into a new folder.")
            .arg(folder);
    if (info.exists() && !QDir(folder).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot))
        return QCoreApplication::translate("BundleFolder",
                                           "%1 already holds files; an incident bundle is written into a new or empty "
                                           "folder.")
            .arg(folder);
    return QString();
}

}
