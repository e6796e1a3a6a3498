#include "core/stream/bytewriter.h"
#include "wording/coremessagetext.h"
#include "core/stream/crc32.h"
#include "core/stream/framereader.h"
#include "hostilebytes.h"
#include "lab/labsource.h"
#include "netnstestmain.h"
#include "bridge/qtstd.h"
#include "recording/recording.h"
#include "core/stream/recordingformat.h"
#include "core/stream/recordingwriter.h"
#include "core/snapshot/samplesummary.h"
#include "core/snapshot/snapshotcollector.h"
#include "socketpopulation.h"
#include "sources/streamsource.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <sys/socket.h>

#include <cstring>
#include <vector>

namespace {
// Everything the one reader delivers, in order, as text: two readings of the same bytes must
// give the same transcript however the bytes were cut into pieces.
class Transcript : public FrameVisitor
{
public:
    QStringList lines;
    int summaries = 0;
    std::size_t markers = 0;

    void header(const FrameDecoder &decoder) override { lines << QStringLiteral("header %1").arg(decoder.version()); }
    void summary(const SampleSummary &summary, const OwnerLabels &labels, const FrameDecoder::Frame &frame,
                 const std::string *owners) override
    {
        ++summaries;
        lines << QStringLiteral("summary %1 at %2, %3 owner labels%4")
                     .arg(summary.timeMs)
                     .arg(frame.offset)
                     .arg(labels.size())
                     .arg(owners ? QStringLiteral(", owners") : QString());
    }
    bool table(const TableFrame &table) override
    {
        lines << QStringLiteral("table at %1: %2 rows, %3 bytes of JSON, %4 bytes of owners")
                     .arg(table.frame.offset)
                     .arg(table.rows)
                     .arg(table.jsonBytes)
                     .arg(table.owners.size());
        return true;
    }
    void marker(const MarkerFrame &marker) override
    {
        ++markers;
        lines << QStringLiteral("marker %1 (%2 bytes)").arg(marker.timeMs).arg(marker.label.size());
    }
    void error(const ErrorFrame &error) override { lines << QStringLiteral("error ") + CoreMessageText::text(error.message); }
    void lab(const FrameDecoder::Frame &frame) override { lines << QStringLiteral("lab at %1").arg(frame.offset); }
    void other(const FrameDecoder::Frame &frame) override
    {
        lines << QStringLiteral("type %1 at %2").arg(frame.type).arg(frame.offset);
    }
    void end() override { lines << QStringLiteral("end"); }
    void notice(const CoreMessage &message) override { lines << CoreMessageText::text(message); }
    void damage(const FrameDamage &damage) override
    {
        lines << QStringLiteral("damage %1 at %2: %3")
                     .arg(int(damage.failure))
                     .arg(damage.offset)
                     .arg(CoreMessageText::text(damage.message));
    }
};
}

// One set of recorded and crafted recordings read by the three readers of the format: file
// replay (Recording::read), the remote stream (StreamSource, the bytes served by `cat`) and the
// training lab (LabSource, its agent a script that serves the same bytes). Each must give the
// same samples, markers and table, and the same damage message where there is damage.
class TestFrameFixtures : public QObject
{
    Q_OBJECT

    struct Frame
    {
        quint8 type = 0;
        qsizetype offset = 0; // of the frame header in the file
        QByteArray whole; // header and payload
        QByteArray payload() const { return whole.mid(RecordingFormat::FrameHeaderSize); }
    };

    // What a reader made of a fixture.
    struct Outcome
    {
        int summaries = 0;
        int markers = 0;
        int tableRows = -1; // the last socket table's, -1 when none could be shown
        QStringList warnings;
    };

    // How a damage message names a limit: the reader's own (a file may declare more than a stream).
    enum Limit { NoLimit, FrameLimit, RowLimit };

