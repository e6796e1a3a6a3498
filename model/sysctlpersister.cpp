#include "sysctlpersister.h"

#include "sysctlvalue.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

// "key = value" and "-key = value" lines of a sysctl.d file.
QList<QPair<QString, QString>> readSettings(const QString &path)
{
    QList<QPair<QString, QString>> settings;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return settings;
    static const QRegularExpression line(QStringLiteral("^\\s*-?([a-z0-9_./]+)\\s*=\\s*(.*?)\\s*$"));
    while (!file.atEnd()) {
        const QRegularExpressionMatch match = line.match(QString::fromUtf8(file.readLine()));
        if (match.hasMatch())
            settings.append({match.captured(1).replace(QLatin1Char('/'), QLatin1Char('.')), match.captured(2)});
    }
    return settings;
}

// Files systemd-sysctl applies after ours (sorted by name across these directories), and
// /etc/sysctl.conf, which `sysctl --system` reads last.
QStringList laterFiles(const QString &directory, const QString &ours)
{
    QStringList directories {directory};
    if (directory == QLatin1String("/etc/sysctl.d")) {
        directories << QStringLiteral("/run/sysctl.d") << QStringLiteral("/usr/local/lib/sysctl.d")
                    << QStringLiteral("/usr/lib/sysctl.d") << QStringLiteral("/lib/sysctl.d");
    }
    QStringList later;
    for (const QString &dir : directories) {
        const QStringList names = QDir(dir).entryList({QStringLiteral("*.conf")}, QDir::Files, QDir::Name);
        for (const QString &name : names) {
            if (name > ours)
                later << dir + QLatin1Char('/') + name;
        }
    }
    if (directory == QLatin1String("/etc/sysctl.d"))
        later << QStringLiteral("/etc/sysctl.conf");
    return later;
}

}

QByteArray SysctlPersister::render(const QList<QPair<QString, QString>> &settings)
{
    QByteArray text = "# Written by sockscope-sysctl-helper. Applied at boot by systemd-sysctl (sysctl.d(5))\n"
                      "# to the host's network namespace only. Keys marked '-' are skipped where the kernel\n"
                      "# lacks them.\n";
    for (const auto &[name, value] : settings) {
        const SysctlEntry *entry = SysctlCatalog::find(name);
        QString fileValue = value;
        if (entry && entry->kind == SysctlEntry::Kind::PortRange)
            fileValue.replace(QLatin1Char('-'), QLatin1Char(' '));
        const bool optional = entry && entry->mayBeAbsent();
        text += (optional ? "-" : "") + name.toLatin1() + " = " + fileValue.toLatin1() + '\n';
    }
    return text;
}

bool SysctlPersister::persist(const std::vector<SysctlChange> &changes, const QString &directory, SysctlApplyReport *report)
{
    const QString path = directory + QLatin1Char('/') + fileName();
    // Keep what the file already holds for other keys; values are stored in catalog form.
    QList<QPair<QString, QString>> settings;
    for (const auto &[name, value] : readSettings(path)) {
        const SysctlEntry *entry = SysctlCatalog::find(name);
        if (entry && entry->editable())
            settings.append({name, SysctlValue::fromProcText(*entry, value)});
    }
    for (const SysctlChange &change : changes) {
        bool replaced = false;
        for (auto &setting : settings) {
            if (setting.first == change.entry->key()) {
                setting.second = change.value;
                replaced = true;
            }
        }
        if (!replaced)
            settings.append({change.entry->key(), change.value});
    }
    const QByteArray text = render(settings);

    report->persistPath = path;
    QByteArray temporary = QFile::encodeName(path) + ".XXXXXX";
    const int fd = mkostemp(temporary.data(), O_CLOEXEC);
    if (fd < 0) {
        report->persistErrorNumber = errno;
        return false;
    }
    const bool written = ::write(fd, text.constData(), std::size_t(text.size())) == text.size() && fchmod(fd, 0644) == 0
        && fsync(fd) == 0;
    int error = written ? 0 : (errno ? errno : EIO);
    ::close(fd);
    if (!error && ::rename(temporary.constData(), QFile::encodeName(path).constData()) != 0)
        error = errno;
    if (error) {
        report->persistErrorNumber = error;
        ::unlink(temporary.constData());
        return false;
    }
    // The rename itself is durable only once the directory is synced.
    const int dirFd = ::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        fsync(dirFd);
        ::close(dirFd);
    }
    report->savedTo = path;
    for (const QString &later : laterFiles(directory, fileName())) {
        for (const auto &[name, value] : readSettings(later)) {
            for (const SysctlChange &change : changes) {
                if (name == change.entry->key())
                    report->overrides.push_back({name, later, value});
            }
        }
    }
    return true;
}
