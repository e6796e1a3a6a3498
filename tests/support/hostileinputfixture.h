#pragma once

#include "bridge/qtstd.h"
#include "core/collect/sockdiagdatagramparser.h"
#include "core/snapshot/samplesummary.h"
#include "core/snapshot/snapshotaggregator.h"
#include "core/snapshot/snapshotjsonwriter.h"
#include "core/stream/bytewriter.h"
#include "core/stream/crc32.h"
#include "core/stream/recordingformat.h"
#include "core/stream/recordingwriter.h"
#include "hostilebytes.h"
#include "recording/recording.h"
#include "wording/coremessagetext.h"

#include <QBuffer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <linux/netlink.h>
#include <sys/resource.h>

#include <cstring>
#include <vector>

// What tst_hostileinput and tst_fuzzinput mutate: the real fixtures, and a small real recording
// written by setUpRecording() (the test's initTestCase) into a directory of its own.
class HostileInputFixture
{
protected:
    QTemporaryDir m_dir;
    QString m_recordingPath;
    QByteArray m_recording; // a small real recording: header, 4 samples, 2 tables, a marker, END
    qsizetype m_headerEnd = 0;
    Snapshot m_snapshot;

    static QByteArray fixture(const QString &name)
    {
        QFile file(QStringLiteral(FIXTURES_DIR "/") + name);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("missing fixture %s", qPrintable(name));
        return file.readAll();
    }

    static std::vector<SocketRecord> fixtureSockets()
    {
        const QByteArray dump = fixture(QStringLiteral("sockdiag-dump.bin"));
        std::vector<SocketRecord> records;
        qsizetype offset = 0;
        // Two dumps (IPv4, then IPv6), each ending in NLMSG_DONE.
        while (offset < dump.size()) {
            auto parser = SockDiagDatagramParser::forRecordedDump();
            if (parser.parse(dump.constData() + offset, std::size_t(dump.size() - offset), records)
                != SockDiagDatagramParser::Status::Done)
                break;
            nlmsghdr header;
            while (offset + qsizetype(sizeof(header)) <= dump.size()) {
                std::memcpy(&header, dump.constData() + offset, sizeof(header));
                offset += NLMSG_ALIGN(header.nlmsg_len);
                if (header.nlmsg_type == NLMSG_DONE)
                    break;
            }
        }
        return records;
    }

    // The frames of `bytes` after the header, as (offset, length of payload).
    std::vector<std::pair<qsizetype, quint32>> frames(const QByteArray &bytes) const
    {
        std::vector<std::pair<qsizetype, quint32>> out;
        qsizetype offset = m_headerEnd;
        while (offset + RecordingFormat::FrameHeaderSize <= bytes.size()) {
            quint32 length = 0;
            std::memcpy(&length, bytes.constData() + offset + 1, 4);
            if (quint64(offset) + RecordingFormat::FrameHeaderSize + length > quint64(bytes.size()))
                break;
            out.emplace_back(offset, length);
            offset += RecordingFormat::FrameHeaderSize + length;
        }
        return out;
    }

    // Checksums made right again after a mutation, so it reaches the decoders behind them.
    void fixChecksums(QByteArray &bytes) const
    {
        for (const auto &[offset, length] : frames(bytes)) {
            const quint32 crc = Crc32::of(byteView(bytes.mid(offset + RecordingFormat::FrameHeaderSize, length)));
            std::memcpy(bytes.data() + offset + 5, &crc, 4);
        }
    }

    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        // Removed, not truncated: ext4 flushes a file truncated and rewritten (auto_da_alloc),
        // which made 2,500 rewrites take seconds.
        QFile::remove(path);
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    // The header and first SUMMARY frame of the real recording, then `payload` as a frame of `type`.
    QByteArray withFrame(quint8 type, const QByteArray &payload) const
    {
        const auto all = frames(m_recording);
        const qsizetype firstEnd = all.front().first + RecordingFormat::FrameHeaderSize + all.front().second;
        return m_recording.left(firstEnd) + HostileBytes::frame(type, payload);
    }

    QByteArray snapshotJson() const
    {
        QByteArray json;
        QBuffer buffer(&json);
        buffer.open(QIODevice::WriteOnly);
        SnapshotJsonWriter::Options options;
        options.topPorts = 0;
        SnapshotJsonWriter::write(m_snapshot, options, deviceSink(&buffer));
        return json;
    }

    QByteArray snapshotPayload(const QByteArray &table) const
    {
        const QByteArray json = snapshotJson();
        ByteWriter out;
        out.u32(quint32(json.size()));
        out.bytes(byteView(json));
        out.bytes(byteView(table));
        return QByteArray::fromStdString(out.take());
    }

    // Fuzz iterations: a few thousand in ctest; tests/run-sanitizers.sh sets SOCKSCOPE_FUZZ_SCALE
    // for a longer pass.
    static int rounds(int base) { return base * qMax(1, qEnvironmentVariableIntValue("SOCKSCOPE_FUZZ_SCALE")); }

    static long peakRssKb()
    {
        rusage usage {};
        getrusage(RUSAGE_SELF, &usage);
        return usage.ru_maxrss;
    }

    // Writes the real recording and checks it reads back whole; a failed check fails initTestCase.
    void setUpRecording()
    {
        QVERIFY(m_dir.isValid());
        m_snapshot.sockets = fixtureSockets();
        QCOMPARE(int(m_snapshot.sockets.size()), 12);
        m_snapshot.wallTimeMs = 1700000000000;
        m_snapshot.namespaceLabel = "current";
        SnapshotAggregator::aggregate(m_snapshot);

        m_recordingPath = m_dir.filePath("real.rec");
        RecordingWriter writer;
        CoreMessage error;
        QVERIFY2(writer.open(m_recordingPath.toStdString(), {}, &error), qPrintable(CoreMessageText::text(error)));
        SampleSummarizer summarizer;
        for (int i = 0; i < 4; ++i) {
            m_snapshot.wallTimeMs += 1000;
            QVERIFY(writer.writeSummary(summarizer.summarize(m_snapshot)));
            if (i == 0 || i == 3)
                QVERIFY(writer.writeSnapshot(m_snapshot));
            if (i == 1)
                QVERIFY(writer.writeMarker(m_snapshot.wallTimeMs, "deploy"));
        }
        QVERIFY(writer.close());
        QFile file(m_recordingPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        m_recording = file.readAll();
        quint32 headerSize = 0;
        std::memcpy(&headerSize, m_recording.constData() + RecordingFormat::MagicSize + 2, 4);
        m_headerEnd = RecordingFormat::MagicSize + 6 + qsizetype(headerSize);
        QCOMPARE(int(frames(m_recording).size()), 4 + 2 + 1 + 1);

        Recording recording;
        QString readError;
        QVERIFY2(recording.read(m_recordingPath, &readError), qPrintable(readError));
        QVERIFY(recording.warnings.isEmpty());
        QCOMPARE(int(recording.snapshots.size()), 2);
        QVERIFY(recording.loadSnapshot(1, &readError));
    }
};
