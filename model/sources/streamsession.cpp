#include "sources/streamsession.h"

#include "wording/coremessagetext.h"
#include "bridge/qtstd.h"
#include "core/stream/recordingformat.h"

StreamSession::~StreamSession()
{
    m_recorder.close();
}

qint64 StreamSession::keptCost(const QByteArray &payload)
{
    // With the deque's entry and the array's own header and allocation: a flood of empty frames
    // costs memory too.
    return payload.size() + KeptFrameOverhead;
}

std::size_t StreamSession::keep(quint8 type, const QByteArray &payload, std::size_t heldSummaries)
{
    std::size_t dropped = 0;
    if (type == RecordingFormat::Snapshot) {
        m_lastTable = payload; // with its owners, m_lastOwners
    } else if (type != RecordingFormat::Owners) { // an OWNERS frame is kept with its table (m_lastOwners)
        m_kept.emplace_back(type, payload);
        m_keptBytes += keptCost(payload);
        dropped = trim(heldSummaries);
    }
    record(type, payload);
    return dropped;
}

std::size_t StreamSession::trim(std::size_t heldSummaries)
{
    // Dropped an eighth at a time, so each frame is moved a constant number of times on average.
    const std::size_t dropSummaries =
        heldSummaries > MaximumKeptSamples + MaximumKeptSamples / 8 ? heldSummaries - MaximumKeptSamples : 0;
    const qint64 keepBytes = m_keptBytes > MaximumKeptBytes ? MaximumKeptBytes - MaximumKeptBytes / 8 : m_keptBytes;
    // The frames kept for Record in the order they came: the markers and errors among the
    // dropped summaries go with them (the history keeps its own, bounded by Recording::MaximumMarkers).
    std::size_t dropped = 0;
    while (!m_kept.empty() && (dropped < dropSummaries || m_keptBytes > keepBytes)) {
        if (m_kept.front().first == RecordingFormat::Summary)
            ++dropped;
        m_keptBytes -= keptCost(m_kept.front().second);
        m_kept.pop_front();
    }
    return dropped;
}

void StreamSession::record(quint8 type, const QByteArray &payload)
{
    if (!m_recorder.isOpen())
        return;
    if (!m_recorder.appendFrame(type, payload.toStdString())) {
        const QString error = CoreMessageText::text(m_recorder.error());
        m_recorder.close();
        emit recordingFailed(error);
    } else {
        emit recordingProgress(m_recorder.bytesWritten(), m_recorder.samples(), m_recorder.snapshots());
    }
}

void StreamSession::startRecording(const QString &path)
{
    if (m_recorder.isOpen())
        return;
    // The session so far first: its samples and markers, and the table the window shows.
    CoreMessage error;
    bool ok = m_recorder.openWithHeader(path.toStdString(), m_headerBytes.toStdString(), &error);
    for (std::size_t i = 0; ok && i < m_kept.size(); ++i)
        ok = m_recorder.appendFrame(m_kept[i].first, m_kept[i].second.toStdString());
    if (ok && !m_lastTable.isEmpty() && !m_lastOwners.isEmpty())
        ok = m_recorder.appendFrame(RecordingFormat::Owners, m_lastOwners.toStdString());
    if (ok && !m_lastTable.isEmpty())
        ok = m_recorder.appendFrame(RecordingFormat::Snapshot, m_lastTable.toStdString());
    if (!ok) {
        if (m_recorder.isOpen()) {
            error = m_recorder.error();
            m_recorder.close();
        }
        emit recordingFailed(CoreMessageText::text(error));
        return;
    }
    emit recordingStarted(path);
    emit recordingProgress(m_recorder.bytesWritten(), m_recorder.samples(), m_recorder.snapshots());
}

void StreamSession::stopRecording()
{
    if (!m_recorder.isOpen())
        return;
    const QString path = toQString(m_recorder.path());
    const bool ok = m_recorder.close();
    if (!ok)
        emit recordingFailed(CoreMessageText::text(m_recorder.error()));
    else
        emit recordingStopped(path, m_recorder.bytesWritten(), m_recorder.samples(), m_recorder.snapshots());
}
