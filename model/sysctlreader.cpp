#include "sysctlreader.h"

#include "procfile.h"
#include "sysctlcatalog.h"

#include <QRegularExpression>

const QStringList &SysctlReader::snapshotSet()
{
    // tcp_tw_recycle is read too, though removed in 4.12: whether this kernel still has it is
    // told from the file, not assumed from the version.
    static const QStringList names = SysctlCatalog::readableNames()
        + QStringList {QStringLiteral("net.ipv4.tcp_ehash_entries"), QStringLiteral("net.ipv4.ip_unprivileged_port_start"),
                       QStringLiteral("net.ipv4.tcp_tw_recycle")};
    return names;
}

QString SysctlReader::procPath(const QString &name)
{
    static const QRegularExpression valid(QStringLiteral("^[a-z0-9_]+(\\.[a-z0-9_]+)+$"));
    if (!valid.match(name).hasMatch())
        return QString();
    QString path = name;
    path.replace(QLatin1Char('.'), QLatin1Char('/'));
    return QStringLiteral("/proc/sys/") + path;
}

SysctlReading SysctlReader::read(const QString &name)
{
    SysctlReading reading;
    reading.name = name;
    const QString path = procPath(name);
    if (path.isEmpty()) {
        reading.state = SysctlReading::State::Unreadable;
        reading.error = tr("\"%1\" is not a sysctl name.").arg(name);
        return reading;
    }
    const ProcFile file = ProcFile::read(path);
    switch (file.status) {
    case ProcFile::Status::Ok:
        reading.state = SysctlReading::State::Present;
        reading.value = QString::fromUtf8(file.contents).simplified();
        break;
    case ProcFile::Status::Absent:
        // Not on this kernel (tcp_tw_reuse_delay before 6.14), or global-only and hidden in a
        // child namespace (tcp_max_orphans).
        reading.state = SysctlReading::State::Absent;
        break;
    case ProcFile::Status::PermissionDenied:
    case ProcFile::Status::Failed:
        reading.state = SysctlReading::State::Unreadable;
        reading.error = file.error;
        break;
    }
    return reading;
}
