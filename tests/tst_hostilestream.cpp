#include "hostilebytes.h"
#include "netnstestmain.h"
#include "core/stream/framedecoder.h"
#include "bridge/qtstd.h"
#include "core/stream/recordingformat.h"
#include "recording/recordingframes.h"
#include "socketpopulation.h"
#include "sources/streamsource.h"

#include <QCoreApplication>
#include <QtEndian>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <map>

#include <sys/socket.h>

namespace {
// A subclass that keeps frames of a type it reads (as the lab keeps its LAB frames).
class KeepingSource : public StreamSource
{
public:
    using StreamSource::StreamSource;
    static constexpr quint8 KeptType = 99;

protected:
    void other(const FrameDecoder::Frame &frame) override
    {
        if (frame.type == KeptType)
            keepFrame(frame.type, QByteArray::fromStdString(frame.payload));
    }
};

QByteArray littleEndian32(quint32 value)
{
    QByteArray bytes(4, '\0');
    qToLittleEndian<quint32>(value, bytes.data());
    return bytes;
}
}

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

    // What Record writes of what `source` keeps: frames by type, and their payloads' bytes.
    struct Kept
    {
        std::map<quint8, int> frames;
        qint64 bytes = 0;
    };
    Kept recorded(StreamSource &source, const QString &name)
    {
        const QString path = m_dir.filePath(name);
        source.startRecording(path);
        source.stopRecording();
        Kept kept;
        FrameDecoder written;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return kept;
        written.feed(file.readAll().toStdString());
        written.finish();
        for (FrameDecoder::Status s; (s = written.next()) == FrameDecoder::Status::Header || s == FrameDecoder::Status::Frame;) {
            if (s == FrameDecoder::Status::Frame) {
                ++kept.frames[written.frame().type];
                kept.bytes += written.frame().payload.size();
            }
        }
        return kept;
    }

    // The real agent's SNAPSHOT frame with its JSON grown by a "pad" member of `padBytes` and its
    // table replaced by `table` (when given): what a compromised server could send.
    QByteArray snapshotPayload(qsizetype padBytes, const QByteArray &table = QByteArray()) const
    {
        const QByteArray payload = m_table.mid(RecordingFormat::FrameHeaderSize);
        const quint32 jsonSize = qFromLittleEndian<quint32>(payload.constData());
        QByteArray json = payload.mid(4, jsonSize);
        if (padBytes > 0)
            json = "{\"pad\":\"" + QByteArray(padBytes, 'x') + "\"," + json.mid(1);
        return littleEndian32(quint32(json.size())) + json + (table.isEmpty() ? payload.mid(4 + jsonSize) : table);
    }

    // The source's end after a stream whose table is refused: why, and that no table was decoded.
    static QString refusal(StreamSource &source)
    {
        source.setBackoff(60000, 60000);
        source.start(1000);
        if (!QTest::qWaitFor([&] { return !source.warnings().isEmpty(); }, 20000))
            return QString();
        QTest::qWait(200); // a table wrongly handed to the decoder would be back by now
        source.stop();
        return source.latestSnapshot() ? QStringLiteral("decoded") : source.warnings().constFirst();
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
        FrameDecoder decoder;
        decoder.feed(agent.readAllStandardOutput().toStdString());
        decoder.finish();
        for (;;) {
            const FrameDecoder::Status status = decoder.next();
            if (status == FrameDecoder::Status::Header)
                m_header = QByteArray::fromStdString(decoder.headerBytes());
            else if (status != FrameDecoder::Status::Frame)
                break;
            else if (decoder.frame().type == RecordingFormat::Summary)
                m_summary = HostileBytes::frame(RecordingFormat::Summary, QByteArray::fromStdString(decoder.frame().payload));
            else if (decoder.frame().type == RecordingFormat::Snapshot)
                m_table = HostileBytes::frame(RecordingFormat::Snapshot, QByteArray::fromStdString(decoder.frame().payload));
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
        const QString last =
            served(m_summary + HostileBytes::frame(RecordingFormat::End, QByteArray(4, '\0')), QStringLiteral("last.rec"));
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
        QCOMPARE(std::size_t(recorded(source, QStringLiteral("kept.rec")).frames[RecordingFormat::Summary]), kept);
    }

    // SUMMARY OWNERS frames of 1 MiB that cannot be decoded, and never a SUMMARY (the review's
    // "sowflood"): none is kept, so memory does not grow with them; a SUMMARY after them comes
    // without owners, and only a SUMMARY OWNERS that decodes is kept with the SUMMARY after it.
    void summaryOwnersFloodIsNotKept()
    {
        const QByteArray garbage = HostileBytes::frame(RecordingFormat::SummaryOwners, QByteArray(1 << 20, '\xff'));
        QByteArray bytes = m_header;
        for (int i = 0; i < 40; ++i)
            bytes += garbage;
        bytes += m_summary + garbage;
        bytes += HostileBytes::frame(RecordingFormat::End, QByteArray(4, '\0'));
        StreamSource source(cat(served(bytes, QStringLiteral("owners.rec"))), QStringLiteral("hostile"));
        source.start(1000);
        QTRY_COMPARE_WITH_TIMEOUT(source.state(), Source::State::Ended, 30000);
        QVERIFY(source.warnings().isEmpty());
        QCOMPARE(source.history().size(), std::size_t(1));
        QVERIFY2(source.keptBytes() < 4096, qPrintable(QString::number(source.keptBytes())));
        Kept kept = recorded(source, QStringLiteral("owners-kept.rec"));
        QCOMPARE(kept.frames[RecordingFormat::Summary], 1);
        QCOMPARE(kept.frames.count(RecordingFormat::SummaryOwners), std::size_t(0));
        QVERIFY2(kept.bytes < 65536, qPrintable(QString::number(kept.bytes)));
    }

    // Frames a source keeps (as the lab keeps LAB frames), 1 MiB each and more of them than
    // StreamSource::MaximumKeptBytes: the oldest go, with the summaries among them.
    void keptFramesAreBoundedInBytes()
    {
        QByteArray bytes = m_header + m_summary;
        const int sent = int(StreamSource::MaximumKeptBytes >> 20) + 8;
        for (int i = 0; i < sent; ++i)
            bytes += HostileBytes::frame(KeepingSource::KeptType, QByteArray(1 << 20, char(i)));
        bytes += m_summary + HostileBytes::frame(RecordingFormat::End, QByteArray(4, '\0'));
        KeepingSource source(cat(served(bytes, QStringLiteral("other.rec"))), QStringLiteral("hostile"));
        source.start(1000);
        QTRY_COMPARE_WITH_TIMEOUT(source.state(), Source::State::Ended, 30000);
        QVERIFY2(source.keptBytes() <= StreamSource::MaximumKeptBytes, qPrintable(QString::number(source.keptBytes())));
        Kept kept = recorded(source, QStringLiteral("other-kept.rec"));
        QVERIFY2(kept.bytes <= StreamSource::MaximumKeptBytes, qPrintable(QString::number(kept.bytes)));
        QVERIFY(kept.frames[KeepingSource::KeptType] < sent);
        // The newest are kept, the history goes with what was dropped: the last summary only.
        QCOMPARE(kept.frames[RecordingFormat::Summary], 1);
        QCOMPARE(source.history().size(), std::size_t(1));
    }

    // A table whose JSON takes 2 MiB (real ones take ~4 KB) is refused before it is parsed,
    // with its size said; and a recording's frame with 120 MiB of JSON is refused the same way.
    void bigSnapshotJsonIsRefusedUnread()
    {
        const QByteArray big = snapshotPayload(2 << 20);
        const QByteArray bytes = m_header + m_summary + HostileBytes::frame(RecordingFormat::Snapshot, big) + m_summary;
        StreamSource source(cat(served(bytes, QStringLiteral("bigjson.rec"))), QStringLiteral("hostile"));
        const QString why = refusal(source);
        QVERIFY2(why.contains(QStringLiteral("at byte %1 has a description of %2 KiB")
                                  .arg(m_header.size() + m_summary.size())
                                  .arg(qFromLittleEndian<quint32>(big.constData()) / 1024)),
                 qPrintable(why));
        qint64 timeMs = 0;
        QVERIFY(RecordingFrames::inspectSnapshot(byteView(snapshotPayload(0)), &timeMs));
        QVERIFY(!RecordingFrames::inspectSnapshot(byteView(snapshotPayload(120 << 20)), &timeMs));
    }

    // A table of more rows than a stream may send is refused before it is inflated.
    void tableOverStreamRowsIsRefused()
    {
        const quint32 rows = StreamSource::MaximumStreamTableRows + 1;
        // Rows of zeros, with at least one compressed byte a row (what the table check asks).
        QByteArray table = HostileBytes::zeroTable(rows, quint64(rows) * RecordingFormat::MinimumRowBytes + 16,
                                                   rows * RecordingFormat::MinimumRowBytes + 16);
        table += QByteArray(qsizetype(rows), 'x');
        const QByteArray bytes = m_header + m_summary + HostileBytes::frame(RecordingFormat::Snapshot, snapshotPayload(0, table));
        StreamSource source(cat(served(bytes, QStringLiteral("rows.rec"))), QStringLiteral("hostile"));
        const QString why = refusal(source);
        QVERIFY2(why.contains(
                     QStringLiteral("holds %1 rows (at most %2 are read)").arg(rows).arg(StreamSource::MaximumStreamTableRows)),
                 qPrintable(why));
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
        FrameDecoder decoder;
        decoder.setMaximumFrame(StreamSource::MaximumStreamFrame);
        QByteArray frameHeader(9, '\0');
        frameHeader[0] = char(RecordingFormat::Snapshot);
        qToLittleEndian<quint32>(declared, frameHeader.data() + 1);
        decoder.feed(QByteArray(m_header + frameHeader).toStdString());
        QCOMPARE(decoder.next(), FrameDecoder::Status::Header);
        QCOMPARE(decoder.next(), FrameDecoder::Status::Failed);
        QCOMPARE(decoder.failure(), FrameDecoder::Failure::TooLarge);
        QCOMPARE(decoder.goodBytes(), qint64(m_header.size()));
        // Through StreamSource, while the server keeps sending zeros (which would otherwise be
        // read and buffered up to the declared size, then fail the checksum).
        StreamSource source(
            cat(served(m_header + m_summary + frameHeader, QStringLiteral("huge.rec")), QStringLiteral("/dev/zero")),
            QStringLiteral("hostile"));
        source.setBackoff(60000, 60000);
        source.start(1000);
        QTRY_VERIFY_WITH_TIMEOUT(!source.warnings().isEmpty(), 10000);
        // Said as what it is (it used to read "stopped inside a frame"): a frame declaring too much.
        QVERIFY2(
            source.warnings().constFirst().contains(QStringLiteral("The frame at byte %1 declares %2 bytes (at most %3 are read)")
                                                        .arg(m_header.size() + m_summary.size())
                                                        .arg(declared)
                                                        .arg(StreamSource::MaximumStreamFrame)),
            qPrintable(source.warnings().constFirst()));
        QCOMPARE(source.history().size(), std::size_t(1));
        source.stop();
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestHostileStream, QCoreApplication)

#include "tst_hostilestream.moc"
