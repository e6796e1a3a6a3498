#include "hostilebytes.h"
#include "netnstestmain.h"
#include "recordingdecoder.h"
#include "recordingformat.h"
#include "socketpopulation.h"
#include "streamsource.h"

#include <QCoreApplication>
#include <QtEndian>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>

// A hostile agent (the server may be compromised) floods StreamSource with valid frames: the
// window keeps fixed memory and does not queue every table for decoding. The frames are the
// real agent's, repeated; `cat` of a file plays the server.
class TestHostileStream : public QObject
{
    Q_OBJECT

    std::unique_ptr<SocketPopulation> m_population;
    QTemporaryDir m_dir;
    QByteArray m_header;
    QByteArray m_summary; // one whole SUMMARY frame
    QByteArray m_table; // one whole SNAPSHOT frame

    QString served(const QByteArray &bytes, const QString &name)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return QString();
        return path;
    }

    // A server that sends `first` at once, then after a pause `then`.
    static StreamSource::ProcessFactory cat(const QString &first, const QString &then = QStringLiteral("/dev/null"))
    {
        return [first, then] {
            auto process = new QProcess;
            process->setProgram(QStringLiteral("sh"));
            process->setArguments({"-c", "cat \"$1\"; sleep 0.3; cat \"$2\"", "sh", first, then});
            return process;
        };
    }

