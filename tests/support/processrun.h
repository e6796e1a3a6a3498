#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QStringList>

// A program run to its end, as a user runs it: exit code and both outputs.
struct ProcessRun
{
    int exitCode = -1; // -1: did not finish within a minute, or crashed
    QByteArray out;
    QByteArray err;

    static ProcessRun run(const QString &program, const QStringList &arguments,
                          const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
};