    std::unique_ptr<SocketPopulation> m_population;
    QTemporaryDir m_dir;
    QByteArray m_recording; // header, SUMMARY OWNERS, SUMMARY, OWNERS, SNAPSHOT, MARKER, SUMMARY..., END
    QByteArray m_header;
    std::vector<Frame> m_frames;
    int m_tableRows = 0;
    int m_fixtureCount = 0;

    const Frame &first(quint8 type, int skip = 0) const
    {
        for (const Frame &frame : m_frames) {
            if (frame.type == type && skip-- == 0)
                return frame;
        }
        qFatal("the recording has no frame of type %d", type);
    }

    // The header and every frame up to and including the first SUMMARY (with its SUMMARY OWNERS).
    QByteArray firstSample() const
    {
        const Frame &summary = first(RecordingFormat::Summary);
        return m_recording.left(summary.offset + summary.whole.size());
    }

    static QByteArray end() { return HostileBytes::frame(RecordingFormat::End, QByteArray(4, '\0')); }

    QString write(const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(QStringLiteral("fixture-%1.rec").arg(++m_fixtureCount));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    static Outcome fromFile(const QString &path)
    {
        Outcome outcome;
        Recording recording;
        QString error;
        if (!recording.read(path, &error)) {
            outcome.warnings << error;
            return outcome;
        }
        outcome.summaries = int(recording.summaries.size());
        outcome.markers = int(recording.markers.size());
        outcome.warnings = recording.warnings;
        if (!recording.snapshots.empty()) {
            const SnapshotPtr table = recording.loadSnapshot(recording.snapshots.size() - 1, &error);
            outcome.tableRows = table ? int(table->sockets.size()) : -1;
        }
        return outcome;
    }

    static Outcome fromSource(StreamSource &source, bool tableExpected)
    {
        Outcome outcome;
        source.setBackoff(60000, 60000);
        source.start(1000);
        const bool over = QTest::qWaitFor(
            [&] {
                const Source::State state = source.state();
                return state == Source::State::Ended || state == Source::State::Lost || state == Source::State::Reconnecting;
            },
            20000);
        if (!over)
            outcome.warnings << QStringLiteral("the stream did not end");
        // Tables are decoded in a thread of their own; one that is refused never comes.
        if (tableExpected)
            (void)QTest::qWaitFor([&] { return bool(source.latestSnapshot()); }, 10000);
        else
            QTest::qWait(100);
        outcome.summaries = int(source.history().size());
        outcome.markers = int(source.markers().size());
        outcome.warnings += source.warnings();
        if (source.latestSnapshot())
            outcome.tableRows = int(source.latestSnapshot()->sockets.size());
        source.stop();
        return outcome;
    }

    static StreamSource::ProcessFactory cat(const QString &path)
    {
        return [path] {
            auto process = new QProcess;
            process->setProgram(QStringLiteral("cat"));
            process->setArguments({path});
            return process;
        };
    }

    // A lab agent that serves `path` whatever it is asked (it is started with --lab --stream ...).
    QString labAgent(const QString &path)
    {
        const QString script = m_dir.filePath(QStringLiteral("lab-agent-%1.sh").arg(m_fixtureCount));
        QFile file(script);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(script));
        file.write("#!/bin/sh\nexec cat '" + path.toUtf8() + "'\n");
        file.close();
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        return script;
    }

    static void fixChecksums(QByteArray &frames)
    {
        for (qsizetype offset = 0; offset + RecordingFormat::FrameHeaderSize <= frames.size();) {
            const quint32 length = qFromLittleEndian<quint32>(frames.constData() + offset + 1);
            if (quint64(offset) + RecordingFormat::FrameHeaderSize + length > quint64(frames.size()))
                break;
            const QByteArray payload = frames.mid(offset + RecordingFormat::FrameHeaderSize, qsizetype(length));
            qToLittleEndian<quint32>(Crc32::of(byteView(payload)), frames.data() + offset + 5);
            offset += RecordingFormat::FrameHeaderSize + qsizetype(length);
        }
    }

