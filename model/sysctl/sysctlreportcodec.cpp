#include "sysctl/sysctlreportcodec.h"

#include "bridge/untrustedtext.h"

#include <QList>

#include <algorithm>

namespace {

constexpr SysctlItemResult::Status Statuses[] = {
    SysctlItemResult::Status::Applied, SysctlItemResult::Status::Unchanged,  SysctlItemResult::Status::Refused,
    SysctlItemResult::Status::Failed,  SysctlItemResult::Status::RolledBack, SysctlItemResult::Status::NotAttempted,
};
constexpr SysctlItemResult::Reason Reasons[] = {
    SysctlItemResult::Reason::None,          SysctlItemResult::Reason::Absent,     SysctlItemResult::Reason::Unreadable,
    SysctlItemResult::Reason::KernelRefused, SysctlItemResult::Reason::KernelKept, SysctlItemResult::Reason::PutBack,
    SysctlItemResult::Reason::PutBackFailed, SysctlItemResult::Reason::NotSaved,
};
constexpr const char *Failures[] = {"none", "refused", "kernel", "persist"};

}

namespace SysctlReportCodec {

QByteArray field(const QString &text)
{
    // One line per record: no tabs or newlines from any value.
    QByteArray bytes = text.toUtf8();
    bytes.replace('\t', ' ').replace('\n', ' ');
    return bytes;
}

QByteArray logText(const QByteArray &bytes, int maximumBytes)
{
    // Bytes outside printable ASCII, and the backslash that starts an escape, as \xNN: a value
    // cannot forge a second log line, a terminal escape or an ambiguous one.
    QByteArray out;
    const qsizetype shown = std::min<qsizetype>(bytes.size(), maximumBytes);
    for (qsizetype i = 0; i < shown; ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c < 0x20 || c >= 0x7f || c == '\\')
            out += "\\x" + QByteArray::number(c, 16).rightJustified(2, '0');
        else
            out += char(c);
    }
    if (shown < bytes.size())
        out += "... (" + QByteArray::number(bytes.size()) + " bytes)";
    return out;
}

QByteArray errorLine(const QString &text)
{
    return "error\t" + field(text) + '\n';
}

const char *statusWord(SysctlItemResult::Status status)
{
    switch (status) {
    case SysctlItemResult::Status::Applied: return "applied";
    case SysctlItemResult::Status::Unchanged: return "unchanged";
    case SysctlItemResult::Status::Refused: return "refused";
    case SysctlItemResult::Status::Failed: return "failed";
    case SysctlItemResult::Status::RolledBack: return "rolledback";
    case SysctlItemResult::Status::NotAttempted: return "skipped";
    }
    return "skipped";
}

const char *reasonWord(SysctlItemResult::Reason reason)
{
    switch (reason) {
    case SysctlItemResult::Reason::None: return "-";
    case SysctlItemResult::Reason::Absent: return "absent";
    case SysctlItemResult::Reason::Unreadable: return "unreadable";
    case SysctlItemResult::Reason::KernelRefused: return "kernel-refused";
    case SysctlItemResult::Reason::KernelKept: return "kernel-kept";
    case SysctlItemResult::Reason::PutBack: return "put-back";
    case SysctlItemResult::Reason::PutBackFailed: return "put-back-failed";
    case SysctlItemResult::Reason::NotSaved: return "not-saved";
    }
    return "-";
}

QByteArray encode(const SysctlApplyReport &report)
{
    QByteArray out;
    for (const SysctlItemResult &item : report.items) {
        out += QByteArray(statusWord(item.status)) + '\t' + field(item.name) + '\t' + field(item.before) + '\t'
            + field(item.after) + '\t' + reasonWord(item.reason) + '\t' + QByteArray::number(item.errorNumber) + '\t'
            + (item.restored ? "1" : "0") + '\n';
    }
    for (const QString &refusal : report.refusals)
        out += "refusal\t" + field(refusal) + '\n';
    if (!report.savedTo.isEmpty())
        out += "saved\t" + field(report.savedTo) + '\n';
    for (const auto &o : report.overrides)
        out += "overridden\t" + field(o.name) + '\t' + field(o.file) + '\t' + field(o.value) + '\n';
    out += QByteArray("failure\t") + Failures[static_cast<int>(report.failure)] + '\t'
        + QByteArray::number(report.persistErrorNumber) + '\t' + field(report.persistPath) + '\n';
    return out;
}

SysctlApplyReport decode(const QByteArray &text)
{
    SysctlApplyReport report;
    const QList<QByteArray> lines = text.split('\n');
    for (const QByteArray &line : lines) {
        // The report may come from a remote host's helper (or whatever answers in its place): every
        // field is shown, so each is one plain line (a value can be a long port list).
        QStringList fields = QString::fromUtf8(line).split(QLatin1Char('\t'));
        for (QString &field : fields)
            field = UntrustedText::plain(field, UntrustedText::ValueLength);
        const QString kind = fields.value(0);
        if (kind == QLatin1String("error")) {
            report.error += fields.value(1) + QLatin1Char(' ');
        } else if (kind == QLatin1String("refusal")) {
            report.refusals << fields.value(1);
        } else if (kind == QLatin1String("saved")) {
            report.savedTo = fields.value(1);
        } else if (kind == QLatin1String("overridden") && fields.size() >= 4) {
            report.overrides.push_back({fields[1], fields[2], fields[3]});
        } else if (kind == QLatin1String("failure") && fields.size() >= 4) {
            for (int f = 0; f < 4; ++f) {
                if (fields[1] == QLatin1String(Failures[f]))
                    report.failure = static_cast<SysctlApplyReport::Failure>(f);
            }
            report.persistErrorNumber = fields[2].toInt();
            report.persistPath = fields[3];
        } else if (fields.size() >= 7) {
            SysctlItemResult item;
            bool known = false;
            for (const auto status : Statuses) {
                if (kind == QLatin1String(statusWord(status))) {
                    item.status = status;
                    known = true;
                }
            }
            if (!known)
                continue;
            item.name = fields[1];
            item.before = fields[2];
            item.after = fields[3];
            for (const auto reason : Reasons) {
                if (fields[4] == QLatin1String(reasonWord(reason)))
                    item.reason = reason;
            }
            item.errorNumber = fields[5].toInt();
            item.restored = fields[6] == QLatin1String("1");
            report.items.push_back(item);
        }
    }
    report.ok = report.failure == SysctlApplyReport::Failure::None && !report.items.empty();
    return report;
}

}
