#include "sources/filesource.h"

#include "bridge/untrustedtext.h"

#include <QFileInfo>

FileSource::FileSource(RecordingPtr recording, QObject *parent)
    : Source(parent)
    , m_recording(std::move(recording))
    , m_sysctlChanger(new ReadOnlySysctlChanger(tr("A replay shows a recording; it changes nothing on this machine."), this))
{
}

Source::Capabilities FileSource::capabilities() const
{
    Capabilities capabilities;
    capabilities.canSeek = true;
    return capabilities;
}

QString FileSource::label() const
{
    return UntrustedText::plain(QFileInfo(m_recording->path).fileName());
}

Source::Place FileSource::place() const
{
    return placeFromHeader(m_recording->header);
}

void FileSource::start(int intervalMs)
{
    Q_UNUSED(intervalMs);
    setState(State::Ended); // everything is there from the start
}

SnapshotPtr FileSource::snapshotAt(qint64 timeMs, bool *changed, QString *error)
{
    *changed = false;
    if (m_recording->snapshots.empty()) {
        *error = QString();
        return nullptr;
    }
    // Decoded only when the slider reaches another table: a few megabytes each.
    const std::size_t index = m_recording->snapshotIndexAt(timeMs);
    if (index != m_snapshotIndex) {
        SnapshotPtr snapshot = m_recording->loadSnapshot(index, error);
        if (!snapshot)
            return m_snapshot;
        m_snapshotIndex = index;
        m_snapshot = snapshot;
        *changed = true;
    }
    return m_snapshot;
}
