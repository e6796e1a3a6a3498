#pragma once

#include "lab/labfigures.h"
#include "lab/labscenario.h"
#include "core/snapshot/snapshot.h"

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
    // tcp_timestamps is 0, and has been since the lab started or since a moment when the lab had
    // no client socket towards port 8080 left: no TIME-WAIT entry can still carry a peer-timestamp
    // record (tw_ts_recent_stamp) to hand on to the connection that takes it over. Set by
    // LabMonitor from the moment before (LabCheckpoints::timestampRecordsGone).
    bool timestampRecordsGone = false;
    bool isValid() const { return snapshot != nullptr; }
};

// A checkpoint's verdict, from live figures. Watch checkpoints say what the scenario shows with
// its own settings; Change checkpoints what the counter-move shows, judged only once its
// settings have held over the whole window (before that they do not apply). A Watch checkpoint
// that held before the counter-move was made and no longer holds since is HeldBefore: the change
// worked, which is what a trainee should read, not a failure (LabMonitor tells it).
struct LabCheckpointResult
{
    enum class Phase { Watch, Change };
    enum class State { Held, NotHeld, Waiting, NotApplicable, HeldBefore };

    QString id;
    Phase phase = Phase::Watch;
    State state = State::Waiting;
    QString text; // with the measured figures, in the current language
    QString condition; // Change: the settings it waits for ("tcp_tw_reuse = 1")
    QJsonObject figures; // the measured figures by name (headless JSON)
    bool changeMade = false; // Change: its settings are those of the newest moment

    bool held() const { return state == State::Held; }
    bool applies() const { return state != State::NotApplicable; }
};

// The scenarios' checkpoints, evaluated between two moments `older` and `newest` (at least
// WindowMs apart: counters are compared across it) of a lab that started `elapsedMs` ago.
namespace LabCheckpoints {
constexpr qint64 WindowMs = 3000;
std::vector<LabCheckpointResult> evaluate(LabScenario::Id scenario, const LabMoment &older, const LabMoment &newest,
                                          qint64 elapsedMs);
// LabMoment::timestampRecordsGone for `moment`, given the lab's moment before it (null: its first).
bool timestampRecordsGone(const LabMoment *previous, const LabMoment &moment);
}
