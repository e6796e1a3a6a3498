#include "recording.h"

#include "bytereader.h"
#include "crc32.h"
#include "recordingformat.h"
#include "snapshotaggregator.h"
#include "snapshotjsonreader.h"
#include "sockettablecodec.h"
#include "summarycodec.h"
#include "qtstd.h"
#include "untrustedtext.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

// An ERROR frame: time, then the code's key and its arguments as length-prefixed UTF-8 strings.
bool readError(std::string_view payload, RecordingError *out)
{
    ByteReader in(payload);
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
    return in.atEnd() && out->timeMs >= 0 && out->timeMs <= RecordingFormat::MaximumTimeMs;
}

QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss t"));
}

bool plausibleTime(qint64 ms)
{
    return ms >= 0 && ms <= RecordingFormat::MaximumTimeMs;
}

// Opens `path` for reading only if it is a regular file. O_NONBLOCK first: opening a FIFO for
// reading would otherwise wait for a writer forever, and a device may do anything on open.
bool openRegularFile(const QString &path, QFile *file, QString *error)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        *error = Recording::tr("Cannot open %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(err)));
        return false;
    }
    struct stat status {};
    if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        ::close(fd);
        *error = Recording::tr("Cannot open %1: not a regular file.").arg(path);
        return false;
    }
    if (!file->open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        *error = Recording::tr("Cannot open %1: %2").arg(path, file->errorString());
        return false;
    }
    return true;
}
}

QString Recording::host() const
{
    return UntrustedText::plain(header.value(QLatin1String("host")).toString());
}

QString Recording::kernel() const
{
    return UntrustedText::plain(header.value(QLatin1String("kernel")).toString());
}

QString Recording::namespaceLabel() const
{
    const QJsonObject netns = header.value(QLatin1String("netns")).toObject();
    return UntrustedText::plain(netns.value(QLatin1String("label")).toString()) + QLatin1Char(' ')
        + UntrustedText::plain(netns.value(QLatin1String("id")).toString());
}

