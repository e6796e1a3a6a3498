#include "sources/streamtabledecoder.h"

#include "recording/recordingframes.h"

StreamTableDecoder::StreamTableDecoder(QObject *parent)
    : QObject(parent)
    , m_worker(new QObject)
{
    m_thread.setObjectName(QStringLiteral("sockscope-stream-tables"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

StreamTableDecoder::~StreamTableDecoder()
{
    m_thread.quit();
    m_thread.wait();
}

void StreamTableDecoder::decode(const QByteArray &payload, const QByteArray &owners, quint16 formatVersion,
                                const SocketTableQuery &query, quint64 ticket)
{
    // The lambdas run in the worker's thread; `this` outlives them (the destructor waits), and a
    // result posted while `this` is being destroyed is dropped with its event.
    QMetaObject::invokeMethod(
        m_worker,
        [this, payload, owners, formatVersion, query, ticket] {
            QString error;
            SnapshotPtr snapshot = RecordingFrames::decodeSnapshot(payload, &error, formatVersion, owners);
            if (!snapshot) {
                QMetaObject::invokeMethod(
                    this, [this, ticket, error] { emit failed(ticket, error); }, Qt::QueuedConnection);
                return;
            }
            SocketTableRowsPtr rows = SocketTableRows::build(snapshot, query);
            QMetaObject::invokeMethod(
                this, [this, ticket, snapshot, rows] { emit decoded(ticket, snapshot, rows); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void StreamTableDecoder::rebuild(const SnapshotPtr &snapshot, const SocketTableQuery &query, quint64 ticket)
{
    QMetaObject::invokeMethod(
        m_worker,
        [this, snapshot, query, ticket] {
            SocketTableRowsPtr rows = SocketTableRows::build(snapshot, query);
            QMetaObject::invokeMethod(
                this, [this, ticket, rows] { emit rebuilt(ticket, rows); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}
