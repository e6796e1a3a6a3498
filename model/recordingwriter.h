#pragma once

#include "samplesummary.h"
#include "snapshot.h"

#include <QCoreApplication>
#include <QFile>
#include <QString>

// Appends samples, socket tables and markers to a recording. Each frame is written whole and
// flushed, so a recording stopped at any moment (Ctrl+C, a crash) reads back up to its last
// frame.
class RecordingWriter
{
    Q_DECLARE_TR_FUNCTIONS(RecordingWriter)

public:
    struct Header
    {
        QString namespaceLabel;
        QString namespaceId;
        int intervalMs = 1000;
        quint32 stateMask = AllTcpStatesMask;
    };

    bool open(const QString &path, const Header &header, QString *error);
    // Starts a recording with a header as received (a stream saved by keeping its bytes).
    bool openWithHeader(const QString &path, const QByteArray &header, QString *error);
    bool isOpen() const { return m_file.isOpen(); }
    bool writeSummary(const SampleSummary &summary);
    bool writeSnapshot(const Snapshot &snapshot);
    bool writeMarker(qint64 timeMs, const QString &label);
    // A frame of any type with its payload as received, counted as writeSummary and
    // writeSnapshot count theirs.
    bool appendFrame(quint8 type, const QByteArray &payload);
    // Writes the END frame, syncs and closes.
    bool close();

    QString path() const { return m_file.fileName(); }
    QString error() const { return m_error; }
    qint64 bytesWritten() const { return m_bytes; }
    int samples() const { return m_samples; }
    int snapshots() const { return m_snapshots; }
    qint64 snapshotBytes() const { return m_snapshotBytes; }

private:
    bool writeFrame(quint8 type, const QByteArray &payload);
    static QByteArray frameBytes(quint8 type, const QByteArray &payload);

    QFile m_file;
    QString m_error;
    qint64 m_bytes = 0;
    qint64 m_snapshotBytes = 0;
    int m_samples = 0;
    int m_snapshots = 0;
};
