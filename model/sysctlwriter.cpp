#include "sysctlwriter.h"

#include "procfile.h"
#include "sysctlreader.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

SysctlValue::Limits SysctlWriter::currentLimits()
{
    SysctlValue::Limits limits;
    const SysctlReading start = SysctlReader::read(QStringLiteral("net.ipv4.ip_unprivileged_port_start"));
    bool ok = false;
    const int value = start.value.toInt(&ok);
    if (start.state == SysctlReading::State::Present && ok)
        limits.unprivilegedPortStart = value;
    return limits;
}

bool SysctlWriter::readValue(const SysctlEntry &entry, QString *value, int *errorNumber)
{
    // The path comes from the catalog's fixed name, never from the request.
    const QByteArray path = QFile::encodeName(SysctlReader::procPath(entry.key()));
    const int fd = ::open(path.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        *errorNumber = errno;
        return false;
    }
    char buffer[4096];
    const ssize_t got = ::read(fd, buffer, sizeof(buffer) - 1);
    *errorNumber = got < 0 ? errno : 0;
    ::close(fd);
    if (got < 0)
        return false;
    *value = SysctlValue::fromProcText(entry, QString::fromLatin1(buffer, int(got)));
    return true;
}

bool SysctlWriter::writeValue(const SysctlEntry &entry, const QString &canonical, int *errorNumber)
{
    const QByteArray path = QFile::encodeName(SysctlReader::procPath(entry.key()));
    const QByteArray text = SysctlValue::procText(entry, canonical);
    const int fd = ::open(path.constData(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        *errorNumber = errno;
        return false;
    }
    const ssize_t written = ::write(fd, text.constData(), std::size_t(text.size()));
    *errorNumber = written < 0 ? errno : (written != text.size() ? EIO : 0);
    // Some handlers report errors only when the file is closed.
    if (::close(fd) != 0 && *errorNumber == 0)
        *errorNumber = errno;
    return *errorNumber == 0;
}

SysctlApplyReport SysctlWriter::apply(const std::vector<SysctlChange> &changes)
{
    SysctlApplyReport report;
    report.items.resize(changes.size());
    bool refused = false;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        SysctlItemResult &item = report.items[i];
        item.name = changes[i].entry->key();
        item.requested = changes[i].value;
        int err = 0;
        if (!readValue(*changes[i].entry, &item.before, &err)) {
            item.status = SysctlItemResult::Status::Refused;
            item.reason = err == ENOENT ? SysctlItemResult::Reason::Absent : SysctlItemResult::Reason::Unreadable;
            item.errorNumber = err;
            refused = true;
        }
    }
    if (refused) {
        report.failure = SysctlApplyReport::Failure::Refused;
        return report;
    }

    std::vector<std::size_t> written;
    const auto rollBack = [&] {
        for (auto it = written.rbegin(); it != written.rend(); ++it) {
            SysctlItemResult &item = report.items[*it];
            int err = 0;
            item.status = SysctlItemResult::Status::RolledBack;
            if (writeValue(*changes[*it].entry, item.before, &err)) {
                item.after = item.before;
                item.reason = SysctlItemResult::Reason::PutBack;
            } else {
                item.reason = SysctlItemResult::Reason::PutBackFailed;
                item.errorNumber = err;
            }
        }
    };

    for (std::size_t i = 0; i < changes.size(); ++i) {
        SysctlItemResult &item = report.items[i];
        if (item.before == item.requested) {
            item.status = SysctlItemResult::Status::Unchanged;
            item.after = item.before;
            continue;
        }
        int err = 0;
        if (!writeValue(*changes[i].entry, item.requested, &err)) {
            item.status = SysctlItemResult::Status::Failed;
            item.reason = SysctlItemResult::Reason::KernelRefused;
            item.errorNumber = err;
            rollBack();
            report.failure = SysctlApplyReport::Failure::Kernel;
            return report;
        }
        if (!readValue(*changes[i].entry, &item.after, &err) || item.after != item.requested) {
            item.status = SysctlItemResult::Status::Failed;
            item.reason = SysctlItemResult::Reason::KernelKept;
            item.restored = writeValue(*changes[i].entry, item.before, &err);
            rollBack();
            report.failure = SysctlApplyReport::Failure::Kernel;
            return report;
        }
        written.push_back(i);
        item.status = SysctlItemResult::Status::Applied;
    }
    report.ok = true;
    return report;
}
