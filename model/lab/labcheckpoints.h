#pragma once

#include "labfigures.h"
#include "labscenario.h"
#include "snapshot.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <vector>

// What the lab looked like at one moment: the socket table (with counters, sockstat and the
// lab's sysctls) and the load generator's figures.
struct LabMoment
{
    SnapshotPtr snapshot;
    LabFigures figures;
    bool isValid() const { return snapshot != nullptr; }
};

// A checkpoint's verdict, from live figures. Watch checkpoints say what the scenario shows with
// its own settings; Change checkpoints what the counter-move shows, judged only once its
// settings have held over the whole window (before that they do not apply).
struct LabCheckpointResult
{
    enum class Phase { Watch, Change };
    enum class State { Held, NotHeld, Waiting, NotApplicable };

    QString id;
    Phase phase = Phase::Watch;
    State state = State::Waiting;
    QString text; // with the measured figures, in the current language
    QString condition; // Change: the settings it waits for ("tcp_tw_reuse = 1")
    QJsonObject figures; // the measured figures by name (headless JSON)

    bool held() const { return state == State::Held; }
    bool applies() const { return state != State::NotApplicable; }
};

// The scenarios' checkpoints, evaluated between two moments `older` and `newest` (at least
// WindowMs apart: counters are compared across it) of a lab that started `elapsedMs` ago.
namespace LabCheckpoints {
constexpr qint64 WindowMs = 3000;
std::vector<LabCheckpointResult> evaluate(LabScenario::Id scenario, const LabMoment &older, const LabMoment &newest,
                                          qint64 elapsedMs);
}
