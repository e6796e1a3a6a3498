#pragma once

#include "core/stream/recordingformat.h"

#include <cstdint>
#include <string>
#include <string_view>

// Cuts a recording (or the live stream sockscope-agent writes, which is the same format) into
// its header and frames as bytes arrive, in pieces of any size: a file read in chunks and a pipe
// read as data comes go through this one decoder. It checks the framing (magic, version, sizes
// within the limit it is given, CRC-32); what a frame's payload means is FrameReader's.
class FrameDecoder
{
public:
    enum class Status {
        NeedMore, // feed more bytes (or call finish() at the end of the input)
        Header, // headerJson() is complete
        Frame, // frame() holds one whole, checksummed frame
        Failed, // failure() says why; nothing more comes out
    };
    enum class Failure {
        None,
        NotRecording, // the bytes do not start with the magic
        EndsInHeader, // the input ended before the version and header size
        WrongVersion, // version() is not one RecordingFormat says it reads
        DamagedHeader, // header too large, cut short or not a JSON object
        CutShort, // a frame begun but not finished
        TooLarge, // a frame declaring more than the maximum (declaredLength())
        Checksum, // a frame whose CRC-32 does not match its payload
    };
    struct Frame
    {
        std::uint8_t type = 0;
        std::int64_t offset = 0; // of the frame's first byte in the input
        std::string payload;
    };

    void feed(std::string_view bytes);
    Status next();
    // The input has ended: what is still buffered is a frame (or header) cut short.
    void finish();
    // A frame declaring more than this fails at once (at most RecordingFormat::MaximumFrame).
    void setMaximumFrame(std::uint32_t bytes) { m_maximumFrame = bytes; }
    std::uint32_t maximumFrame() const;

    bool hasHeader() const { return m_hasHeader; }
    // The header's JSON object, made well-formed UTF-8 (the file comes from elsewhere).
    const std::string &headerJson() const { return m_headerJson; }
    const std::string &headerBytes() const { return m_headerBytes; } // magic to JSON, as received
    const Frame &frame() const { return m_frame; }
    Failure failure() const { return m_failure; }
    std::uint16_t version() const { return m_version; }
    // What the frame refused as TooLarge declared.
    std::uint32_t declaredLength() const { return m_declaredLength; }
    // Bytes up to the end of the last whole header or frame: where a failure starts.
    std::int64_t goodBytes() const { return m_goodBytes; }
    std::int64_t bufferedBytes() const { return std::int64_t(m_buffer.size() - m_position); }

private:
    Status fail(Failure failure);
    Status readHeader();

    std::string m_buffer;
    std::size_t m_position = 0;
    std::int64_t m_goodBytes = 0;
    bool m_hasHeader = false;
    bool m_finished = false;
    std::string m_headerJson;
    std::string m_headerBytes;
    std::uint16_t m_version = 0;
    std::uint32_t m_declaredLength = 0;
    Frame m_frame;
    Failure m_failure = Failure::None;
    std::uint32_t m_maximumFrame = RecordingFormat::MaximumFrame;
};
