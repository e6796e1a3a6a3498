#include "sysctl/sysctlpersister.h"

#include "sysctl/sysctlvalue.h"
#include "sysctl/sysctlwriter.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

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
    // Later files may be symlinks (Debian's 99-sysctl.conf -> ../sysctl.conf); only their size is bounded.
    if (!file.open(QIODevice::ReadOnly) || file.size() > 16 * SysctlPersister::MaximumFileBytes)
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

QByteArray SysctlPersister::settingLine(const QString &name, const QString &value)
{
    const SysctlEntry *entry = SysctlCatalog::find(name);
    QString fileValue = value;
    if (entry && entry->kind == SysctlEntry::Kind::PortRange)
        fileValue.replace(QLatin1Char('-'), QLatin1Char(' '));
    const bool optional = entry && entry->mayBeAbsent();
    return (optional ? "-" : "") + name.toLatin1() + " = " + fileValue.toLatin1();
}

QByteArray SysctlPersister::render(const QList<QPair<QString, QString>> &settings)
{
    QByteArray text = "# Written by sockscope-sysctl-helper. Applied at boot by systemd-sysctl (sysctl.d(5))\n"
                      "# to the host's network namespace only. Keys marked '-' are skipped where the kernel\n"
                      "# lacks them.\n";
    for (const auto &[name, value] : settings)
        text += settingLine(name, value) + '\n';
    return text;
}

int SysctlPersister::readExisting(const QString &path, QByteArray *text)
{
    text->clear();
    // O_NOFOLLOW: a symlink planted here must not make root read (and then rewrite) another file.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? 0 : errno;
    struct stat status
    {
    };
    // O_NOFOLLOW does not see a hard link: a second name for a root-only file (0600) would
    // have its lines kept and republished 0644 in the new file. Ours has exactly one name.
    int error = ::fstat(fd, &status) != 0   ? errno
        : !S_ISREG(status.st_mode)          ? EINVAL
        : status.st_nlink != 1              ? EMLINK
        : status.st_size > MaximumFileBytes ? EFBIG
                                            : 0;
    if (!error) {
        text->resize(MaximumFileBytes + 1);
        qsizetype got = 0;
        ssize_t n = 0;
        while (got < text->size() && (n = ::read(fd, text->data() + got, std::size_t(text->size() - got))) != 0) {
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0) {
                error = errno;
                break;
            }
            got += n;
        }
        text->truncate(got);
        if (!error && got > MaximumFileBytes)
            error = EFBIG; // grew after fstat()
    }
    ::close(fd);
    return error;
}

bool SysctlPersister::merge(const QByteArray &existing, const std::vector<SysctlChange> &changes, QByteArray *merged,
                            QString *problem)
{
    if (existing.isEmpty()) {
        QList<QPair<QString, QString>> settings;
        for (const SysctlChange &change : changes)
            settings.append({change.entry->key(), change.value});
        *merged = render(settings);
        return true;
    }
    static const QRegularExpression setting(QStringLiteral("^\\s*-?([A-Za-z0-9_./-]+)\\s*=\\s*(.*?)\\s*$"));
    const SysctlValue::Limits limits = SysctlWriter::currentLimits();
    QList<QByteArray> lines = existing.split('\n');
    if (lines.last().isEmpty())
        lines.removeLast(); // the final newline
    QSet<QString> placed;
    QList<QByteArray> out;
    for (int number = 0; number < lines.size(); ++number) {
        const QByteArray &line = lines[number];
        const QRegularExpressionMatch match = setting.match(QString::fromUtf8(line));
        const QString name = match.hasMatch() ? match.captured(1).replace(QLatin1Char('/'), QLatin1Char('.')) : QString();
        const SysctlEntry *entry = name.isEmpty() ? nullptr : SysctlCatalog::find(name);
        if (!entry || !entry->editable()) {
            out << line; // comments, blank lines and keys sockscope does not manage stay as they are
            continue;
        }
        const auto change = std::find_if(changes.begin(), changes.end(), [&](const SysctlChange &c) { return c.entry == entry; });
        if (change != changes.end()) {
            // In sysctl.d the last assignment in a file wins: one line per key, where it was first.
            if (!placed.contains(name))
                out << settingLine(name, change->value);
            placed.insert(name);
            continue;
        }
        QString canonical, error;
        if (!SysctlValue::validate(*entry, SysctlValue::fromProcText(*entry, match.captured(2)), limits, &canonical, &error)) {
            *problem = tr("line %1 sets %2 to a value sockscope would not write (%3); correct or remove it first.")
                           .arg(number + 1)
                           .arg(name, error);
            return false;
        }
        out << line;
    }
    for (const SysctlChange &change : changes) {
        if (!placed.contains(change.entry->key()))
            out << settingLine(change.entry->key(), change.value);
    }
    *merged = out.join('\n') + '\n';
    return true;
}

bool SysctlPersister::prepare(const std::vector<SysctlChange> &changes, const QString &directory, QByteArray *text,
                              SysctlApplyReport *report)
{
    const QString path = directory + QLatin1Char('/') + fileName();
    report->persistPath = path;
    QByteArray existing;
    QString problem;
    if (const int error = readExisting(path, &existing)) {
        report->persistErrorNumber = error;
        return false;
    }
    if (!merge(existing, changes, text, &problem)) {
        report->persistErrorNumber = EINVAL;
        report->refusals << path + QStringLiteral(": ") + problem;
        return false;
    }
    return true;
}

bool SysctlPersister::persist(const std::vector<SysctlChange> &changes, const QString &directory, const QByteArray &text,
                              SysctlApplyReport *report)
{
    const QString path = directory + QLatin1Char('/') + fileName();
    report->persistPath = path;

    QByteArray temporary = QFile::encodeName(path) + ".XXXXXX";
    const int fd = mkostemp(temporary.data(), O_CLOEXEC);
    if (fd < 0) {
        report->persistErrorNumber = errno;
        return false;
    }
    const bool written =
        ::write(fd, text.constData(), std::size_t(text.size())) == text.size() && fchmod(fd, 0644) == 0 && fsync(fd) == 0;
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
