#include "sampling/stagingfolder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

QString lastError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

QByteArray encoded(const QString &name)
{
    return QFile::encodeName(name);
}

// ".NAME-" and six random letters or digits: hidden, and not guessable before it exists.
QString stagingName(const QString &targetName)
{
    static const char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString name = QStringLiteral(".%1-").arg(targetName);
    for (int i = 0; i < 6; ++i)
        name += QLatin1Char(letters[QRandomGenerator::system()->bounded(int(sizeof letters) - 1)]);
    return name;
}

}

StagingFolder::~StagingFolder()
{
    if (!m_committed)
        removeAll();
    if (m_fd >= 0)
        ::close(m_fd);
    if (m_parentFd >= 0)
        ::close(m_parentFd);
}

bool StagingFolder::create(const QString &target, const std::function<void(const QString &)> &afterMade, QString *error)
{
    const QFileInfo info(target);
    m_parent = info.path();
    m_targetName = info.fileName();
    m_parentFd = ::open(encoded(m_parent).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    // Beside the target, on the same file system, so that the rename at the end is atomic.
    for (int attempt = 0; m_parentFd >= 0 && attempt < 100; ++attempt) {
        const QString name = stagingName(m_targetName);
        if (::mkdirat(m_parentFd, encoded(name).constData(), 0700) == 0) {
            m_name = name;
            break;
        }
        if (errno != EEXIST)
            break;
    }
    if (m_name.isEmpty()) {
        *error = tr("Cannot create a folder beside %1: %2").arg(target, lastError());
        return false;
    }
    if (afterMade)
        afterMade(path(QString()));
    // O_NOFOLLOW: a link put in its place is not opened. A folder someone else made under the
    // name would not be ours (st_uid); from here on the descriptor is the folder, whatever its
    // name becomes.
    m_fd = ::openat(m_parentFd, encoded(m_name).constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    struct stat status
    {
    };
    if (m_fd < 0 || ::fstat(m_fd, &status) != 0 || !S_ISDIR(status.st_mode) || status.st_uid != ::geteuid()) {
        *error = tr("%1 was replaced while the incident bundle was being written; nothing was written through it.")
                     .arg(path(QString()));
        return false;
    }
    m_device = status.st_dev;
    m_inode = status.st_ino;
    return true;
}

int StagingFolder::createFile(const QString &name, QString *error)
{
    // 0600 from the start: the table and the history name sockets' owners.
    const int fd = ::openat(m_fd, encoded(name).constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error = tr("Cannot write %1: %2").arg(path(name), lastError());
        return -1;
    }
    m_files << name;
    return fd;
}

int StagingFolder::openFile(const QString &name, QString *error) const
{
    const int fd = ::openat(m_fd, encoded(name).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        *error = tr("Cannot read %1 back: %2").arg(path(name), lastError());
    return fd;
}

bool StagingFolder::commit(QString *error)
{
    // rename(2) replaces an empty folder and refuses one that was filled meanwhile.
    if (::renameat(m_parentFd, encoded(m_name).constData(), m_parentFd, encoded(m_targetName).constData()) != 0) {
        *error = tr("Cannot rename %1 to %2: %3").arg(path(QString()), QDir(m_parent).filePath(m_targetName), lastError());
        return false;
    }
    // renameat moved whatever bore the staging name: if that was not this folder (a link put
    // there), take it away again without following it. This folder is then elsewhere: its
    // files are removed through its descriptor, the folder itself is left.
    if (!sameFolder(m_parentFd, m_targetName)) {
        struct stat status
        {
        };
        if (::fstatat(m_parentFd, encoded(m_targetName).constData(), &status, AT_SYMLINK_NOFOLLOW) == 0
            && !S_ISDIR(status.st_mode))
            ::unlinkat(m_parentFd, encoded(m_targetName).constData(), 0);
        *error = tr("%1 was replaced while the incident bundle was being written; nothing was written through it.")
                     .arg(path(QString()));
        m_name.clear();
        return false;
    }
    m_committed = true;
    return true;
}

QString StagingFolder::path(const QString &name) const
{
    const QString folder = QDir(m_parent).filePath(m_name.isEmpty() ? QStringLiteral(".%1-…").arg(m_targetName) : m_name);
    return name.isEmpty() ? folder : QDir(folder).filePath(name);
}

bool StagingFolder::sameFolder(int dirFd, const QString &name) const
{
    struct stat status
    {
    };
    return ::fstatat(dirFd, encoded(name).constData(), &status, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(status.st_mode)
        && status.st_dev == m_device && status.st_ino == m_inode;
}

void StagingFolder::removeAll()
{
    // Only the names this writer made, inside the folder it holds open: never a recursive
    // removal by path, which would follow a link put in the folder's place.
    if (m_fd < 0)
        return;
    for (const QString &name : m_files)
        ::unlinkat(m_fd, encoded(name).constData(), 0);
    if (!m_name.isEmpty() && sameFolder(m_parentFd, m_name))
        ::unlinkat(m_parentFd, encoded(m_name).constData(), AT_REMOVEDIR);
}
