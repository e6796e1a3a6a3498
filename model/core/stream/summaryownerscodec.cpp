#include "core/stream/summaryownerscodec.h"

#include "core/stream/bytereader.h"
#include "core/stream/bytewriter.h"

#include <algorithm>
#include <limits>

namespace SummaryOwnersCodec {

std::string encode(const SampleSummary &summary, const OwnerLabels &labels)
{
    ByteWriter out;
    out.varint(summary.timeWaitUnattributed);
    const int count = std::min<int>(summary.ownerCount, int(labels.size()));
    out.u8(std::uint8_t(count));
    for (int i = 0; i < count; ++i) {
        out.varint(summary.owners[std::size_t(i)].count);
        out.text(labels[std::size_t(i)].command, MaximumText);
        out.text(labels[std::size_t(i)].unit, MaximumText);
    }
    return out.take();
}

bool decode(std::string_view bytes, SampleSummary *summary, OwnerLabels *labels)
{
    ByteReader in(bytes);
    const std::uint64_t unattributed = in.varint();
    const int count = in.u8();
    if (in.failed() || unattributed > std::numeric_limits<std::uint32_t>::max() || count > SampleSummary::TrackedOwners)
        return false;
    SampleSummary decoded = *summary;
    OwnerLabels names(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        const std::uint64_t n = in.varint();
        if (!in.text(&names[std::size_t(i)].command, MaximumText) || !in.text(&names[std::size_t(i)].unit, MaximumText)
            || n > std::numeric_limits<std::uint32_t>::max())
            return false;
        const std::uint64_t key = names[std::size_t(i)].key();
        // One owner twice would make its history ambiguous: a crafted frame.
        for (int j = 0; j < i; ++j) {
            if (decoded.owners[std::size_t(j)].key == key)
                return false;
        }
        decoded.owners[std::size_t(i)] = {key, std::uint32_t(n)};
    }
    if (in.failed() || !in.atEnd())
        return false;
    decoded.ownerCount = std::uint8_t(count);
    decoded.ownersKnown = true;
    decoded.timeWaitUnattributed = std::uint32_t(unattributed);
    *summary = decoded;
    *labels = std::move(names);
    return true;
}

}
