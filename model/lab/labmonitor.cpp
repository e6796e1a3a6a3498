#include "lab/labmonitor.h"

namespace {
// Moments kept: enough to look back LabCheckpoints::WindowMs at the fastest table period (1 s).
constexpr std::size_t MaximumMoments = 12;
}

void LabMonitor::start(LabScenario::Id scenario, qint64 startMs)
{
    m_scenario = scenario;
    m_startMs = startMs;
    m_moments.clear();
}

void LabMonitor::add(const SnapshotPtr &snapshot, const LabFigures &figures)
{
    if (!snapshot || (!m_moments.empty() && m_moments.back().snapshot == snapshot))
        return;
    // Tables from before the scenario started (a lab started for another one) do not count.
    if (snapshot->wallTimeMs < m_startMs)
        return;
    LabMoment moment {snapshot, figures};
    moment.timestampRecordsGone = LabCheckpoints::timestampRecordsGone(m_moments.empty() ? nullptr : &m_moments.back(), moment);
    m_moments.push_back(moment);
    while (m_moments.size() > MaximumMoments)
        m_moments.pop_front();
}

std::vector<LabCheckpointResult> LabMonitor::evaluate() const
{
    if (m_moments.empty())
        return {};
    const LabMoment &newest = m_moments.back();
    const LabMoment *older = nullptr;
    for (const LabMoment &moment : m_moments)
        // Samples come about a second apart, a few milliseconds either way.
        if (newest.snapshot->wallTimeMs - moment.snapshot->wallTimeMs >= LabCheckpoints::WindowMs - 250)
            older = &moment;
    std::vector<LabCheckpointResult> results =
        LabCheckpoints::evaluate(m_scenario, older ? *older : m_moments.front(), newest, newest.snapshot->wallTimeMs - m_startMs);
    if (!older) {
        for (LabCheckpointResult &result : results)
            if (result.state != LabCheckpointResult::State::NotApplicable)
                result.state = LabCheckpointResult::State::Waiting;
    }
    return results;
}
