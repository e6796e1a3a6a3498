#include "core/stream/summaryframereader.h"

#include "core/stream/summarycodec.h"
#include "core/stream/summaryownerscodec.h"

bool SummaryFrameReader::ownersFrame(std::string_view payload)
{
    m_owners = SampleSummary();
    m_labels.clear();
    m_pending = SummaryOwnersCodec::decode(payload, &m_owners, &m_labels);
    return m_pending;
}

bool SummaryFrameReader::summaryFrame(std::string_view payload, std::uint16_t version, SampleSummary *summary,
                                      OwnerLabels *labels)
{
    const bool pending = m_pending;
    m_pending = false;
    labels->clear();
    if (!SummaryCodec::decode(payload, summary, version))
        return false;
    if (pending) {
        summary->owners = m_owners.owners;
        summary->ownerCount = m_owners.ownerCount;
        summary->ownersKnown = true;
        summary->timeWaitUnattributed = m_owners.timeWaitUnattributed;
        labels->swap(m_labels);
    }
    return true;
}
