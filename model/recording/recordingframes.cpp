#include "recording/recordingframes.h"

#include "core/stream/bytereader.h"
#include "core/stream/ownertablecodec.h"
#include "core/snapshot/portownerscounter.h"
#include "bridge/qtstd.h"
#include "core/stream/recordingformat.h"
#include "core/snapshot/snapshotaggregator.h"
#include "recording/snapshotjsonreader.h"
#include "core/stream/sockettablecodec.h"
#include "bridge/untrustedtext.h"

#include <algorithm>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

bool RecordingFrames::inspectSnapshot(std::string_view payload, qint64 *timeMs)
{
    *timeMs = -1;
    ByteReader in(payload);
    const quint32 jsonSize = in.u32();
    if (jsonSize > RecordingFormat::MaximumSnapshotJson)
        return false; // never parsed, whoever asks
    const QByteArray json = toQByteArray(in.view(jsonSize));
    const QJsonObject root = QJsonDocument::fromJson(UntrustedText::wellFormedUtf8(json)).object();
    const QDateTime when = QDateTime::fromString(root.value(QLatin1String("time")).toString(), Qt::ISODateWithMs);
    *timeMs = when.isValid() ? when.toMSecsSinceEpoch() : -1;
    return !in.failed() && FrameReader::plausibleTime(*timeMs);
}

namespace {
// The same owner, as the frames carry one: its pid, count and texts.
bool sameOwner(const SocketOwner &a, const SocketOwner &b)
{
    return a.pid == b.pid && a.processes == b.processes && a.command == b.command && a.unit == b.unit && a.user == b.user;
}

// The OWNERS frame stores "likely, N unknown" as likely (OwnerTableCodec::encode): the SNAPSHOT
// frame's by_process counts (`listed`, its busiest owners) say how many of an owner's likely
// entries were that, and N. Older files have none: nothing changes.
void keepLikelyUnknown(const SocketOwnership &listed, SocketOwnership &rows)
{
    for (const OwnerTimeWait &from : listed.timeWaitByOwner) {
        const SocketOwner *owner = listed.owner(from.owner);
        if (!owner || from.likelyUnknown == 0)
            continue;
        for (OwnerTimeWait &to : rows.timeWaitByOwner) {
            const SocketOwner *same = rows.owner(to.owner);
            // Another user's owner of one command and unit is another owner; one with no likely
            // entries left (already given them) is not the one these counts are of.
            if (!same || !sameOwner(*same, *owner) || to.likely == 0)
                continue;
            to.likelyUnknown = std::min(from.likelyUnknown, to.likely);
            to.likely -= to.likelyUnknown;
            to.unknownLive = from.unknownLive;
            break;
        }
    }
}

// Nor has it room for SocketOwner::processesAtLeast: the SNAPSHOT frame's by_process says which
// of its busiest owners' process counts are floors ("at least 4,096").
void keepProcessesFloor(const SocketOwnership &listed, SocketOwnership &rows)
{
    for (const SocketOwner &owner : listed.owners) {
        if (!owner.processesAtLeast)
            continue;
        for (SocketOwner &same : rows.owners)
            same.processesAtLeast = same.processesAtLeast || sameOwner(same, owner);
    }
}
}

SnapshotPtr RecordingFrames::decodeSnapshot(const QByteArray &payload, QString *error, quint16 version, const QByteArray &owners)
{
    ByteReader in(byteView(payload));
    const QByteArray json = toQByteArray(in.view(in.u32()));
    auto snapshot = std::make_shared<Snapshot>();
    // A stream checks only the sizes before handing the frame here (FrameReader): the JSON
    // is parsed, and its time checked, in the thread that decodes.
    if (in.failed() || json.size() > qsizetype(RecordingFormat::MaximumSnapshotJson)
        || !SnapshotJsonReader::read(json, snapshot.get(), error) || !FrameReader::plausibleTime(snapshot->wallTimeMs)
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
        keepLikelyUnknown(snapshot->owners, rows);
        keepProcessesFloor(snapshot->owners, rows);
        snapshot->owners = std::move(rows);
        PortOwnersCounter::count(*snapshot);
    }
    return snapshot;
}

// The reader keeps as many bytes of a label as the characters shown can take.
static_assert(FrameReader::MaximumLabelBytes == 4 * UntrustedText::LabelLength);

namespace {
QString plainText(std::string_view bytes)
{
    return UntrustedText::plain(QString::fromUtf8(bytes.data(), qsizetype(bytes.size())), 4 * UntrustedText::LabelLength);
}
}

RecordingMarker RecordingFrames::marker(const MarkerFrame &frame)
{
    return {frame.timeMs, UntrustedText::plain(QString::fromUtf8(frame.label.data(), qsizetype(frame.label.size())))};
}

RecordingError RecordingFrames::error(const ErrorFrame &frame)
{
    RecordingError out {frame.timeMs, frame.message};
    for (std::string &arg : out.message.args)
        arg = plainText(arg).toStdString();
    return out;
}
