#include "ssoracle.h"

#include <QProcess>
#include <QRegularExpression>

namespace {
int portOf(const QString &endpoint)
{
    return endpoint.mid(endpoint.lastIndexOf(QLatin1Char(':')) + 1).toInt();
}
}

bool SsOracle::run(QString *error)
{
    QProcess ss;
    ss.start(QStringLiteral("ss"), {QStringLiteral("-tan")});
    if (!ss.waitForFinished(60000) || ss.exitCode() != 0) {
        *error = QStringLiteral("ss -tan failed: ") + ss.errorString() + QString::fromLocal8Bit(ss.readAllStandardError());
        return false;
    }
    *this = SsOracle();
    const QStringList lines = QString::fromLocal8Bit(ss.readAllStandardOutput()).split(QLatin1Char('\n'));
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    for (qsizetype i = 1; i < lines.size(); ++i) { // line 0 is the header
        const QStringList fields = lines[i].split(spaces, Qt::SkipEmptyParts);
        if (fields.size() < 5)
            continue;
        ++total;
        ++byState[fields[0]];
        if (fields[0] == QLatin1String("TIME-WAIT")) {
            ++timeWaitByLocalPort[portOf(fields[3])];
            ++timeWaitByRemotePort[portOf(fields[4])];
        }
    }
    return true;
}
