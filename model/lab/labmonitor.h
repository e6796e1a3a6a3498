#pragma once

#include "lab/labcheckpoints.h"

#include <deque>

// Keeps the last few seconds of a lab (a moment per socket table) and judges the scenario's
// checkpoints on them: the window's lab panel and `sockscope --lab --headless` both ask it.
class LabMonitor
{
public:
    void start(LabScenario::Id scenario, qint64 startMs);
    // A new socket table (the same one again is ignored) with the figures that came with it.
    void add(const SnapshotPtr &snapshot, const LabFigures &figures);
    // Every checkpoint of the scenario; Waiting while the window is not yet covered.
    std::vector<LabCheckpointResult> evaluate() const;
    const LabMoment *newest() const { return m_moments.empty() ? nullptr : &m_moments.back(); }

private:
    LabScenario::Id m_scenario = LabScenario::Id::ServerCloses;
    qint64 m_startMs = 0;
    std::deque<LabMoment> m_moments;
};
