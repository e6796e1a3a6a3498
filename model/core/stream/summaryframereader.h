#pragma once

#include "core/stream/recordingformat.h"
#include "core/snapshot/samplesummary.h"

#include <string_view>

// Reads SUMMARY frames with the SUMMARY OWNERS frame that may come just before each one, as a
// recording file and a live stream both do.
class SummaryFrameReader
{
public:
    // A SUMMARY OWNERS frame: held for the SUMMARY after it. One that cannot be decoded only
    // loses that sample's owners (the summary itself is whole in its own frame). True when it
    // could be decoded.
    bool ownersFrame(std::string_view payload);
    // A SUMMARY frame of format `version`, with the owners held for it (`labels`: their names,
    // empty when none came). False when the summary cannot be decoded.
    bool summaryFrame(std::string_view payload, std::uint16_t version, SampleSummary *summary, OwnerLabels *labels);

private:
    bool m_pending = false;
    SampleSummary m_owners;
    OwnerLabels m_labels;
};
