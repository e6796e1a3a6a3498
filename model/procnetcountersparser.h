#pragma once

#include "kernelfigures.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

// /proc/net/netstat and /proc/net/snmp come as line pairs: "TcpExt: TW TWRecycled ..." then
// "TcpExt: 12 0 ...". Columns are matched by name, so counters a newer kernel adds (or an older
// one lacks) do not shift anything.
class ProcNetCountersParser
{
    Q_DECLARE_TR_FUNCTIONS(ProcNetCountersParser)

public:
    // Takes every counter of `counters` found in `text`; returns false and says why when a
    // table it needs is malformed (names and values of different lengths, a value not a number).
    static bool parse(const QByteArray &text, TcpCounters *counters, QString *error);
};
