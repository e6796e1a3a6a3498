#include "lab/labmonitor.h"

#include <algorithm>

namespace {
// Moments kept: enough to look back LabCheckpoints::WindowMs at the fastest table period (1 s).
constexpr std::size_t MaximumMoments = 12;
}

void LabMonitor::start(LabScenario::Id scenario, qint64 startMs)
{
    m_scenario = scenario;
    m_startMs = startMs;
    m_moments.clear();
    m_heldWithoutChange.clear();
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
    const std::vector<LabCheckpointResult> results = judge();
    if (!changeMade(results)) {
        for (const LabCheckpointResult &result : results)
            if (result.phase == LabCheckpointResult::Phase::Watch && result.held())
                m_heldWithoutChange.insert(result.id);
    }
}

std::vector<LabCheckpointResult> LabMonitor::judge() const
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

bool LabMonitor::changeMade(const std::vector<LabCheckpointResult> &results)
{
    return std::any_of(results.begin(), results.end(), [](const LabCheckpointResult &result) {
        return result.phase == LabCheckpointResult::Phase::Change && result.changeMade;
    });
}

std::vector<LabCheckpointResult> LabMonitor::evaluate() const
{
    std::vector<LabCheckpointResult> results = judge();
    if (!changeMade(results))
        return results;
    // The scenario's problem went away with the counter-move: what the change was meant to do.
    for (LabCheckpointResult &result : results) {
        if (result.phase == LabCheckpointResult::Phase::Watch && result.state == LabCheckpointResult::State::NotHeld
            && m_heldWithoutChange.count(result.id))
            result.state = LabCheckpointResult::State::HeldBefore;
    }
    return results;
}
