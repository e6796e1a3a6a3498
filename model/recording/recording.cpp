#include "recording/recording.h"

#include "bridge/qtstd.h"
#include "wording/coremessagetext.h"
#include "core/stream/framereader.h"
#include "recording/recordingframes.h"
#include "core/stream/recordingformat.h"
#include "bridge/untrustedtext.h"

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
    struct stat status
    {
    };
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

namespace {
// File replay's side of the one reader: everything whole is kept; damage ends the reading with
// a warning (what came before is shown), or, in the header, refuses the file.
class RecordingFileVisitor : public FrameVisitor
{
public:
    RecordingFileVisitor(Recording &recording, QString *error)
        : m_recording(recording)
        , m_error(error)
    {
    }
    bool refused() const { return m_refused; }

    void header(const FrameDecoder &decoder) override
    {
        m_recording.header = QJsonDocument::fromJson(QByteArray::fromStdString(decoder.headerJson())).object();
        m_recording.formatVersion = decoder.version();
    }
    void summary(const SampleSummary &summary, const OwnerLabels &labels, const FrameDecoder::Frame &,
                 const std::string *) override
    {
        m_recording.summaries.push_back(summary);
        m_recording.ownerLabels.add(summary, labels);
    }
    bool table(const TableFrame &table) override
    {
        qint64 time = -1;
        if (!RecordingFrames::inspectSnapshot(table.frame.payload, &time))
            return false;
        const bool owned = !table.owners.empty();
        m_recording.snapshots.push_back(
            {time, table.frame.offset + RecordingFormat::FrameHeaderSize, quint32(table.frame.payload.size()),
             owned ? table.ownersOffset + RecordingFormat::FrameHeaderSize : 0, quint32(table.owners.size())});
        return true;
    }
    void marker(const MarkerFrame &marker) override { m_recording.markers.push_back(RecordingFrames::marker(marker)); }
    void error(const ErrorFrame &error) override { m_recording.errors.push_back(RecordingFrames::error(error)); }
    void end() override { m_recording.endedCleanly = true; }
    void notice(const CoreMessage &message) override { m_recording.warnings << CoreMessageText::text(message); }
    void damage(const FrameDamage &damage) override
    {
        const QString &path = m_recording.path;
        m_refused = true;
        switch (damage.failure) {
        case FrameDecoder::Failure::NotRecording: *m_error = Recording::tr("%1 is not a sockscope recording.").arg(path); return;
        case FrameDecoder::Failure::EndsInHeader: *m_error = Recording::tr("%1 ends inside its header.").arg(path); return;
        case FrameDecoder::Failure::WrongVersion:
            *m_error = Recording::tr("%1 is a version %2 recording; this sockscope reads versions %3 to %4.")
                           .arg(path)
                           .arg(damage.version)
                           .arg(RecordingFormat::OldestReadableVersion)
                           .arg(RecordingFormat::Version);
            return;
        case FrameDecoder::Failure::DamagedHeader: *m_error = Recording::tr("%1 has a damaged header.").arg(path); return;
        default: break;
        }
        m_refused = false;
        const QString what = CoreMessageText::text(damage.message);
        const auto &summaries = m_recording.summaries;
        m_recording.warnings << (summaries.empty() ? Recording::tr("%1 Nothing before it holds a sample.").arg(what)
                                                   : Recording::tr("%1 Everything before it is shown, up to the sample of %2.")
                                                         .arg(what, timeText(summaries.back().timeMs)));
    }

private:
    Recording &m_recording;
    QString *m_error;
    bool m_refused = false;
};
}

bool Recording::read(const QString &filePath, QString *error)
{
    *this = Recording();
    path = filePath;
    QFile file;
    if (!openRegularFile(filePath, &file, error))
        return false;
    FrameReader reader(FrameLimits::file());
    RecordingFileVisitor visitor(*this, error);
    // Read in pieces: the reader holds at most one frame (a socket table) at a time.
    constexpr qint64 Chunk = 1024 * 1024;
    bool more = true;
    while (more && reader.read(visitor)) {
        const QByteArray bytes = file.read(Chunk);
        more = !bytes.isEmpty();
        if (more)
            reader.feed(byteView(bytes));
        else
            reader.finish();
    }
    reader.read(visitor); // what finish() made of the rest: a frame cut short, or nothing at all
    goodBytes = reader.goodBytes();
    if (visitor.refused())
        return false;
    if (!reader.stopped() && !endedCleanly)
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
