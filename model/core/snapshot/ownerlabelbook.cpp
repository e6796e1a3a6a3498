#include "core/snapshot/ownerlabelbook.h"

#include <algorithm>

void OwnerLabelBook::add(std::uint64_t key, const OwnerLabel &label)
{
    if (m_labels.size() >= MaximumLabels && m_labels.find(key) == m_labels.end())
        return;
    m_labels.emplace(key, label);
}

void OwnerLabelBook::add(const SampleSummary &summary, const OwnerLabels &labels)
{
    const std::size_t count = std::min<std::size_t>(summary.ownerCount, labels.size());
    for (std::size_t i = 0; i < count; ++i)
        add(summary.owners[i].key, labels[i]);
}

void OwnerLabelBook::add(const OwnerLabelBook &other)
{
    for (const auto &[key, label] : other.m_labels)
        add(key, label);
}

const OwnerLabel *OwnerLabelBook::find(std::uint64_t key) const
{
    const auto it = m_labels.find(key);
    return it == m_labels.end() ? nullptr : &it->second;
}
