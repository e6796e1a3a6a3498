#include "recordingdecoder.h"

#include "bytereader.h"
#include "crc32.h"
#include "qtstd.h"
#include "recordingformat.h"
#include "untrustedtext.h"

#include <QJsonDocument>

#include <cstring>

void RecordingDecoder::feed(const QByteArray &bytes)
{
    if (m_failure != Failure::None || m_finished)
        return;
    // Drop what was consumed once it is most of the buffer: a long stream must not grow it.
    if (m_position > 0 && m_position >= m_buffer.size() / 2) {
        m_buffer.remove(0, m_position);
        m_position = 0;
    }
    m_buffer.append(bytes);
}

void RecordingDecoder::finish()
{
    m_finished = true;
}

RecordingDecoder::Status RecordingDecoder::fail(Failure failure)
{
    m_failure = failure;
    m_buffer.clear();
    m_position = 0;
    return Status::Failed;
}

RecordingDecoder::Status RecordingDecoder::readHeader()
{
    const qsizetype available = m_buffer.size() - m_position;
    const char *data = m_buffer.constData() + m_position;
    // The magic is checked as far as it has arrived: random bytes are refused at once.
    if (std::memcmp(data, RecordingFormat::Magic, std::size_t(qMin<qsizetype>(available, RecordingFormat::MagicSize))) != 0)
        return fail(Failure::NotRecording);
    constexpr int Fixed = RecordingFormat::MagicSize + 6; // magic, u16 version, u32 header size
    if (available < Fixed) {
        if (!m_finished)
            return Status::NeedMore;
        return fail(available < RecordingFormat::MagicSize ? Failure::NotRecording : Failure::EndsInHeader);
    }
    const QByteArray fixed = m_buffer.mid(m_position, Fixed);
    ByteReader in(byteView(fixed));
    in.view(RecordingFormat::MagicSize);
    m_version = in.u16();
    const quint32 headerSize = in.u32();
    if (m_version < RecordingFormat::OldestReadableVersion || m_version > RecordingFormat::Version)
        return fail(Failure::WrongVersion);
    if (headerSize > RecordingFormat::MaximumHeader)
        return fail(Failure::DamagedHeader);
    if (available < Fixed + qsizetype(headerSize))
        return m_finished ? fail(Failure::DamagedHeader) : Status::NeedMore;
    QJsonParseError parseError;
    const QByteArray json = UntrustedText::wellFormedUtf8(m_buffer.mid(m_position + Fixed, headerSize));
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fail(Failure::DamagedHeader);
    m_header = document.object();
    m_headerBytes = m_buffer.mid(m_position, Fixed + headerSize);
    m_position += Fixed + headerSize;
    m_goodBytes += Fixed + headerSize;
    m_hasHeader = true;
    return Status::Header;
}

RecordingDecoder::Status RecordingDecoder::next()
{
    if (m_failure != Failure::None)
        return Status::Failed;
    const qsizetype available = m_buffer.size() - m_position;
    if (available == 0)
        return m_hasHeader || !m_finished ? Status::NeedMore : fail(Failure::NotRecording);
    if (!m_hasHeader)
        return readHeader();
    if (available < RecordingFormat::FrameHeaderSize)
        return m_finished ? fail(Failure::CutShort) : Status::NeedMore;
    const QByteArray frameHeader = m_buffer.mid(m_position, RecordingFormat::FrameHeaderSize);
    ByteReader fields(byteView(frameHeader));
    const quint8 type = fields.u8();
    const quint32 length = fields.u32();
    const quint32 crc = fields.u32();
    // A length beyond the limit is a damaged or hostile frame: never wait for (or buffer) a
    // gigabyte on the word of four bytes.
    if (length > qMin(m_maximumFrame, RecordingFormat::MaximumFrame))
        return fail(Failure::CutShort);
    if (available - RecordingFormat::FrameHeaderSize < qsizetype(length))
        return m_finished ? fail(Failure::CutShort) : Status::NeedMore;
    QByteArray payload = m_buffer.mid(m_position + RecordingFormat::FrameHeaderSize, length);
    if (Crc32::of(byteView(payload)) != crc)
        return fail(Failure::Checksum);
    m_frame.type = type;
    m_frame.offset = m_goodBytes;
    m_frame.payload = std::move(payload);
    m_position += RecordingFormat::FrameHeaderSize + length;
    m_goodBytes += RecordingFormat::FrameHeaderSize + length;
    return Status::Frame;
}