bool Recording::read(const QString &filePath, QString *error)
{
    *this = Recording();
    path = filePath;
    QFile file;
    if (!openRegularFile(filePath, &file, error))
        return false;
    const QByteArray start = file.read(RecordingFormat::MagicSize + 6);
    ByteReader in(byteView(start));
    if (in.view(RecordingFormat::MagicSize) != std::string_view(RecordingFormat::Magic, RecordingFormat::MagicSize)) {
        *error = tr("%1 is not a sockscope recording.").arg(filePath);
        return false;
    }
    const quint16 version = in.u16();
    const quint32 headerSize = in.u32();
    if (in.failed() || version != RecordingFormat::Version) {
        *error = in.failed() ? tr("%1 ends inside its header.").arg(filePath)
                             : tr("%1 is a version %2 recording; this sockscope reads version %3.")
                                   .arg(filePath)
                                   .arg(version)
                                   .arg(RecordingFormat::Version);
        return false;
    }
    const QByteArray headerText = headerSize <= RecordingFormat::MaximumHeader ? file.read(headerSize) : QByteArray();
    QJsonParseError parseError;
    header = QJsonDocument::fromJson(headerText, &parseError).object();
    if (headerText.size() != qsizetype(headerSize) || parseError.error != QJsonParseError::NoError) {
        *error = tr("%1 has a damaged header.").arg(filePath);
        return false;
    }
    goodBytes = file.pos();

    bool markersDropped = false;
    while (!file.atEnd()) {
        const qint64 frameStart = file.pos();
        const QByteArray frameHeader = file.read(RecordingFormat::FrameHeaderSize);
        ByteReader fields(byteView(frameHeader));
        const quint8 type = fields.u8();
        const quint32 length = fields.u32();
        const quint32 crc = fields.u32();
        const QString lastGood = summaries.empty() ? tr("no sample") : tr("the last sample, %1,").arg(timeText(summaries.back().timeMs));
        if (fields.failed() || length > RecordingFormat::MaximumFrame || file.size() - file.pos() < length) {
            warnings << tr("The file is cut short at byte %1 (a frame begun but not finished); %2 and everything "
                           "before it are shown.")
                            .arg(frameStart)
                            .arg(lastGood);
            return true;
        }
        const QByteArray payload = file.read(length);
        if (Crc32::of(byteView(payload)) != crc) {
            warnings << tr("The frame at byte %1 is damaged (its checksum does not match); %2 and everything "
                           "before it are shown.")
                            .arg(frameStart)
                            .arg(lastGood);
            return true;
        }
        bool ok = true;
        switch (type) {
        case RecordingFormat::Summary: {
            SampleSummary summary;
            ok = SummaryCodec::decode(byteView(payload), &summary);
            if (ok)
                summaries.push_back(summary);
            break;
        }
        case RecordingFormat::Snapshot: {
            ByteReader snapshotIn(byteView(payload));
            const quint32 jsonSize = snapshotIn.u32();
            const QByteArray json = toQByteArray(snapshotIn.view(jsonSize));
            const QDateTime when = QDateTime::fromString(QJsonDocument::fromJson(json).object().value(QLatin1String("time")).toString(),
                                                         Qt::ISODateWithMs);
            const qint64 time = when.isValid() ? when.toMSecsSinceEpoch() : -1;
            // The table's declared sizes are checked now, so a table too large for its bytes
            // (a decompression bomb) ends the recording here rather than failing when shown.
            ok = !snapshotIn.failed() && plausibleTime(time) && SocketTableCodec::inspect(snapshotIn.view(snapshotIn.remaining()));
            if (ok)
                snapshots.push_back({time, frameStart + RecordingFormat::FrameHeaderSize, length});
            break;
        }
        case RecordingFormat::Marker: {
            ByteReader markerIn(byteView(payload));
            RecordingMarker marker;
            marker.timeMs = markerIn.i64();
            const std::string_view label = markerIn.view(qMin<qsizetype>(markerIn.remaining(), 4 * UntrustedText::LabelLength));
            marker.label = UntrustedText::plain(QString::fromUtf8(label.data(), qsizetype(label.size())));
            ok = !markerIn.failed() && plausibleTime(marker.timeMs);
            if (ok && markers.size() < MaximumMarkers)
                markers.push_back(marker);
            else if (ok && !markersDropped) {
                warnings << tr("The recording holds more than %1 markers; only the first %1 are shown.").arg(MaximumMarkers);
                markersDropped = true;
            }
            break;
        }
        case RecordingFormat::End: endedCleanly = true; break;
        case RecordingFormat::Error: {
            RecordingError recorded;
            ok = readError(byteView(payload), &recorded);
            if (ok && errors.size() < MaximumMarkers)
                errors.push_back(recorded);
            break;
        }
        default: break; // a later version's frame: skip it
        }
        if (!ok) {
            warnings << tr("The frame at byte %1 cannot be decoded; %2 and everything before it are shown.")
                            .arg(frameStart)
                            .arg(lastGood);
            return true;
        }
        goodBytes = file.pos();
    }
    if (!endedCleanly)
        warnings << tr("The recording was not closed normally (no end mark); it is shown up to its last sample.");
    return true;
}

SnapshotPtr Recording::loadSnapshot(std::size_t index, QString *error) const
{
    if (index >= snapshots.size()) {
        *error = tr("No socket table was recorded.");
        return nullptr;
    }
    const SnapshotFrame &frame = snapshots[index];
    QFile file;
    if (!openRegularFile(path, &file, error))
        return nullptr;
    if (!file.seek(frame.offset)) {
        *error = tr("Cannot read %1: %2").arg(path, file.errorString());
        return nullptr;
    }
    const QByteArray payload = file.read(frame.length);
    ByteReader in(byteView(payload));
    const QByteArray json = toQByteArray(in.view(in.u32()));
    auto snapshot = std::make_shared<Snapshot>();
    if (in.failed() || !SnapshotJsonReader::read(json, snapshot.get(), error)
        || !SocketTableCodec::decode(in.view(in.remaining()), &snapshot->sockets)) {
        *error = tr("The socket table at %1 is damaged.").arg(timeText(frame.timeMs));
        return nullptr;
    }
    SnapshotAggregator::aggregate(*snapshot);
    return snapshot;
}

SnapshotPtr Recording::snapshotAt(qint64 timeMs, QString *error) const
{
    if (snapshots.empty()) {
        *error = tr("This recording holds no socket table, only sample summaries.");
        return nullptr;
    }
    return loadSnapshot(snapshotIndexAt(timeMs), error);
}

std::size_t Recording::snapshotIndexAt(qint64 timeMs) const
{
    std::size_t index = 0;
    for (std::size_t i = 0; i < snapshots.size(); ++i) {
        if (snapshots[i].timeMs <= timeMs)
            index = i;
    }
    return index;
}
