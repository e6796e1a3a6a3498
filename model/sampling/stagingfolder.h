#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <functional>

#include <sys/types.h>

// A new folder made beside `target` under a hidden random name, filled and then renamed to
// `target`. Every step goes through the parent's and the folder's descriptors, never by path:
// in a parent others may write to, someone can rename the folder away and put a link in its
// place between two steps, and a path would then lead root's writes (or a recursive removal)
// into the link's target. Files are made 0600 from the start; the folder is 0700.
class StagingFolder
{
    Q_DECLARE_TR_FUNCTIONS(StagingFolder)

public:
    StagingFolder() = default;
    // Removes the files it made and the folder, unless commit() renamed it into place.
    ~StagingFolder();
    StagingFolder(const StagingFolder &) = delete;
    StagingFolder &operator=(const StagingFolder &) = delete;

    // Makes the folder beside `target` (an absolute, clean path). `afterMade`, when set, runs
    // with its path between mkdirat and opening it (the test that swaps it for a link).
    bool create(const QString &target, const std::function<void(const QString &)> &afterMade, QString *error);
    // A new file `name` (owner read/write only); its descriptor, which the caller closes, or -1.
    int createFile(const QString &name, QString *error);
    // `name`, made by createFile, for reading back; its descriptor, which the caller closes, or -1.
    int openFile(const QString &name, QString *error) const;
    // Renames the folder to the target and checks that what now bears the name is this folder.
    bool commit(QString *error);
    // `name` inside the folder's path, for messages.
    QString path(const QString &name) const;

private:
    bool sameFolder(int dirFd, const QString &name) const;
    void removeAll();

    int m_parentFd = -1;
    int m_fd = -1;
    QString m_parent;
    QString m_name; // the staging folder's name in the parent
    QString m_targetName;
    dev_t m_device = 0;
    ino_t m_inode = 0;
    QStringList m_files; // made by createFile: the only names removed after a failure
    bool m_committed = false;
};
