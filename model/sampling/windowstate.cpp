#include "sampling/windowstate.h"

WindowState::WindowState(QObject *parent)
    : QObject(parent)
{
}

int WindowState::viewEnd() const
{
    return m_replay ? qMin(m_replayIndex, m_history.size() - 1) : m_history.size() - 1;
}

qint64 WindowState::viewToMs() const
{
    return m_history.isEmpty() ? 0 : m_history.at(viewEnd()).timeMs;
}

qint64 WindowState::viewFromMs() const
{
    return m_history.isEmpty() ? 0 : qMax(viewToMs() - qint64(m_windowSeconds) * 1000, m_history.at(0).timeMs);
}

void WindowState::addSample(const SamplePtr &sample)
{
    // A stream's table comes at a lower rate than its samples: keep the last one until then.
    if (sample->snapshot)
        m_latest = sample->snapshot;
    m_history.append(sample->summary, sample->ownerLabels);
    m_skipped += quint64(sample->skippedBefore);
    ++m_samples;
    emit sampleAdded(sample);
    emit snapshotChanged(m_latest);
    // The table is older than the sample: what the sample holds comes from the sample.
    if (!m_latest || m_latest->wallTimeMs != sample->summary.timeMs)
        emit momentChanged(sample->summary);
    emit historyChanged();
}

void WindowState::loadHistory(const std::vector<SampleSummary> &summaries)
{
    for (const SampleSummary &summary : summaries)
        m_history.append(summary);
    emit historyChanged();
}

void WindowState::clear(int capacity)
{
    m_history = HistoryRing(capacity);
    m_markers.clear();
    m_latest.reset();
    m_skipped = 0;
    m_samples = 0;
    m_replayIndex = 0;
}

void WindowState::adopt(const std::vector<SampleSummary> &summaries, const OwnerLabelBook &labels,
                        const std::vector<RecordingMarker> &markers)
{
    m_history = HistoryRing(qMax(HistoryRing::DefaultCapacity, int(summaries.size())));
    for (const SampleSummary &summary : summaries)
        m_history.append(summary);
    m_history.addOwnerLabels(labels);
    m_markers = markers;
}

void WindowState::setReplayIndex(int index)
{
    m_replayIndex = qBound(0, index, m_history.size() - 1);
}

void WindowState::setSnapshot(const SnapshotPtr &snapshot)
{
    m_latest = snapshot;
    emit snapshotChanged(m_latest);
}

void WindowState::setWindowSeconds(int seconds)
{
    m_windowSeconds = seconds;
    emit historyChanged();
}

void WindowState::addMarker(qint64 timeMs, const QString &label)
{
    m_markers.push_back({timeMs, label});
    emit historyChanged();
}

void WindowState::renameMarker(int index, const QString &label)
{
    if (index < 0 || index >= int(m_markers.size()))
        return;
    m_markers[std::size_t(index)].label = label;
    emit historyChanged();
}

void WindowState::removeMarker(int index)
{
    if (index < 0 || index >= int(m_markers.size()))
        return;
    m_markers.erase(m_markers.begin() + index);
    emit historyChanged();
}

void WindowState::republish()
{
    emit snapshotChanged(m_latest);
    emit historyChanged();
}
