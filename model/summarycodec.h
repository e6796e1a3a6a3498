#pragma once

#include "samplesummary.h"

#include <QByteArray>

// A SampleSummary as a recording's SUMMARY frame (README, "Recording file format"): varints
// and float32, about 300 bytes a sample, each frame readable on its own.
namespace SummaryCodec {
QByteArray encode(const SampleSummary &summary);
// False when the bytes are not a whole, sane summary.
bool decode(const QByteArray &bytes, SampleSummary *summary);
}
