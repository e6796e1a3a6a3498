#pragma once

#include "core/collect/coremessage.h"
#include "core/stream/framereader.h"
#include "core/snapshot/snapshot.h"

#include <QByteArray>
#include <QString>

#include <string_view>

struct RecordingMarker
{
    qint64 timeMs = 0;
    QString label;
};

// What a collection that failed said (an ERROR frame of an agent's stream), worded by
// CoreMessageText when shown.
struct RecordingError
{
    qint64 timeMs = 0;
    CoreMessage message;
};

// What the payload of a recording's (or a stream's) frames means where it is shown: FrameReader
// (model/core/stream) checks and delivers the frames; their texts are made plain here, and socket
// tables decoded when one is shown.
namespace RecordingFrames {
// A SNAPSHOT frame's time, parsed from its JSON (FrameReader has checked its sizes; JSON over
// RecordingFormat::MaximumSnapshotJson is refused unparsed here too).
bool inspectSnapshot(std::string_view payload, qint64 *timeMs);
// The whole snapshot (header JSON, socket table, aggregates); null when damaged.
// `version`: the recording format the frame came in.
// `owners`: the OWNERS frame that came just before it, if any (per-row owners; a damaged one is
// ignored, the JSON's attribution by process stays).
SnapshotPtr decodeSnapshot(const QByteArray &payload, QString *error, quint16 version, const QByteArray &owners = {});
// A MARKER frame, its label made plain one-line text (it comes from elsewhere).
RecordingMarker marker(const MarkerFrame &frame);
// An ERROR frame, its key and arguments made plain one-line text.
RecordingError error(const ErrorFrame &frame);
}
