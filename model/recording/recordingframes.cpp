#include "recordingframes.h"

#include "bytereader.h"
#include "ownertablecodec.h"
#include "portownerscounter.h"
#include "qtstd.h"
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

bool RecordingFrames::snapshotSizes(const QByteArray &payload, SnapshotSizes *sizes)
{
    ByteReader in(byteView(payload));
    sizes->jsonBytes = in.u32();
    in.view(sizes->jsonBytes);
    return !in.failed() && SocketTableCodec::inspect(in.view(in.remaining()), &sizes->rows);
}

bool RecordingFrames::inspectSnapshot(const QByteArray &payload, qint64 *timeMs)
{
    *timeMs = -1;
    SnapshotSizes sizes;
    if (!snapshotSizes(payload, &sizes) || sizes.jsonBytes > MaximumSnapshotJson)
        return false;
    ByteReader in(byteView(payload));
    const quint32 jsonSize = in.u32();
    const QByteArray json = toQByteArray(in.view(jsonSize));
    const QJsonObject root = QJsonDocument::fromJson(UntrustedText::wellFormedUtf8(json)).object();
    const QDateTime when = QDateTime::fromString(root.value(QLatin1String("time")).toString(), Qt::ISODateWithMs);
    *timeMs = when.isValid() ? when.toMSecsSinceEpoch() : -1;
    return !in.failed() && plausibleTime(*timeMs);
}

SnapshotPtr RecordingFrames::decodeSnapshot(const QByteArray &payload, QString *error, quint16 version, const QByteArray &owners)
{
    ByteReader in(byteView(payload));
    const QByteArray json = toQByteArray(in.view(in.u32()));
    auto snapshot = std::make_shared<Snapshot>();
    // A stream checks only the sizes before handing the frame here (snapshotSizes()): the JSON
    // is parsed, and its time checked, in the thread that decodes.
    if (in.failed() || json.size() > qsizetype(MaximumSnapshotJson) || !SnapshotJsonReader::read(json, snapshot.get(), error)
        || !plausibleTime(snapshot->wallTimeMs)
        || !SocketTableCodec::decode(in.view(in.remaining()), &snapshot->sockets, version))
        return nullptr;
    SnapshotAggregator::aggregate(*snapshot);
    SocketOwnership rows;
    if (!owners.isEmpty() && OwnerTableCodec::decode(byteView(owners), quint32(snapshot->sockets.size()), &rows)) {
        const auto &sockets = snapshot->sockets;
        rows.countTimeWait(sockets.size(), [&](std::size_t i) { return sockets[i].state == TcpState::TimeWait; });
        // Someone else's texts: one line of plain text each, as the JSON reader makes them.
        for (SocketOwner &owner : rows.owners) {
            for (std::string *text : {&owner.command, &owner.user, &owner.unit})
                *text = UntrustedText::plain(QString::fromUtf8(text->data(), qsizetype(text->size()))).toStdString();
        }
        snapshot->owners = std::move(rows);
        PortOwnersCounter::count(*snapshot);
    }
    return snapshot;
}

bool RecordingFrames::decodeMarker(const QByteArray &payload, RecordingMarker *marker)
{
    ByteReader in(byteView(payload));
    marker->timeMs = in.i64();
    const std::string_view label = in.view(qMin<qsizetype>(in.remaining(), 4 * UntrustedText::LabelLength));
    marker->label = UntrustedText::plain(QString::fromUtf8(label.data(), qsizetype(label.size())));
    return !in.failed() && plausibleTime(marker->timeMs);
}

bool RecordingFrames::decodeError(const QByteArray &payload, RecordingError *out)
{
    ByteReader in(byteView(payload));
    out->timeMs = in.i64();
    const auto text = [&in](std::string *s) {
        const std::uint64_t length = in.varint();
        if (in.failed() || length > RecordingFormat::MaximumErrorText)
            return false;
        const QString plain = UntrustedText::plain(QString::fromUtf8(toQByteArray(in.view(std::ptrdiff_t(length)))),
                                                   4 * UntrustedText::LabelLength);
        *s = plain.toStdString();
        return !in.failed();
    };
    std::string key;
    if (!text(&key))
        return false;
    out->message.code = coreMessageCodeFromKey(key);
    const std::uint64_t count = in.varint();
    if (in.failed() || count > RecordingFormat::MaximumErrorArguments)
        return false;
    for (std::uint64_t i = 0; i < count; ++i) {
        std::string arg;
        if (!text(&arg))
            return false;
        out->message.args.push_back(arg);
    }
    // A code this reader does not know (a newer agent's) keeps its key as the first argument.
    if (out->message.code == CoreMessageCode::None)
        out->message = {CoreMessageCode::WordedText, {key}};
    return in.atEnd() && plausibleTime(out->timeMs);
}
