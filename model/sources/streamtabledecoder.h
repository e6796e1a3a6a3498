#pragma once

#include "core/snapshot/snapshot.h"
#include "table/sockettablerows.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QThread>

// Decodes a stream's socket tables and sorts their rows in a thread of its own. A table of
// 262,144 sockets takes tens of milliseconds to inflate, decode, aggregate and sort — more than
// the 16 ms a refresh of the window may take — so, as a local sample is collected and sorted in
// the sampler's thread, a streamed one is decoded here and handed over finished and immutable.
// Results come back as queued signals in the owner's thread, in the order they were asked for.
class StreamTableDecoder : public QObject
{
    Q_OBJECT

public:
    explicit StreamTableDecoder(QObject *parent = nullptr);
    // Waits for the job in hand (at most one table's decoding), so no result outlives us.
    ~StreamTableDecoder() override;

    // A SNAPSHOT frame's payload (its sizes already checked by FrameReader); `ticket`
    // comes back with the result so the owner can drop results it no longer wants.
    // `owners`: the OWNERS frame that came before it (may be empty).
    void decode(const QByteArray &payload, const QByteArray &owners, quint16 formatVersion, const SocketTableQuery &query,
                quint64 ticket);
    // The rows of an already decoded snapshot, for a new filter or sort order.
    void rebuild(const SnapshotPtr &snapshot, const SocketTableQuery &query, quint64 ticket);

signals:
    void decoded(quint64 ticket, const SnapshotPtr &snapshot, const SocketTableRowsPtr &rows);
    void rebuilt(quint64 ticket, const SocketTableRowsPtr &rows);
    void failed(quint64 ticket, const QString &error);

private:
    QThread m_thread;
    QObject *m_worker; // lives in m_thread; jobs are queued calls on it
};
