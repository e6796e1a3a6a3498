#include "sampling/sysctlchangelog.h"

#include "bridge/csvfield.h"
#include "bridge/untrustedtext.h"

#include <QDateTime>
#include <QIODevice>

namespace SysctlChangeLog {

QStringList csvColumns()
{
    return {QStringLiteral("time"),      QStringLiteral("name"), QStringLiteral("old"),  QStringLiteral("new"),
            QStringLiteral("namespace"), QStringLiteral("user"), QStringLiteral("route")};
}

bool writeCsv(const std::vector<SysctlChangeRecord> &records, QIODevice *device)
{
    QByteArray out = csvColumns().join(QLatin1Char(',')).toLatin1() + "\r\n";
    for (const SysctlChangeRecord &record : records) {
        const QList<QByteArray> fields {
            QDateTime::fromMSecsSinceEpoch(record.timeMs, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1(),
            CsvField::text(record.name),
            // A value may be as long as the kernel takes (a long ip_local_reserved_ports list).
            CsvField::text(record.before, UntrustedText::ValueLength), CsvField::text(record.after, UntrustedText::ValueLength),
            CsvField::text(record.namespaceText), CsvField::text(record.user), CsvField::text(record.route)};
        out += fields.join(',') + "\r\n";
    }
    return device->write(out) == out.size();
}

}