    static QString damage(const QString &expected, Limit limit, bool file)
    {
        switch (limit) {
        case FrameLimit: return expected.arg(file ? RecordingFormat::MaximumFrame : StreamSource::MaximumStreamFrame);
        case RowLimit: return expected.arg(file ? RecordingFormat::MaximumTableRows : StreamSource::MaximumStreamTableRows);
        case NoLimit: break;
        }
        return expected;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // A real population in this test's own namespace: a listener, 4 TIME-WAIT, 3 established pairs.
        m_population = std::make_unique<SocketPopulation>();
        const SocketPopulation::Endpoint v4 {AF_INET, "127.0.0.1", 7031};
        QVERIFY(m_population->listen(v4));
        QVERIFY(m_population->closedConnections(v4, 4, SocketPopulation::CloseOrder::ServerFirst));
        QVERIFY(m_population->establishedPairs(v4, 3));

        const QString path = m_dir.filePath(QStringLiteral("recorded.rec"));
        RecordingWriter writer;
        CoreMessage error;
        QVERIFY(writer.open(path.toStdString(), {}, &error));
        SnapshotCollector collector({});
        SampleSummarizer summarizer;
        for (int i = 0; i < 2; ++i) {
            const std::shared_ptr<Snapshot> snapshot = collector.collect(&error);
            QVERIFY(snapshot);
            OwnerLabels labels;
            const SampleSummary summary = summarizer.summarize(*snapshot, &labels);
            QVERIFY(writer.writeSummary(summary, labels));
            if (i == 0) {
                QVERIFY(writer.writeSnapshot(*snapshot));
                QVERIFY(writer.writeMarker(snapshot->wallTimeMs, "deploy"));
                m_tableRows = int(snapshot->sockets.size());
            }
        }
        QVERIFY(writer.close());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        m_recording = file.readAll();
        const quint32 headerSize = qFromLittleEndian<quint32>(m_recording.constData() + RecordingFormat::MagicSize + 2);
        m_header = m_recording.left(RecordingFormat::MagicSize + 6 + qsizetype(headerSize));
        for (qsizetype offset = m_header.size(); offset < m_recording.size();) {
            const quint32 length = qFromLittleEndian<quint32>(m_recording.constData() + offset + 1);
            const qsizetype size = RecordingFormat::FrameHeaderSize + qsizetype(length);
            m_frames.push_back({quint8(m_recording.at(offset)), offset, m_recording.mid(offset, size)});
            offset += size;
        }
        QCOMPARE(m_tableRows, 1 + 4 + 3 * 2);
        // The agent's sequence: owners looked up, so SUMMARY OWNERS before each SUMMARY and OWNERS before the table.
        QList<int> types;
        for (const Frame &frame : m_frames)
            types << frame.type;
        QCOMPARE(types, (QList<int> {8, 1, 7, 2, 3, 8, 1, 4}));
    }

    void sameOutcomeOnEveryPath_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("summaries");
        QTest::addColumn<int>("markers");
        QTest::addColumn<int>("tableRows");
        QTest::addColumn<QString>("damage"); // empty: no warning at all
        QTest::addColumn<int>("limit");

