#pragma once

#include "core/snapshot/ownerlabelbook.h"
#include "core/snapshot/samplesummary.h"

#include <QtGlobal>

#include <vector>

// The last Capacity sample summaries, oldest first. Fixed memory: at least an hour at the
// shortest interval (0.25 s), four hours (the longest chart window) at 1 s.
class HistoryRing
{
public:
    static constexpr int DefaultCapacity = 14400;

    explicit HistoryRing(int capacity = DefaultCapacity);

    // `labels`: the names of summary.owners, kept in ownerLabels().
    void append(const SampleSummary &summary, const OwnerLabels &labels = {});
    // Names of owners that summaries appended apart refer to (a recording's).
    void addOwnerLabels(const OwnerLabelBook &labels) { m_ownerLabels.add(labels); }
    const OwnerLabelBook &ownerLabels() const { return m_ownerLabels; }
    void clear();
    int size() const { return m_size; }
    int capacity() const { return int(m_samples.size()); }
    bool isEmpty() const { return m_size == 0; }
    // i = 0 is the oldest sample kept.
    const SampleSummary &at(int i) const;
    const SampleSummary &latest() const { return at(m_size - 1); }
    // Index of the first sample at or after timeMs (size() when none).
    int firstAtOrAfter(qint64 timeMs) const;
    // The median time between the samples before index `end` (up to 32 of them), or 0 with
    // fewer than two: what "one interval" means here, so a longer gap can be told apart.
    qint64 typicalIntervalMs(int end) const;

private:
    std::vector<SampleSummary> m_samples;
    int m_start = 0;
    int m_size = 0;
    OwnerLabelBook m_ownerLabels;
};
