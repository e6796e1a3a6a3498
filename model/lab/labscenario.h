#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <vector>

// One of the lab's six exercises: the sysctls and load it starts with, and its text for the
// trainee (what to watch, what to change, what should happen). Its checkpoints are
// LabCheckpoints'. Every statement here was measured in the lab on Linux 6.18 (tests/tst_lab.cpp
// checks the checkpoints that carry them on the running kernel).
struct LabScenario
{
    Q_DECLARE_TR_FUNCTIONS(LabScenario)

public:
    enum class Id { ServerCloses, ClientCloses, PortExhaustion, TableOverflow, FinWait2, ListenQueue };

    Id id;
    QString name; // on the command line: server-closes ...
    QStringList sysctls; // name=value (the helper's form), set when the scenario starts
    QStringList load; // LabLoadSettings words

    // What the trainee reads, in the current language.
    struct Text
    {
        QString title;
        QString watch; // what to watch
        QString change; // what to change
        QString expect; // what should happen
    };
    Text text() const;
    QString title() const { return text().title; }

    static const std::vector<LabScenario> &all();
    static const LabScenario *find(const QString &name);
    static QStringList names();
};
