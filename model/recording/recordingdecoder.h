#pragma once

#include "recordingformat.h"

#include <QByteArray>
#include <QJsonObject>

// Cuts a recording (or the live stream sockscope-agent writes, which is the same format) into
// its header and frames as bytes arrive, in pieces of any size: a file read in chunks and a pipe
// read as data comes go through this one decoder. It checks the framing (magic, version, sizes
// within RecordingFormat's limits, CRC-32); what a frame's payload means is RecordingFrames'.
class RecordingDecoder
{
public:
    enum class Status {
        NeedMore, // feed more bytes (or call finish() at the end of the input)
        Header, // header() is complete
        Frame, // frame() holds one whole, checksummed frame
        Failed, // failure() says why; nothing more comes out
    };
    enum class Failure {
        None,
        NotRecording, // the bytes do not start with the magic
        EndsInHeader, // the input ended before the version and header size
        WrongVersion, // version() is not one RecordingFormat says it reads
        DamagedHeader, // header too large, cut short or not JSON
        CutShort, // a frame begun but not finished (or declaring more than MaximumFrame)
        Checksum, // a frame whose CRC-32 does not match its payload
    };
    struct Frame
    {
        quint8 type = 0;
        qint64 offset = 0; // of the frame's first byte in the input
        QByteArray payload;
    };

    void feed(const QByteArray &bytes);
    Status next();
    // The input has ended: what is still buffered is a frame (or header) cut short.
    void finish();
    // A frame declaring more than this fails at once (at most RecordingFormat::MaximumFrame).
    void setMaximumFrame(quint32 bytes) { m_maximumFrame = bytes; }

    bool hasHeader() const { return m_hasHeader; }
    const QJsonObject &header() const { return m_header; }
    const QByteArray &headerBytes() const { return m_headerBytes; } // magic to JSON, as received
    const Frame &frame() const { return m_frame; }
    Failure failure() const { return m_failure; }
    quint16 version() const { return m_version; }
    // Bytes up to the end of the last whole header or frame: where a failure starts.
    qint64 goodBytes() const { return m_goodBytes; }
    qint64 bufferedBytes() const { return m_buffer.size() - m_position; }

private:
    Status fail(Failure failure);
    Status readHeader();

    QByteArray m_buffer;
    qsizetype m_position = 0;
    qint64 m_goodBytes = 0;
    bool m_hasHeader = false;
    bool m_finished = false;
    QJsonObject m_header;
    QByteArray m_headerBytes;
    quint16 m_version = 0;
    Frame m_frame;
    Failure m_failure = Failure::None;
    quint32 m_maximumFrame = RecordingFormat::MaximumFrame;
};
