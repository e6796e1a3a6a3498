#pragma once

#include <QCoreApplication>
#include <QFile>
#include <QString>

// Saves a stream as a recording by keeping its bytes: the header received first, then the
// frames exactly as they arrived (framing and checksums intact), then an END frame. What
// Recording::read opens is byte for byte what the agent sent.
class StreamRecorder
{
    Q_DECLARE_TR_FUNCTIONS(StreamRecorder)

public:
    // `header`: the stream's header bytes; `earlier`: whole frames received before (the
    // session's summaries and markers, and its latest socket table), written first.
    bool open(const QString &path, const QByteArray &header, const QByteArray &earlier, int earlierSamples,
              int earlierTables, QString *error);
    bool isOpen() const { return m_file.isOpen(); }
    bool append(quint8 type, const QByteArray &frame);
    bool close();

    QString path() const { return m_file.fileName(); }
    QString error() const { return m_error; }
    qint64 bytesWritten() const { return m_bytes; }
    int samples() const { return m_samples; }
    int tables() const { return m_tables; }

private:
    bool write(const QByteArray &bytes);

    QFile m_file;
    QString m_error;
    qint64 m_bytes = 0;
    int m_samples = 0;
    int m_tables = 0;
};
