#pragma once

#include "lab/labcheckpoints.h"

#include <deque>
#include <set>

// Keeps the last few seconds of a lab (a moment per socket table) and judges the scenario's
// checkpoints on them: the window's lab panel and `sockscope --lab --headless` both ask it.
class LabMonitor
{
public:
    void start(LabScenario::Id scenario, qint64 startMs);
    // A new socket table (the same one again is ignored) with the figures that came with it.
    void add(const SnapshotPtr &snapshot, const LabFigures &figures);
    // Every checkpoint of the scenario as of the newest moment; Waiting while the window is not
    // yet covered; HeldBefore for a Watch checkpoint that held before the counter-move.
    std::vector<LabCheckpointResult> evaluate() const;
    const LabMoment *newest() const { return m_moments.empty() ? nullptr : &m_moments.back(); }

private:
    std::vector<LabCheckpointResult> judge() const;
    static bool changeMade(const std::vector<LabCheckpointResult> &results);

    LabScenario::Id m_scenario = LabScenario::Id::ServerCloses;
    qint64 m_startMs = 0;
    std::deque<LabMoment> m_moments;
    // Watch checkpoints that held at a moment when no counter-move had been made.
    std::set<QString> m_heldWithoutChange;
};
