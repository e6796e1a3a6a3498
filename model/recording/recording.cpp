#include "recording.h"

#include "qtstd.h"
#include "recordingdecoder.h"
#include "recordingformat.h"
#include "summaryframereader.h"
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

QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss t"));
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
    RecordingDecoder decoder;
    std::pair<qint64, quint32> owners {0, 0}; // the last OWNERS frame, for the SNAPSHOT after it
    SummaryFrameReader summaryReader;
    OwnerLabels labels;
    bool markersDropped = false;
    // Read in pieces: the decoder holds at most one frame (a socket table) at a time.
    constexpr qint64 Chunk = 1024 * 1024;
    for (;;) {
        const RecordingDecoder::Status status = decoder.next();
        if (status == RecordingDecoder::Status::NeedMore) {
            const QByteArray bytes = file.read(Chunk);
            if (bytes.isEmpty())
                decoder.finish();
            else
                decoder.feed(bytes);
            if (bytes.isEmpty() && decoder.bufferedBytes() == 0 && decoder.hasHeader())
                break;
            continue;
        }
        if (status == RecordingDecoder::Status::Header) {
            header = decoder.header();
            formatVersion = decoder.version();
            goodBytes = decoder.goodBytes();
            continue;
        }
        const QString lastGood = summaries.empty() ? tr("no sample") : tr("the last sample, %1,").arg(timeText(summaries.back().timeMs));
        if (status == RecordingDecoder::Status::Failed) {
            switch (decoder.failure()) {
            case RecordingDecoder::Failure::NotRecording: *error = tr("%1 is not a sockscope recording.").arg(filePath); return false;
            case RecordingDecoder::Failure::EndsInHeader: *error = tr("%1 ends inside its header.").arg(filePath); return false;
            case RecordingDecoder::Failure::WrongVersion:
                *error = tr("%1 is a version %2 recording; this sockscope reads versions %3 to %4.")
                             .arg(filePath)
                             .arg(decoder.version())
                             .arg(RecordingFormat::OldestReadableVersion)
                             .arg(RecordingFormat::Version);
                return false;
            case RecordingDecoder::Failure::DamagedHeader: *error = tr("%1 has a damaged header.").arg(filePath); return false;
            case RecordingDecoder::Failure::Checksum:
                warnings << tr("The frame at byte %1 is damaged (its checksum does not match); %2 and everything "
                               "before it are shown.")
                                .arg(decoder.goodBytes())
                                .arg(lastGood);
                return true;
            case RecordingDecoder::Failure::CutShort:
            case RecordingDecoder::Failure::None:
                warnings << tr("The file is cut short at byte %1 (a frame begun but not finished); %2 and everything "
                               "before it are shown.")
                                .arg(decoder.goodBytes())
                                .arg(lastGood);
                return true;
            }
        }
        const RecordingDecoder::Frame &frame = decoder.frame();
        bool ok = true;
        switch (frame.type) {
        case RecordingFormat::Summary: {
            SampleSummary summary;
            ok = summaryReader.summaryFrame(byteView(frame.payload), decoder.version(), &summary, &labels);
            if (ok) {
                summaries.push_back(summary);
                ownerLabels.add(summary, labels);
            }
            break;
        }
        case RecordingFormat::SummaryOwners: summaryReader.ownersFrame(byteView(frame.payload)); break;
        case RecordingFormat::Snapshot: {
            qint64 time = -1;
            ok = RecordingFrames::inspectSnapshot(frame.payload, &time);
            if (ok)
                snapshots.push_back({time, frame.offset + RecordingFormat::FrameHeaderSize, quint32(frame.payload.size()),
                                     owners.first, owners.second});
            owners = {};
            break;
        }
        case RecordingFormat::Owners:
            // Checked when its table is loaded; a damaged one only loses the per-row owners.
            owners = {frame.offset + RecordingFormat::FrameHeaderSize, quint32(frame.payload.size())};
            break;
        case RecordingFormat::Marker: {
            RecordingMarker marker;
            ok = RecordingFrames::decodeMarker(frame.payload, &marker);
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
            ok = RecordingFrames::decodeError(frame.payload, &recorded);
            if (ok && errors.size() < MaximumMarkers)
                errors.push_back(recorded);
            break;
        }
        default: break; // a later version's frame: skip it
        }
        if (!ok) {
            warnings << tr("The frame at byte %1 cannot be decoded; %2 and everything before it are shown.")
                            .arg(frame.offset)
                            .arg(lastGood);
            return true;
        }
        goodBytes = decoder.goodBytes();
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
    const QByteArray table = file.read(frame.length);
    QByteArray owners;
    if (frame.ownersLength > 0 && file.seek(frame.ownersOffset))
        owners = file.read(frame.ownersLength);
    SnapshotPtr snapshot = RecordingFrames::decodeSnapshot(table, error, formatVersion, owners);
    if (!snapshot)
        *error = tr("The socket table at %1 is damaged.").arg(timeText(frame.timeMs));
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
