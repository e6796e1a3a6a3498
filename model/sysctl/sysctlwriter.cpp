#include "sysctl/sysctlwriter.h"

#include "core/collect/sysctlreader.h"

#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

SysctlValue::Limits SysctlWriter::currentLimits()
{
    SysctlValue::Limits limits;
    const SysctlReading start = SysctlReader::read("net.ipv4.ip_unprivileged_port_start");
    bool ok = false;
    const int value = QString::fromStdString(start.value).toInt(&ok);
    if (start.state == SysctlReading::State::Present && ok)
        limits.unprivilegedPortStart = value;
    return limits;
}

bool SysctlWriter::readText(const QString &path, QByteArray *text, int *errorNumber)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        *errorNumber = errno;
        return false;
    }
    *errorNumber = 0;
    for (qsizetype size = 4096; size <= MaximumValueBytes; size *= 4) {
        text->resize(size);
        qsizetype got = 0;
        ssize_t n = 0;
        // Continue after a short read (handlers that do support offsets); stop at EOF.
        while (got < size && (n = ::pread(fd, text->data() + got, std::size_t(size - got), got)) != 0) {
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0) {
                *errorNumber = errno;
                break;
            }
            got += n;
        }
        if (*errorNumber || got < size) {
            text->truncate(got);
            ::close(fd);
            return *errorNumber == 0;
        }
    }
    ::close(fd);
    text->clear();
    *errorNumber = EFBIG;
    return false;
}

bool SysctlWriter::writeText(const QString &path, const QByteArray &text, int *errorNumber)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        *errorNumber = errno;
        return false;
    }
    *errorNumber = 0;
    qsizetype done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.constData() + done, std::size_t(text.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *errorNumber = n < 0 ? errno : EIO;
            break;
        }
        done += n;
    }
    // Some handlers report errors only when the file is closed.
    if (::close(fd) != 0 && *errorNumber == 0)
        *errorNumber = errno;
    return *errorNumber == 0;
}

bool SysctlWriter::readValue(const SysctlEntry &entry, QString *value, int *errorNumber)
{
    // The path comes from the catalog's fixed name, never from the request.
    QByteArray text;
    if (!readText(QString::fromStdString(SysctlReader::procPath(entry.name)), &text, errorNumber))
        return false;
    *value = SysctlValue::fromProcText(entry, QString::fromLatin1(text));
    return true;
}

bool SysctlWriter::writeValue(const SysctlEntry &entry, const QString &canonical, int *errorNumber)
{
    return writeText(QString::fromStdString(SysctlReader::procPath(entry.name)), SysctlValue::procText(entry, canonical),
                     errorNumber);
}

void SysctlWriter::restore(const SysctlEntry &entry, SysctlItemResult *item)
{
    int err = 0;
    const bool written = writeValue(entry, item->before, &err);
    // What the kernel holds now decides the report, not whether write() said yes.
    int readError = 0;
    QString now;
    const bool reread = readValue(entry, &now, &readError);
    item->after = reread ? now : QString();
    item->restored = written && reread && now == item->before;
    if (!item->restored && !err)
        err = reread ? EIO : readError;
    if (!item->restored)
        item->errorNumber = err;
}

void SysctlWriter::putBack(const std::vector<SysctlChange> &changes, SysctlApplyReport *report, SysctlItemResult::Reason reason)
{
    // Latest first, each on its own: one that cannot be restored must not stop the others.
    for (std::size_t i = changes.size(); i-- > 0;) {
        SysctlItemResult &item = report->items[i];
        if (item.status != SysctlItemResult::Status::Applied)
            continue;
        item.status = SysctlItemResult::Status::RolledBack;
        restore(*changes[i].entry, &item);
        item.reason = item.restored ? reason : SysctlItemResult::Reason::PutBackFailed;
    }
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


    for (std::size_t i = 0; i < changes.size(); ++i) {
        SysctlItemResult &item = report.items[i];
        if (item.before == item.requested) {
            item.status = SysctlItemResult::Status::Unchanged;
            item.after = item.before;
            continue;
        }
        int err = 0;
        const bool accepted = writeValue(*changes[i].entry, item.requested, &err);
        QString now;
        int readError = 0;
        const bool reread = readValue(*changes[i].entry, &now, &readError);
        if (accepted && reread && now == item.requested) {
            item.after = now;
            item.status = SysctlItemResult::Status::Applied;
            continue;
        }
        // Refused, or taken only in part (a short write) or in another form: put this one back
        // too, since the kernel may hold neither the old value nor the new one.
        item.status = SysctlItemResult::Status::Failed;
        item.reason = accepted ? SysctlItemResult::Reason::KernelKept : SysctlItemResult::Reason::KernelRefused;
        if (!reread || now != item.before)
            restore(*changes[i].entry, &item);
        else
            item.after = now;
        item.errorNumber = accepted ? item.errorNumber : err;
        putBack(changes, &report, SysctlItemResult::Reason::PutBack);
        report.failure = SysctlApplyReport::Failure::Kernel;
        return report;
    }
    report.ok = true;
    return report;
}
