#include "filesource.h"

#include "networknamespace.h"
#include "untrustedtext.h"

#include <QFileInfo>

FileSource::FileSource(RecordingPtr recording, QObject *parent)
    : Source(parent)
    , m_recording(std::move(recording))
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
    Place place;
    place.host = m_recording->host();
    place.kernel = m_recording->kernel();
    const QJsonObject netns = m_recording->header.value(QLatin1String("netns")).toObject();
    const QString recorded = netns.value(QLatin1String("label")).toString();
    place.namespaceName = UntrustedText::plain(recorded);
    place.namespaceId = UntrustedText::plain(netns.value(QLatin1String("id")).toString());
    // A recording of the recorder's own namespace says "current" in the language it was made
    // in: say it in the window's.
    if (recorded == QLatin1String("current") || recorded == NetworkNamespace::tr("current"))
        place.namespaceName = tr("current");
    return place;
}

QString FileSource::sysctlNote() const
{
    return tr("A replay shows a recording; it changes nothing on this machine.");
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
