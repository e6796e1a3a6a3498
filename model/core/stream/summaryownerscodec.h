#pragma once

#include "core/snapshot/samplesummary.h"

#include <string>
#include <string_view>

// The SUMMARY OWNERS frame (docs/recording-format.md): TIME-WAIT by owner for the SUMMARY
// frame that follows it, with the owners' names, which the fixed-size summary does not hold:
//   varint unattributed, u8 n (at most SampleSummary::TrackedOwners), then n times:
//   varint count, command and unit (each a varint length and at most MaximumText bytes of UTF-8).
// Tens of bytes a sample. Written only when owners were looked up; readers that do not know the
// frame skip it.
namespace SummaryOwnersCodec {
constexpr std::size_t MaximumText = 256;

std::string encode(const SampleSummary &summary, const OwnerLabels &labels);
// Sets the owners of `summary` (ownersKnown, owners, ownerCount, timeWaitUnattributed) and
// `labels`; false for anything not a whole, sane frame, leaving both as they were. The keys are
// the decoded labels' own, so a name cut to MaximumText is one owner all the same.
bool decode(std::string_view bytes, SampleSummary *summary, OwnerLabels *labels);
}
