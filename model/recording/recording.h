#pragma once

#include "core/collect/coremessage.h"
#include "core/stream/framereader.h"
#include "core/snapshot/ownerlabelbook.h"
#include "recording/recordingframes.h"
#include "core/snapshot/samplesummary.h"
#include "core/snapshot/snapshot.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <vector>

// A recording as read from its file: every sample's summary and marker in memory; socket
// tables only located (a few megabytes each once decoded) and decoded when one is shown.
class Recording
{
    Q_DECLARE_TR_FUNCTIONS(Recording)

public:
    struct SnapshotFrame
    {
        qint64 timeMs = 0;
        qint64 offset = 0; // of the payload in the file
        quint32 length = 0;
        // The OWNERS frame just before it (its rows' owners), when there was one.
        qint64 ownersOffset = 0;
        quint32 ownersLength = 0;
    };

    // Reads `path`. Returns false (and why) only when it is not a sockscope recording at all; a
    // file cut short or damaged opens up to its last good frame, with `warnings` saying so.
    bool read(const QString &path, QString *error);
    // Markers kept (FrameReader's limit, which says why).
    static constexpr std::size_t MaximumMarkers = FrameReader::MaximumMarkers;
    // The socket table recorded at or before `timeMs` (the first one when none is before).
    SnapshotPtr snapshotAt(qint64 timeMs, QString *error) const;
    // The socket table recorded at or before `timeMs` (the first one before any).
    std::size_t snapshotIndexAt(qint64 timeMs) const;
    SnapshotPtr loadSnapshot(std::size_t index, QString *error) const;

    QString path;
    QJsonObject header;
    quint16 formatVersion = 0; // RecordingFormat::OldestReadableVersion to ::Version
    std::vector<SampleSummary> summaries;
    OwnerLabelBook ownerLabels; // the names behind the summaries' owner keys
    std::vector<RecordingMarker> markers;
    std::vector<RecordingError> errors;
    std::vector<SnapshotFrame> snapshots;
    QStringList warnings;
    bool endedCleanly = false;
    qint64 goodBytes = 0; // the file's length up to the last whole frame

    // The header's texts as plain one-line text (UntrustedText): the file comes from elsewhere.
    QString host() const;
    QString kernel() const;
    QString namespaceLabel() const;
};
using RecordingPtr = std::shared_ptr<const Recording>;
