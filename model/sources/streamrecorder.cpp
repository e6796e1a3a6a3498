#include "streamrecorder.h"

#include "bytewriter.h"
#include "recordingformat.h"
#include "recordingwriter.h"

bool StreamRecorder::open(const QString &path, const QByteArray &header, const QByteArray &earlier, int earlierSamples,
                          int earlierTables, QString *error)
{
    m_file.setFileName(path);
    m_bytes = 0;
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = tr("Cannot write %1: %2").arg(path, m_file.errorString());
        return false;
    }
    if (!write(header) || !write(earlier)) {
        *error = m_error;
        m_file.close();
        return false;
    }
    m_samples = earlierSamples;
    m_tables = earlierTables;
    return true;
}

bool StreamRecorder::write(const QByteArray &bytes)
{
    // One write per frame and a flush, as RecordingWriter does: the file always ends at a frame
    // boundary or inside the last frame, which a reader drops.
    if (m_file.write(bytes) != bytes.size() || !m_file.flush()) {
        m_error = tr("Writing %1 failed: %2").arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    m_bytes += bytes.size();
    return true;
}

bool StreamRecorder::append(quint8 type, const QByteArray &frame)
{
    if (!m_file.isOpen())
        return false;
    if (!write(frame))
        return false;
    m_samples += type == RecordingFormat::Summary ? 1 : 0;
    m_tables += type == RecordingFormat::Snapshot ? 1 : 0;
    return true;
}

bool StreamRecorder::close()
{
    if (!m_file.isOpen())
        return true;
    ByteWriter payload;
    payload.u32(quint32(m_samples));
    const bool ok = write(RecordingWriter::frameBytes(RecordingFormat::End, payload.data()));
    m_file.close();
    return ok;
}
