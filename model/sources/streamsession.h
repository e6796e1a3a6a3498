#pragma once

#include "sampling/historyring.h"
#include "core/stream/recordingwriter.h"

#include <QByteArray>
#include <QObject>

#include <deque>
#include <utility>

// What a stream has sent that Record writes first, and the recording it then writes as frames
// come: the header, the summaries with their owners, markers, errors and a subclass's frames as
// they came, and the latest SNAPSHOT with its OWNERS. Kept in fixed memory whatever a server
// sends: the oldest frames go first past MaximumKeptSamples summaries or MaximumKeptBytes.
class StreamSession : public QObject
{
    Q_OBJECT

public:
    // Summaries kept (the stream's history, and what Record writes first): as many as the
    // window's history holds, so a stream that never ends, or one sending thousands of frames a
    // second, takes fixed memory. The oldest go first, an eighth at a time (so up to 9/8 of this
    // are held).
    static constexpr std::size_t MaximumKeptSamples = HistoryRing::DefaultCapacity;
    // The frames kept for Record (summaries with their owners, markers, errors, a subclass's
    // frames) take at most this many bytes, whatever frames a server sends: the oldest go first.
    // A real sample's frames take ~300 bytes here (SUMMARY 81-158 bytes and SUMMARY OWNERS 10-11
    // bytes measured, a lab's LAB frame a few hundred, KeptFrameOverhead each), so the 16,200
    // samples kept at most take ~5 MB: only frames no agent sends (the largest SUMMARY OWNERS
    // that decodes is ~4.2 KB) cut the kept history shorter than MaximumKeptSamples.
    static constexpr qint64 MaximumKeptBytes = qint64(32) << 20;
    // What one kept frame costs beyond its payload (deque entry, QByteArray header, malloc).
    static constexpr qint64 KeptFrameOverhead = 64;

    using QObject::QObject;
    ~StreamSession() override;

    // The stream's header as it came (the first connection's; later ones are the same host).
    void setHeader(const QByteArray &bytes) { m_headerBytes = bytes; }
    bool hasHeader() const { return !m_headerBytes.isEmpty(); }
    // The OWNERS frame of the SNAPSHOT kept next, if it had one.
    void setTableOwners(const QByteArray &owners) { m_lastOwners = owners; }
    // Keeps a frame (and records it, while recording). `heldSummaries`: the summaries the
    // stream's history holds now, each with its frame kept here. Returns how many of the oldest
    // of them went with the frames dropped: the history drops as many.
    std::size_t keep(quint8 type, const QByteArray &payload, std::size_t heldSummaries);
    // What the frames kept take now (at most MaximumKeptBytes).
    qint64 keptBytes() const { return m_keptBytes; }

    bool isRecording() const { return m_recorder.isOpen(); }
    // Writes what is kept to `path`, then every frame as it comes; hasHeader() must hold.
    void startRecording(const QString &path);
    void stopRecording();

signals:
    void recordingStarted(const QString &path);
    void recordingProgress(qint64 bytes, int samples, int tables);
    void recordingStopped(const QString &path, qint64 bytes, int samples, int tables);
    void recordingFailed(const QString &message);

private:
    static qint64 keptCost(const QByteArray &payload);
    std::size_t trim(std::size_t heldSummaries);
    void record(quint8 type, const QByteArray &payload);

    QByteArray m_headerBytes;
    // Summaries and markers as received, and the latest SNAPSHOT: what Record writes first.
    std::deque<std::pair<quint8, QByteArray>> m_kept;
    qint64 m_keptBytes = 0; // of m_kept, with each entry's own cost (keptCost())
    QByteArray m_lastTable;
    QByteArray m_lastOwners; // the OWNERS frame of m_lastTable, if it had one
    RecordingWriter m_recorder;
};
