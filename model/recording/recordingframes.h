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
// A SNAPSHOT frame's JSON is the snapshot without its sockets (totals, the 20 busiest owners and
// ports of each side, kernel facts): 3-6 KB measured, whatever the number of sockets. More is not
// a snapshot of ours, and reading it costs ~20 times its bytes in memory and ~24 ms per MiB.
constexpr quint32 MaximumSnapshotJson = 1024 * 1024;
struct SnapshotSizes
{
    quint32 jsonBytes = 0;
    quint32 rows = 0;
};
// The sizes a SNAPSHOT frame declares, read without parsing its JSON or inflating its table (but
// for a few bytes); false when they do not fit its bytes (a table too large for them, a
// decompression bomb). Nothing is allocated for their size.
bool snapshotSizes(const QByteArray &payload, SnapshotSizes *sizes);
// A SNAPSHOT frame's time, with its sizes checked first (snapshotSizes(), at most
// MaximumSnapshotJson of JSON): a frame refused here is refused before its JSON is parsed.
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