private slots:
    void initTestCase()
    {
        m_population = std::make_unique<SocketPopulation>();
        const SocketPopulation::Endpoint v4 {AF_INET, "127.0.0.1", 7002};
        QVERIFY(m_population->listen(v4));
        QVERIFY(m_population->closedConnections(v4, 5, SocketPopulation::CloseOrder::ServerFirst));
        QProcess agent;
        agent.start(SOCKSCOPE_AGENT, {"--stream", "--samples", "1"});
        QVERIFY(agent.waitForFinished(30000));
        RecordingDecoder decoder;
        decoder.feed(agent.readAllStandardOutput());
        decoder.finish();
        for (;;) {
            const RecordingDecoder::Status status = decoder.next();
            if (status == RecordingDecoder::Status::Header)
                m_header = decoder.headerBytes();
            else if (status != RecordingDecoder::Status::Frame)
                break;
            else if (decoder.frame().type == RecordingFormat::Summary)
                m_summary = HostileBytes::frame(RecordingFormat::Summary, decoder.frame().payload);
            else if (decoder.frame().type == RecordingFormat::Snapshot)
                m_table = HostileBytes::frame(RecordingFormat::Snapshot, decoder.frame().payload);
        }
        QVERIFY(!m_header.isEmpty() && !m_summary.isEmpty() && !m_table.isEmpty());
    }

    // Many more summaries than the window's history holds, at once: only the newest
    // MaximumKeptSamples are kept, and only a burst and a few a second reach the window.
    void summaryFloodIsBounded()
    {
        const int sent = int(StreamSource::MaximumKeptSamples) * 2 + 6; // and one more after a pause
        QByteArray bytes = m_header;
        bytes.reserve(bytes.size() + sent * m_summary.size());
        for (int i = 0; i < sent; ++i)
            bytes += m_summary;
        const QString flood = served(bytes, QStringLiteral("flood.rec"));
        const QString last = served(m_summary + HostileBytes::frame(RecordingFormat::End, QByteArray(4, '\0')),
                                    QStringLiteral("last.rec"));
        StreamSource source(cat(flood, last), QStringLiteral("hostile"));
        int delivered = 0, skipped = 0;
        bool gapShown = false;
        connect(&source, &Source::sampleReady, this, [&](const SamplePtr &sample) {
            ++delivered;
            skipped += sample->skippedBefore;
            gapShown = gapShown || (sample->skippedBefore > 0 && sample->summary.gapBefore);
        });
        QElapsedTimer elapsed;
        elapsed.start();
        source.start(1000);
        QTRY_COMPARE_WITH_TIMEOUT(source.state(), Source::State::Ended, 30000);
        // The window repaints for each sample delivered: a flood reaches it at a bounded rate.
        const qint64 bound = StreamSource::SampleBurst + elapsed.elapsed() * StreamSource::MaximumSamplesPerSecond / 1000 + 1;
        QVERIFY2(delivered >= StreamSource::SampleBurst && delivered <= bound,
                 qPrintable(QStringLiteral("%1 of %2").arg(delivered).arg(sent)));
        QVERIFY(skipped > 0 && gapShown);
        const std::size_t kept = source.history().size(); // trimmed an eighth at a time
        QVERIFY(kept >= StreamSource::MaximumKeptSamples && kept <= StreamSource::MaximumKeptSamples * 9 / 8);
        // What Record writes first is bounded the same way: the newest samples.
        const QString path = m_dir.filePath(QStringLiteral("kept.rec"));
        source.startRecording(path);
        source.stopRecording();
        RecordingDecoder written;
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        written.feed(file.readAll());
        written.finish();
        std::size_t summaries = 0;
        for (RecordingDecoder::Status s; (s = written.next()) == RecordingDecoder::Status::Header
             || s == RecordingDecoder::Status::Frame;)
            if (s == RecordingDecoder::Status::Frame && written.frame().type == RecordingFormat::Summary)
                ++summaries;
        QCOMPARE(summaries, kept);
    }

    // Tables arriving faster than they decode are not all queued: the newest waits, the rest are
    // skipped, and the table shown is the last one sent.
    void tableFloodIsCoalesced()
    {
        const int sent = 300;
        QByteArray bytes = m_header + m_summary;
        for (int i = 0; i < sent; ++i)
            bytes += m_table;
        bytes += m_summary;
        bytes += HostileBytes::frame(RecordingFormat::End, QByteArray(4, '\0'));
        StreamSource source(cat(served(bytes, QStringLiteral("tables.rec"))), QStringLiteral("hostile"));
        QSignalSpy tables(&source, &Source::tableReady);
        source.start(1000);
        QTRY_COMPARE_WITH_TIMEOUT(source.state(), Source::State::Ended, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(source.latestSnapshot() && !tables.isEmpty(), 10000);
        QTest::qWait(100); // the last table asked for, if still in the worker's hands
        QVERIFY2(tables.size() < sent / 4, qPrintable(QString::number(tables.size())));
        QCOMPARE(int(source.latestSnapshot()->sockets.size()), 6); // LISTEN 1, TIME-WAIT 5
    }

    // A frame header declaring 200 MiB ends the connection at once: nothing of it is buffered
    // (a file may declare up to 1 GiB; a stream is held to StreamSource::MaximumStreamFrame).
    void hugeDeclaredFrameIsRefusedAtOnce()
    {
        const quint32 declared = 200u * 1024 * 1024;
        QVERIFY(declared > StreamSource::MaximumStreamFrame);
        RecordingDecoder decoder;
        decoder.setMaximumFrame(StreamSource::MaximumStreamFrame);
        QByteArray frameHeader(9, '\0');
        frameHeader[0] = char(RecordingFormat::Snapshot);
        qToLittleEndian<quint32>(declared, frameHeader.data() + 1);
        decoder.feed(m_header + frameHeader);
        QCOMPARE(decoder.next(), RecordingDecoder::Status::Header);
        QCOMPARE(decoder.next(), RecordingDecoder::Status::Failed);
        QCOMPARE(decoder.goodBytes(), qint64(m_header.size()));
        // Through StreamSource, while the server keeps sending zeros (which would otherwise be
        // read and buffered up to the declared size, then fail the checksum).
        StreamSource source(cat(served(m_header + m_summary + frameHeader, QStringLiteral("huge.rec")), QStringLiteral("/dev/zero")),
                            QStringLiteral("hostile"));
        source.setBackoff(60000, 60000);
        source.start(1000);
        QTRY_VERIFY_WITH_TIMEOUT(!source.warnings().isEmpty(), 10000);
        QVERIFY2(source.warnings().constFirst().contains(QStringLiteral("stopped inside a frame at byte %1")
                                                             .arg(m_header.size() + m_summary.size())),
                 qPrintable(source.warnings().constFirst()));
        QCOMPARE(source.history().size(), std::size_t(1));
        source.stop();
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestHostileStream, QCoreApplication)

#include "tst_hostilestream.moc"
