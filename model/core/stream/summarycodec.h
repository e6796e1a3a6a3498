#pragma once

#include "core/stream/recordingformat.h"
#include "core/snapshot/samplesummary.h"

#include <string>
#include <string_view>

// A SampleSummary as a recording's SUMMARY frame (docs/recording-format.md): varints
// and float32, about 300 bytes a sample, each frame readable on its own.
namespace SummaryCodec {
std::string encode(const SampleSummary &summary);
// False when the bytes are not a whole, sane summary of the given format version.
bool decode(std::string_view bytes, SampleSummary *summary, std::uint16_t version = RecordingFormat::Version);
}
