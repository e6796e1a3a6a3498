#include "historyring.h"

HistoryRing::HistoryRing(int capacity)
    : m_samples(std::size_t(qMax(1, capacity)))
{
}

void HistoryRing::append(const SampleSummary &summary)
{
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
