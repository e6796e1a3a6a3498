#include "recordingframes.h"

#include "bytereader.h"
#include "recordingformat.h"
#include "snapshotaggregator.h"
#include "snapshotjsonreader.h"
#include "sockettablecodec.h"
#include "untrustedtext.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

bool RecordingFrames::plausibleTime(qint64 ms)
{
    return ms >= 0 && ms <= RecordingFormat::MaximumTimeMs;
}

bool RecordingFrames::inspectSnapshot(const QByteArray &payload, qint64 *timeMs)
{
    ByteReader in(payload);
    const quint32 jsonSize = in.u32();
    const QByteArray json = in.bytes(jsonSize);
    const QDateTime when = QDateTime::fromString(QJsonDocument::fromJson(json).object().value(QLatin1String("time")).toString(),
                                                 Qt::ISODateWithMs);
    *timeMs = when.isValid() ? when.toMSecsSinceEpoch() : -1;
    return !in.failed() && plausibleTime(*timeMs) && SocketTableCodec::inspect(in.bytes(in.remaining()));
}

SnapshotPtr RecordingFrames::decodeSnapshot(const QByteArray &payload, QString *error)
{
    ByteReader in(payload);
    const QByteArray json = in.bytes(in.u32());
    auto snapshot = std::make_shared<Snapshot>();
    if (in.failed() || !SnapshotJsonReader::read(json, snapshot.get(), error)
        || !SocketTableCodec::decode(in.bytes(in.remaining()), &snapshot->sockets))
        return nullptr;
    SnapshotAggregator::aggregate(*snapshot);
    return snapshot;
}

bool RecordingFrames::decodeMarker(const QByteArray &payload, RecordingMarker *marker)
{
    ByteReader in(payload);
    marker->timeMs = in.i64();
    marker->label = UntrustedText::plain(QString::fromUtf8(in.bytes(qMin<qsizetype>(in.remaining(), 4 * UntrustedText::LabelLength))));
    return !in.failed() && plausibleTime(marker->timeMs);
}
