#include "procnetcountersparser.h"

#include <QList>

namespace {
constexpr qint64 MaximumCounter = qint64(1) << 62;
}

bool ProcNetCountersParser::parse(const QByteArray &text, TcpCounters *counters, QString *error)
{
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        const QByteArray &header = lines[i];
        const qsizetype colon = header.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray table = header.left(colon);
        const QByteArray &valuesLine = lines[i + 1];
        if (!valuesLine.startsWith(QByteArray(table + ':')))
            continue;
        ++i; // the values line is consumed with its header

        bool wanted = false;
        for (const auto &info : tcpCounterInfo())
            wanted = wanted || table == info.table;
        if (!wanted)
            continue;

        const QList<QByteArray> names = header.mid(colon + 1).simplified().split(' ');
        const QList<QByteArray> values = valuesLine.mid(colon + 1).simplified().split(' ');
        if (names.size() != values.size()) {
            *error = tr("%1: %2 column names but %3 values.")
                         .arg(QString::fromLatin1(table))
                         .arg(names.size())
                         .arg(values.size());
            return false;
        }
        for (const auto &info : tcpCounterInfo()) {
            if (table != info.table)
                continue;
            const qsizetype column = names.indexOf(QByteArray(info.name));
            if (column < 0)
                continue;
            bool ok = false;
            const qint64 value = values[column].toLongLong(&ok);
            // Rates subtract one sample's value from the next: values within ±2^62 can never
            // overflow that (real counters are far below; Tcp MaxConn is -1).
            if (!ok || value > MaximumCounter || value < -MaximumCounter) {
                *error = tr("%1 %2: \"%3\" is not a number.")
                             .arg(QString::fromLatin1(table), QLatin1String(info.name),
                                  QString::fromLatin1(values[column]));
                return false;
            }
            const int index = static_cast<int>(info.counter);
            counters->values[index] = value;
            counters->present[index] = true;
        }
    }
    return true;
}