        const Frame &secondSummary = first(RecordingFormat::Summary, 1);
        const QString at = QString::number(secondSummary.offset);
        QTest::newRow("recorded") << m_recording << 2 << 1 << m_tableRows << QString() << int(NoLimit);
        {
            QFile v1(QStringLiteral(FIXTURES_DIR "/recording-v1.rec"));
            QVERIFY(v1.open(QIODevice::ReadOnly));
            QTest::newRow("version 1 fixture") << v1.readAll() << 2 << 0 << 11 << QString() << int(NoLimit);
        }
        QTest::newRow("truncated frame") << m_recording.left(secondSummary.offset + 12) << 1 << 1 << m_tableRows
                                         << QStringLiteral("The frame at byte %1 is cut short (begun but not finished).").arg(at)
                                         << int(NoLimit);
        QByteArray badCrc = m_recording;
        badCrc[secondSummary.offset + RecordingFormat::FrameHeaderSize + 2] =
            char(badCrc[secondSummary.offset + RecordingFormat::FrameHeaderSize + 2] ^ 0x10);
        QTest::newRow("bad checksum") << badCrc << 1 << 1 << m_tableRows
                                      << QStringLiteral("The frame at byte %1 is damaged (its checksum does not match).").arg(at)
                                      << int(NoLimit);
        // 3.5 GiB declared, and bytes after it: a reader must not wait for (or buffer) them.
        QByteArray oversized(RecordingFormat::FrameHeaderSize, '\0');
        oversized[0] = char(RecordingFormat::Snapshot);
        qToLittleEndian<quint32>(0xe0000000u, oversized.data() + 1);
        const QByteArray start = firstSample();
        QTest::newRow("oversized length")
            << start + oversized + QByteArray(4096, 'x') << 1 << 0 << -1
            << QStringLiteral("The frame at byte %1 declares %2 bytes (at most %3 are read).").arg(start.size()).arg(0xe0000000u)
            << int(FrameLimit);
        QByteArray unknown = m_recording;
        unknown.insert(secondSummary.offset, HostileBytes::frame(99, "a later version's frame"));
        QTest::newRow("unknown frame type") << unknown << 2 << 1 << m_tableRows << QString() << int(NoLimit);

        const Frame &marker = first(RecordingFormat::Marker);
        QByteArray markers = start;
        for (int i = 0; i < int(Recording::MaximumMarkers) + 1; ++i)
            markers += marker.whole;
        QTest::newRow("too many markers")
            << markers + end() << 1 << int(Recording::MaximumMarkers) << -1
            << QStringLiteral("There are more than %1 markers; only the first %1 are shown.").arg(Recording::MaximumMarkers)
            << int(NoLimit);

        // The recorded table's JSON with a table declaring one row more than any reader reads.
        const QByteArray table = first(RecordingFormat::Snapshot).payload();
        const quint32 jsonSize = qFromLittleEndian<quint32>(table.constData());
        const quint32 rows = RecordingFormat::MaximumTableRows + 1;
        const QByteArray tooManyRows = table.left(4 + qsizetype(jsonSize)) + HostileBytes::zeroTable(rows, 64, 64);
        QTest::newRow("too many rows") << start + HostileBytes::frame(RecordingFormat::Snapshot, tooManyRows) + end() << 1 << 0
                                       << -1
                                       << QStringLiteral("The socket table at byte %1 holds %2 rows (at most %3 are read); it "
                                                         "was refused unread.")
                                              .arg(start.size())
                                              .arg(rows)
                                       << int(RowLimit);

