#pragma once

#include "core/snapshot/samplesummary.h"

#include <cstdint>
#include <unordered_map>

// The names behind the owner keys of a run of summaries (SampleSummary::owners): what a chart of
// TIME-WAIT by owner over time labels its lines with. Filled from each summary's OwnerLabels as
// it arrives (the sampler's, a stream's or a recording's SUMMARY OWNERS frames).
class OwnerLabelBook
{
public:
    // A stream or a file could name a new owner in every frame; past this many names, new ones
    // are not kept (their lines are labelled as unnamed) and memory stays bounded (~32 MB at the
    // longest names). A host whose top five changes this often has no readable chart anyway.
    static constexpr std::size_t MaximumLabels = 65536;

    void add(const SampleSummary &summary, const OwnerLabels &labels);
    void add(const OwnerLabelBook &other);
    const OwnerLabel *find(std::uint64_t key) const;
    std::size_t size() const { return m_labels.size(); }
    bool empty() const { return m_labels.empty(); }
    void clear() { m_labels.clear(); }

private:
    void add(std::uint64_t key, const OwnerLabel &label);

    std::unordered_map<std::uint64_t, OwnerLabel> m_labels;
};
