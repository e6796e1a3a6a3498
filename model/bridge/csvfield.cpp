#include "bridge/csvfield.h"

#include "bridge/untrustedtext.h"

namespace CsvField {

QByteArray text(const QString &value)
{
    return text(value, MaximumLength);
}

QByteArray text(const QString &value, int maximumLength)
{
    QString cell = UntrustedText::plain(value, maximumLength);
    if (!cell.isEmpty() && QStringLiteral("=+-@").contains(cell.front()))
        cell.prepend(QLatin1Char('\''));
    if (!cell.contains(QLatin1Char(',')) && !cell.contains(QLatin1Char('"')))
        return cell.toUtf8();
    cell.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return '"' + cell.toUtf8() + '"';
}

QByteArray text(const std::string &value)
{
    return text(QString::fromUtf8(UntrustedText::wellFormedUtf8(QByteArray::fromStdString(value))));
}

}