        // Per-row owners that do not decode only lose the rows' owners: the table is shown.
        QTest::newRow("owners that do not decode")
            << start + HostileBytes::frame(RecordingFormat::Owners, QByteArray("\xff\xff\xff\xff\x01", 5))
                + first(RecordingFormat::Snapshot).whole + end()
            << 1 << 0 << m_tableRows << QString() << int(NoLimit);
        QTest::newRow("summary that does not decode")
            << start + HostileBytes::frame(RecordingFormat::Summary, "xyz") + end() << 1 << 0 << -1
            << QStringLiteral("The frame at byte %1 cannot be decoded.").arg(start.size()) << int(NoLimit);
    }

    void sameOutcomeOnEveryPath()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, summaries);
        QFETCH(int, markers);
        QFETCH(int, tableRows);
        QFETCH(QString, damage);
        QFETCH(int, limit);
        const QString path = write(bytes);

        StreamSource stream(cat(path), QStringLiteral("web1"));
        LabSource lab(labAgent(path), QStringLiteral("/bin/true"));
        const std::pair<const char *, Outcome> outcomes[] = {
            {"file", fromFile(path)},
            {"stream", fromSource(stream, tableRows >= 0)},
            {"lab", fromSource(lab, tableRows >= 0)},
        };
        for (const auto &[name, outcome] : outcomes) {
            const QString context = QStringLiteral("%1: %2 summaries, %3 markers, table %4, warnings: %5")
                                        .arg(name)
                                        .arg(outcome.summaries)
                                        .arg(outcome.markers)
                                        .arg(outcome.tableRows)
                                        .arg(outcome.warnings.join(QStringLiteral(" | ")));
            QVERIFY2(outcome.summaries == summaries && outcome.markers == markers && outcome.tableRows == tableRows,
                     qPrintable(context));
            if (damage.isEmpty()) {
                QVERIFY2(outcome.warnings.isEmpty(), qPrintable(context));
            } else {
                const QString expected = TestFrameFixtures::damage(damage, Limit(limit), std::strcmp(name, "file") == 0);
                QVERIFY2(outcome.warnings.size() == 1 && outcome.warnings.constFirst().contains(expected),
                         qPrintable(context + QStringLiteral("\nexpected: ") + expected));
            }
        }
    }

    // Mutations of the recorded file (run longer under ASan and UBSan by tests/run-sanitizers.sh,
    // SOCKSCOPE_FUZZ_SCALE) through the one reader, once whole and once in random pieces as a
    // stream delivers them: the same transcript, nothing read past what the limits allow.
    void fuzzOneReader()
    {
        QRandomGenerator random(2323);
        const int rounds = 1500 * qMax(1, qEnvironmentVariableIntValue("SOCKSCOPE_FUZZ_SCALE"));
        int damaged = 0, whole = 0;
        for (int i = 0; i < rounds; ++i) {
            // The body mutated, mostly with checksums made right so the frames' decoders see it.
            QByteArray body = m_recording.mid(m_header.size());
            for (int m = 0, n = int(random.bounded(1, 4)); m < n; ++m)
                HostileBytes::mutate(body, random);
            if (random.bounded(4) != 0)
                fixChecksums(body);
            const QByteArray bytes = m_header + body;
            const FrameLimits limits = random.bounded(2) ? FrameLimits::file() : FrameLimits::stream();
            Transcript all, pieces;
            FrameReader once(limits);
            once.feed(byteView(bytes));
            once.finish();
            once.read(all);
            FrameReader piecewise(limits);
            for (qsizetype at = 0; at < bytes.size();) {
                const qsizetype size = qMin<qsizetype>(bytes.size() - at, qsizetype(random.bounded(1, 700)));
                piecewise.feed(byteView(bytes).substr(std::size_t(at), std::size_t(size)));
                at += size;
                if (!piecewise.read(pieces))
                    break;
            }
            piecewise.finish();
            piecewise.read(pieces);
            QVERIFY2(
                all.lines == pieces.lines,
                qPrintable(all.lines.join(QLatin1Char('\n')) + QStringLiteral("\n---\n") + pieces.lines.join(QLatin1Char('\n'))));
            QCOMPARE(once.goodBytes(), piecewise.goodBytes());
            QVERIFY(once.goodBytes() <= bytes.size());
            QVERIFY(all.summaries <= 2 && all.markers <= FrameReader::MaximumMarkers);
            QVERIFY(once.bufferedBytes() <= qint64(limits.maximumFrame) + RecordingFormat::FrameHeaderSize);
            (once.stopped() ? damaged : whole) += 1;
        }
        // Both outcomes were reached: the mutations hit frames and spared some files.
        QVERIFY2(damaged > rounds / 10 && whole > rounds / 10, qPrintable(QStringLiteral("%1 %2").arg(damaged).arg(whole)));
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestFrameFixtures, QCoreApplication)

#include "tst_framefixtures.moc"
