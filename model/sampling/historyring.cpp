#include "sampling/historyring.h"

#include <algorithm>

HistoryRing::HistoryRing(int capacity)
    : m_samples(std::size_t(qMax(1, capacity)))
{
}

void HistoryRing::append(const SampleSummary &summary, const OwnerLabels &labels)
{
    m_ownerLabels.add(summary, labels);
    const int capacity = this->capacity();
    if (m_size < capacity) {
        m_samples[std::size_t((m_start + m_size) % capacity)] = summary;
        ++m_size;
    } else {
        m_samples[std::size_t(m_start)] = summary;
        m_start = (m_start + 1) % capacity;
    }
}

void HistoryRing::clear()
{
    m_start = 0;
    m_size = 0;
    m_ownerLabels.clear();
}

const SampleSummary &HistoryRing::at(int i) const
{
    Q_ASSERT(i >= 0 && i < m_size);
    return m_samples[std::size_t((m_start + i) % capacity())];
}

int HistoryRing::firstAtOrAfter(qint64 timeMs) const
{
    // Samples arrive in time order: binary search.
    int low = 0, high = m_size;
    while (low < high) {
        const int mid = (low + high) / 2;
        if (at(mid).timeMs < timeMs)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

qint64 HistoryRing::typicalIntervalMs(int end) const
{
    end = qMin(end, m_size);
    const int begin = qMax(1, end - 32);
    std::vector<qint64> steps;
    for (int i = begin; i < end; ++i)
        steps.push_back(at(i).timeMs - at(i - 1).timeMs);
    if (steps.empty())
        return 0;
    // The median, not the mean: one pause must not make every later gap look normal.
    std::nth_element(steps.begin(), steps.begin() + std::ptrdiff_t(steps.size() / 2), steps.end());
    return steps[steps.size() / 2];
}
