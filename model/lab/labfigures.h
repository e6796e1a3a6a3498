#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>

// One LAB frame of the lab agent's stream (model/core/lab/labframe.h), read back: the load
// generator's figures since the lab started, its settings now, and after a sysctl change the
// helper's report. The frame comes from a process of ours, but is read like any stream: sizes
// bounded, missing fields zero.
struct LabFigures
{
    qint64 timeMs = 0;
    QMap<QString, QString> load; // "rate" -> "20", "closer" -> "client" ...
    qint64 attempts = 0;
    qint64 connected = 0;
    qint64 connectedWithTimestamps = 0; // of `connected`, those that agreed on TCP timestamps
    qint64 completed = 0;
    qint64 accepted = 0;
    qint64 timeouts = 0;
    qint64 clientsOpen = 0;
    qint64 serverOpen = 0;
    qint64 held = 0;
    QString listenError;
    QMap<QString, qint64> connectErrors; // "EADDRNOTAVAIL" -> count
    QMap<QString, qint64> bindErrors;
    bool hasSysctlReport = false;
    QByteArray sysctlReport;
    int sysctlStatus = 0;

    qint64 failures() const; // every connect() and bind() that failed
    QString loadValue(const QString &key) const { return load.value(key); }

    static bool parse(const QByteArray &payload, LabFigures *figures);
};
