#include "core/snapshot/dumppacer.h"

#include <algorithm>

DumpPacer::DumpPacer(double budget)
    : m_budget(std::clamp(budget, MinimumBudget, MaximumBudget))
{
}

void DumpPacer::fill(std::int64_t nowMs)
{
    if (m_lastMs >= 0 && nowMs > m_lastMs)
        m_creditMs = std::min(m_creditMs + double(nowMs - m_lastMs) * m_budget, 1000.0 * m_budget);
    if (m_lastMs < 0 || nowMs > m_lastMs)
        m_lastMs = nowMs;
}

bool DumpPacer::dumpDue(std::int64_t nowMs)
{
    fill(nowMs);
    // At a budget of one CPU every sample dumps, whatever it costs.
    return m_budget >= MaximumBudget || m_creditMs >= 0;
}

void DumpPacer::spend(std::int64_t nowMs, double cpuMs)
{
    fill(nowMs);
    m_creditMs -= std::max(0.0, cpuMs);
}
