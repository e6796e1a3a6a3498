#pragma once

#include "coremessage.h"
#include "snapshot.h"

#include <QByteArray>
#include <QString>

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

// What the payload of a recording's (or a stream's) frames means, for every reader: the
// recording file and the live stream decode their frames here, with the same limits.
namespace RecordingFrames {
// A SNAPSHOT frame's time, with the table's declared sizes checked (a table too large for its
// bytes, a decompression bomb, is refused here rather than when it is shown).
bool inspectSnapshot(const QByteArray &payload, qint64 *timeMs);
// The whole snapshot (header JSON, socket table, aggregates); null when damaged.
// `version`: the recording format the frame came in.
// `owners`: the OWNERS frame that came just before it, if any (per-row owners; a damaged one is
// ignored, the JSON's attribution by process stays).
SnapshotPtr decodeSnapshot(const QByteArray &payload, QString *error, quint16 version, const QByteArray &owners = {});
// A MARKER frame; its label made plain one-line text (it comes from elsewhere).
bool decodeMarker(const QByteArray &payload, RecordingMarker *marker);
// An ERROR frame: time, then the code's key and its arguments as length-prefixed UTF-8 strings.
bool decodeError(const QByteArray &payload, RecordingError *error);
bool plausibleTime(qint64 ms);
}
