#include "sysctl/sysctlvalue.h"

#include <QRegularExpression>

#include <vector>

bool SysctlValue::parseDecimal(const QString &text, qint64 maximum, qint64 *value)
{
    if (text.isEmpty() || text.size() > 18)
        return false; // 18 digits cannot overflow qint64
    for (const QChar c : text) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    }
    if (text.size() > 1 && text.front() == QLatin1Char('0'))
        return false;
    const qint64 parsed = text.toLongLong();
    if (parsed > maximum)
        return false;
    *value = parsed;
    return true;
}

namespace {

// Sorted, merged port ranges: the form the kernel prints ip_local_reserved_ports in.
QString canonicalPortList(const std::vector<std::pair<int, int>> &ranges)
{
    std::vector<bool> reserved(65536, false);
    for (const auto &[low, high] : ranges) {
        for (int port = low; port <= high; ++port)
            reserved[std::size_t(port)] = true;
    }
    QStringList parts;
    for (int port = 0; port < 65536;) {
        if (!reserved[std::size_t(port)]) {
            ++port;
            continue;
        }
        int end = port;
        while (end + 1 < 65536 && reserved[std::size_t(end + 1)])
            ++end;
        parts << (end == port ? QString::number(port) : QStringLiteral("%1-%2").arg(port).arg(end));
        port = end + 1;
    }
    return parts.join(QLatin1Char(','));
}

}

bool SysctlValue::validate(const SysctlEntry &entry, const QString &value, const Limits &limits, QString *canonical,
                           QString *error)
{
    const QString name = entry.key();
    qint64 number = 0;
    switch (entry.kind) {
    case SysctlEntry::Kind::Removed:
        *error = tr("%1 no longer exists: %2").arg(name, SysctlCatalog::text(entry.history));
        return false;

    case SysctlEntry::Kind::Choice:
    case SysctlEntry::Kind::Integer:
        if (!parseDecimal(value, entry.maximum, &number) || number < entry.minimum) {
            *error = tr("%1 takes a whole number from %2 to %3, not \"%4\".")
                         .arg(name)
                         .arg(entry.minimum)
                         .arg(entry.maximum)
                         .arg(value);
            return false;
        }
        if (entry.kind == SysctlEntry::Kind::Choice) {
            bool known = false;
            for (const SysctlChoice &choice : entry.choices)
                known = known || choice.value == number;
            if (!known) {
                *error = tr("%1 does not take %2.").arg(name).arg(number);
                return false;
            }
        }
        *canonical = QString::number(number);
        return true;

    case SysctlEntry::Kind::PortRange: {
        const QStringList ends = value.split(QLatin1Char('-'));
        qint64 low = 0, high = 0;
        if (ends.size() != 2 || !parseDecimal(ends[0], 65535, &low) || !parseDecimal(ends[1], 65535, &high)) {
            *error = tr("%1 takes LOW-HIGH, two port numbers, not \"%2\".").arg(name, value);
            return false;
        }
        if (low > high) {
            *error = tr("%1: the low end %2 is above the high end %3.").arg(name).arg(low).arg(high);
            return false;
        }
        if (low < limits.unprivilegedPortStart || low < 1) {
            *error = tr("%1: the low end must be at least ip_unprivileged_port_start (%2).")
                         .arg(name)
                         .arg(qMax(1, limits.unprivilegedPortStart));
            return false;
        }
        *canonical = QStringLiteral("%1-%2").arg(low).arg(high);
        return true;
    }

    case SysctlEntry::Kind::PortList: {
        std::vector<std::pair<int, int>> ranges;
        const QStringList items = value.isEmpty() ? QStringList() : value.split(QLatin1Char(','));
        if (items.size() > MaximumListItems) {
            *error = tr("%1: at most %2 ports or ranges.").arg(name).arg(MaximumListItems);
            return false;
        }
        for (const QString &item : items) {
            const QStringList ends = item.split(QLatin1Char('-'));
            qint64 low = 0, high = 0;
            const bool ok = ends.size() == 1 ? parseDecimal(ends[0], 65535, &low) && (high = low, true)
                : ends.size() == 2           ? parseDecimal(ends[0], 65535, &low) && parseDecimal(ends[1], 65535, &high)
                                             : false;
            if (!ok || low < 1 || low > high) {
                *error = tr("%1 takes ports and ranges such as 8080,9000-9010; \"%2\" is neither.").arg(name, item);
                return false;
            }
            ranges.emplace_back(int(low), int(high));
        }
        *canonical = canonicalPortList(ranges);
        return true;
    }
    }
    return false;
}

QByteArray SysctlValue::procText(const SysctlEntry &entry, const QString &canonical)
{
    QString text = canonical;
    if (entry.kind == SysctlEntry::Kind::PortRange)
        text.replace(QLatin1Char('-'), QLatin1Char('\t'));
    return text.toLatin1() + '\n';
}

QString SysctlValue::fromProcText(const SysctlEntry &entry, const QString &text)
{
    const QString simplified = text.simplified();
    if (entry.kind == SysctlEntry::Kind::PortRange)
        return QString(simplified).replace(QLatin1Char(' '), QLatin1Char('-'));
    return simplified;
}

QString SysctlValue::displayText(const SysctlEntry &entry, const QString &canonical)
{
    if (entry.kind == SysctlEntry::Kind::PortRange)
        return QString(canonical).replace(QLatin1Char('-'), QLatin1Char(' '));
    return canonical;
}
