#include "core/stream/framedecoder.h"

#include "core/stream/bytereader.h"
#include "core/stream/crc32.h"
#include "core/snapshot/jsonwellformed.h"
#include "core/collect/utf8text.h"

#include <algorithm>
#include <cstring>

void FrameDecoder::feed(std::string_view bytes)
{
    if (m_failure != Failure::None || m_finished)
        return;
    // Drop what was consumed once it is most of the buffer: a long stream must not grow it.
    if (m_position > 0 && m_position >= m_buffer.size() / 2) {
        m_buffer.erase(0, m_position);
        m_position = 0;
    }
    m_buffer.append(bytes);
}

void FrameDecoder::finish()
{
    m_finished = true;
}

std::uint32_t FrameDecoder::maximumFrame() const
{
    return std::min(m_maximumFrame, RecordingFormat::MaximumFrame);
}

FrameDecoder::Status FrameDecoder::fail(Failure failure)
{
    m_failure = failure;
    m_buffer.clear();
    m_buffer.shrink_to_fit();
    m_position = 0;
    return Status::Failed;
}

FrameDecoder::Status FrameDecoder::readHeader()
{
    const std::size_t available = m_buffer.size() - m_position;
    const std::string_view data(m_buffer.data() + m_position, available);
    // The magic is checked as far as it has arrived: random bytes are refused at once.
    if (std::memcmp(data.data(), RecordingFormat::Magic, std::min<std::size_t>(available, RecordingFormat::MagicSize)) != 0)
        return fail(Failure::NotRecording);
    constexpr std::size_t Fixed = RecordingFormat::MagicSize + 6; // magic, u16 version, u32 header size
    if (available < Fixed) {
        if (!m_finished)
            return Status::NeedMore;
        return fail(available < std::size_t(RecordingFormat::MagicSize) ? Failure::NotRecording : Failure::EndsInHeader);
    }
    ByteReader in(data.substr(0, Fixed));
    in.view(RecordingFormat::MagicSize);
    m_version = in.u16();
    const std::uint32_t headerSize = in.u32();
    if (m_version < RecordingFormat::OldestReadableVersion || m_version > RecordingFormat::Version)
        return fail(Failure::WrongVersion);
    if (headerSize > RecordingFormat::MaximumHeader)
        return fail(Failure::DamagedHeader);
    if (available < Fixed + headerSize)
        return m_finished ? fail(Failure::DamagedHeader) : Status::NeedMore;
    std::string json = Utf8Text::repaired(data.substr(Fixed, headerSize));
    if (!JsonWellFormed::isObject(json))
        return fail(Failure::DamagedHeader);
    m_headerJson = std::move(json);
    m_headerBytes.assign(data.substr(0, Fixed + headerSize));
    m_position += Fixed + headerSize;
    m_goodBytes += std::int64_t(Fixed + headerSize);
    m_hasHeader = true;
    return Status::Header;
}

FrameDecoder::Status FrameDecoder::next()
{
    if (m_failure != Failure::None)
        return Status::Failed;
    const std::size_t available = m_buffer.size() - m_position;
    if (available == 0)
        return m_hasHeader || !m_finished ? Status::NeedMore : fail(Failure::NotRecording);
    if (!m_hasHeader)
        return readHeader();
    if (available < std::size_t(RecordingFormat::FrameHeaderSize))
        return m_finished ? fail(Failure::CutShort) : Status::NeedMore;
    ByteReader fields(std::string_view(m_buffer.data() + m_position, RecordingFormat::FrameHeaderSize));
    const std::uint8_t type = fields.u8();
    const std::uint32_t length = fields.u32();
    const std::uint32_t crc = fields.u32();
    // A length beyond the limit is a damaged or hostile frame: never wait for (or buffer) a
    // gigabyte on the word of four bytes.
    if (length > maximumFrame()) {
        m_declaredLength = length;
        return fail(Failure::TooLarge);
    }
    if (available - RecordingFormat::FrameHeaderSize < length)
        return m_finished ? fail(Failure::CutShort) : Status::NeedMore;
    const std::string_view payload(m_buffer.data() + m_position + RecordingFormat::FrameHeaderSize, length);
    if (Crc32::of(payload) != crc)
        return fail(Failure::Checksum);
    m_frame.type = type;
    m_frame.offset = m_goodBytes;
    m_frame.payload.assign(payload);
    m_position += RecordingFormat::FrameHeaderSize + length;
    m_goodBytes += RecordingFormat::FrameHeaderSize + length;
    return Status::Frame;
}
