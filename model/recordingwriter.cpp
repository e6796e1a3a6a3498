#include "recordingwriter.h"

#include "bytewriter.h"
#include "crc32.h"
#include "recordingformat.h"
#include "snapshotjsonwriter.h"
#include "sockettablecodec.h"
#include "summarycodec.h"

#include <QBuffer>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>

#include <unistd.h>

bool RecordingWriter::open(const QString &path, const Header &header, QString *error)
{
    QJsonArray states;
    for (const TcpState state : tcpStatesInDisplayOrder()) {
        if (header.stateMask & tcpStateBit(state))
            states.append(QLatin1String(tcpStateKey(state)));
    }
    const QJsonObject json {
        {QStringLiteral("schema"), QStringLiteral("sockscope.recording/1")},
        {QStringLiteral("sockscope_version"), QStringLiteral(SOCKSCOPE_VERSION)},
        {QStringLiteral("host"), QSysInfo::machineHostName()},
        {QStringLiteral("kernel"), QSysInfo::kernelVersion()},
        {QStringLiteral("netns"), QJsonObject {{QStringLiteral("label"), header.namespaceLabel},
                                               {QStringLiteral("id"), header.namespaceId}}},
        {QStringLiteral("interval_ms"), header.intervalMs},
        {QStringLiteral("started"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("state_filter"), states},
    };
    const QByteArray text = QJsonDocument(json).toJson(QJsonDocument::Compact);
    ByteWriter out;
    out.bytes(QByteArray(RecordingFormat::Magic, RecordingFormat::MagicSize));
    out.u16(RecordingFormat::Version);
    out.u32(quint32(text.size()));
    out.bytes(text);
    return openWithHeader(path, out.data(), error);
}

bool RecordingWriter::openWithHeader(const QString &path, const QByteArray &header, QString *error)
{
    // One writer serves every recording of a window: each starts its counts from zero.
    m_bytes = 0;
    m_snapshotBytes = 0;
    m_samples = 0;
    m_snapshots = 0;
    m_error.clear();
    m_file.setFileName(path);
    // A FIFO or device would block the open or swallow the recording: only a regular file.
    const QFileInfo existing(path);
    if (existing.exists() && !existing.isFile()) {
        *error = tr("Cannot create %1: not a regular file.").arg(path);
        return false;
    }
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = tr("Cannot create %1: %2").arg(path, m_file.errorString());
        return false;
    }
    if (m_file.write(header) != header.size() || !m_file.flush()) {
        *error = tr("Cannot write %1: %2").arg(path, m_file.errorString());
        m_file.close();
        return false;
    }
    m_bytes = header.size();
    return true;
}

bool RecordingWriter::writeFrame(quint8 type, const QByteArray &payload)
{
    if (!m_file.isOpen())
        return false;
    const QByteArray frame = frameBytes(type, payload);
    // One write per frame and a flush: what is on disk always ends at a frame boundary or
    // inside the last frame, which a reader then drops.
    if (m_file.write(frame) != frame.size() || !m_file.flush()) {
        m_error = tr("Writing %1 failed: %2").arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    m_bytes += frame.size();
    return true;
}

QByteArray RecordingWriter::frameBytes(quint8 type, const QByteArray &payload)
{
    ByteWriter frame;
    frame.reserve(payload.size() + RecordingFormat::FrameHeaderSize);
    frame.u8(type);
    frame.u32(quint32(payload.size()));
    frame.u32(Crc32::of(payload));
    frame.bytes(payload);
    return frame.data();
}

bool RecordingWriter::writeSummary(const SampleSummary &summary)
{
    return appendFrame(RecordingFormat::Summary, SummaryCodec::encode(summary));
}

bool RecordingWriter::appendFrame(quint8 type, const QByteArray &payload)
{
    const bool ok = writeFrame(type, payload);
    if (ok && type == RecordingFormat::Summary)
        ++m_samples;
    if (ok && type == RecordingFormat::Snapshot) {
        ++m_snapshots;
        m_snapshotBytes += payload.size() + RecordingFormat::FrameHeaderSize;
    }
    return ok;
}

bool RecordingWriter::writeSnapshot(const Snapshot &snapshot)
{
    QByteArray json;
    QBuffer buffer(&json);
    buffer.open(QIODevice::WriteOnly);
    SnapshotJsonWriter::Options options;
    options.topPorts = 0; // derived again from the records when read
    SnapshotJsonWriter::write(snapshot, options, &buffer);
    ByteWriter payload;
    payload.u32(quint32(json.size()));
    payload.bytes(json);
    payload.bytes(SocketTableCodec::encode(snapshot.sockets));
    return appendFrame(RecordingFormat::Snapshot, payload.data());
}

bool RecordingWriter::writeMarker(qint64 timeMs, const QString &label)
{
    ByteWriter payload;
    payload.i64(timeMs);
    payload.bytes(label.toUtf8());
    return writeFrame(RecordingFormat::Marker, payload.data());
}

bool RecordingWriter::close()
{
    if (!m_file.isOpen())
        return true;
    ByteWriter payload;
    payload.u32(quint32(m_samples));
    const bool ok = writeFrame(RecordingFormat::End, payload.data());
    fsync(m_file.handle());
    m_file.close();
    return ok;
}
