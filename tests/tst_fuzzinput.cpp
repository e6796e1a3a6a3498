#include "core/stream/bytewriter.h"
#include "wording/coremessagetext.h"
#include "bridge/qtstd.h"
#include "core/stream/crc32.h"
#include "hostilebytes.h"
#include "hostileinputfixture.h"
#include "core/snapshot/jsonwellformed.h"
#include "core/stream/ownertablecodec.h"
#include "core/collect/procnetcountersparser.h"
#include "recording/recording.h"
#include "core/stream/recordingformat.h"
#include "core/stream/recordingwriter.h"
#include "core/snapshot/samplesummary.h"
#include "core/collect/slabinfoparser.h"
#include "core/snapshot/snapshotaggregator.h"
#include "recording/snapshotjsonreader.h"
#include "core/snapshot/snapshotjsonwriter.h"
#include "core/collect/sockdiagdatagramparser.h"
#include "core/stream/sockettablecodec.h"
#include "core/collect/sockstatparser.h"
#include "core/stream/summarycodec.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <linux/netlink.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <limits>

// Thousands of mutations of real fixtures and of a real recording (issue 10, items 10, 12, 13, 15)
// neither crash, hang, read out of bounds nor allocate what the input declares; the crafted cases
// are tst_hostileinput. Built with ASan and UBSan by tests/run-sanitizers.sh, which makes "no
// crash" mean something.
class TestFuzzInput : public QObject, public HostileInputFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpRecording(); }

    // An OWNERS frame from someone else: refused whole, or every reference within its dictionary.
    void fuzzOwnerTable()
    {
        SocketOwnership ownership;
        ownership.scope = OwnerScope::OwnProcesses;
        ownership.owners = {{100, 0, "nginx", "root", "nginx.service", 0, ""}, {0, 0, "", "", "docker:3f2a1b9c0d4e", 0, ""}};
        std::vector<std::uint32_t> order;
        for (std::uint32_t i = 0; i < 1000; ++i) {
            ownership.perSocket.push_back(i % 3 ? OwnerRef {1 + i % 2, i % 2 ? OwnerEvidence::Listener : OwnerEvidence::Cgroup}
                                                : OwnerRef());
            order.push_back(999 - i);
        }
        const std::string encoded = OwnerTableCodec::encode(ownership, order);
        SocketOwnership decoded;
        QVERIFY(OwnerTableCodec::decode(encoded, 1000, &decoded));
        QCOMPARE(decoded.perSocket[0].owner, ownership.perSocket[999].owner);
        QRandomGenerator random(20261203);
        int refused = 0;
        for (int i = 0, n = rounds(2000); i < n; ++i) {
            QByteArray mutated(encoded.data(), qsizetype(encoded.size()));
            for (int m = 0, k = int(random.bounded(1, 4)); m < k; ++m)
                HostileBytes::mutate(mutated, random);
            const std::string exact(mutated.constData(), std::size_t(mutated.size()));
            SocketOwnership out;
            if (!OwnerTableCodec::decode(exact, 1000, &out)) {
                ++refused;
                QVERIFY(out.perSocket.empty() && out.owners.empty());
                continue;
            }
            QCOMPARE(out.perSocket.size(), std::size_t(1000));
            for (const OwnerRef &ref : out.perSocket)
                QVERIFY(ref.owner <= out.owners.size());
            for (const SocketOwner &owner : out.owners)
                QVERIFY(owner.command.size() <= OwnerTableCodec::MaximumText
                        && owner.unit.size() <= OwnerTableCodec::MaximumText);
        }
        QVERIFY(refused > 100);
    }

    void fuzzNetlinkDump()
    {
        const QByteArray dump = fixture(QStringLiteral("sockdiag-dump.bin"));
        QRandomGenerator random(20261125);
        int done = 0, failed = 0;
        for (int i = 0, n = rounds(4000); i < n; ++i) {
            QByteArray mutated = dump;
            for (int m = 0, edits = int(random.bounded(1, 4)); m < edits; ++m)
                HostileBytes::mutate(mutated, random);
            // Exactly the bytes received on the heap, so a read beyond them shows under ASan.
            std::vector<char> exact(mutated.begin(), mutated.end());
            std::vector<SocketRecord> records;
            auto parser = SockDiagDatagramParser::forRecordedDump();
            // Every other round reads the attributes of every full socket (the cgroup id), as a
            // collector looking up owners does.
            CgroupIdTable cgroups;
            if (i % 2)
                parser.setCgroupTable(&cgroups);
            const auto status = parser.parse(exact.data(), exact.size(), records);
            // Each record takes a whole message: header and inet_diag_msg.
            QVERIFY(records.size() <= exact.size() / (NLMSG_HDRLEN + 72));
            for (const SocketRecord &record : records)
                QVERIFY(record.cgroupSlot <= cgroups.ids.size());
            if (status == SockDiagDatagramParser::Status::Failed)
                QVERIFY(parser.errorNumber() != 0 && !parser.errorMessage().isEmpty());
            done += status == SockDiagDatagramParser::Status::Done;
            failed += status == SockDiagDatagramParser::Status::Failed;
        }
        // Both outcomes were reached: the mutations hit lengths and spared some dumps.
        QVERIFY(done > 100 && failed > 100);
    }

    void fuzzRecording()
    {
        QRandomGenerator random(1010);
        const auto original = frames(m_recording);
        int opened = 0, tables = 0;
        const int n = rounds(2500);
        for (int i = 0; i < n; ++i) {
            QByteArray mutated = m_recording;
            // Mutations after the header, mostly with checksums made right so the decoders see them.
            QByteArray body = mutated.mid(m_headerEnd);
            for (int m = 0, edits = int(random.bounded(1, 4)); m < edits; ++m)
                HostileBytes::mutate(body, random);
            mutated = mutated.left(m_headerEnd) + body;
            if (random.bounded(4) != 0)
                fixChecksums(mutated);
            const QString path = writeFile(QStringLiteral("fuzz.rec"), mutated);
            Recording recording;
            QString error;
            if (!recording.read(path, &error)) {
                QVERIFY(!error.isEmpty());
                continue;
            }
            ++opened;
            QVERIFY(recording.goodBytes <= mutated.size());
            QVERIFY(recording.summaries.size() <= original.size());
            for (const SampleSummary &s : recording.summaries)
                QVERIFY(s.timeMs >= 0 && s.timeMs <= RecordingFormat::MaximumTimeMs && std::isfinite(s.collectMs));
            for (std::size_t t = 0; t < recording.snapshots.size(); ++t) {
                const SnapshotPtr snapshot = recording.loadSnapshot(t, &error);
                if (snapshot) {
                    ++tables;
                    QVERIFY(snapshot->sockets.size() <= std::size_t(mutated.size()) * RecordingFormat::MaximumInflation);
                }
            }
        }
        QVERIFY(opened > n * 8 / 10);
        QVERIFY(tables > 100);
    }

    void fuzzProcFixtures()
    {
        QRandomGenerator random(7);
        const QStringList names {"sockstat.txt", "sockstat-busy.txt",         "sockstat6.txt",
                                 "snmp.txt",     "netstat-extra-columns.txt", "slabinfo.txt"};
        static const QByteArray insertions[] = {
            "99999999999999999999", "-9223372036854775808", "9223372036854775807", " ", "\n", ":", "-1", "0"};
        int parsed = 0;
        for (const QString &name : names) {
            const QByteArray text = fixture(name);
            for (int i = 0, n = rounds(800); i < n; ++i) {
                QByteArray mutated = text;
                if (random.bounded(2)) {
                    HostileBytes::mutate(mutated, random);
                } else {
                    // Numbers at their extremes where numbers are.
                    const auto at = qsizetype(random.bounded(quint32(mutated.size())));
                    mutated.insert(at, insertions[random.bounded(int(std::size(insertions)))]);
                }
                SockstatFigures sockstat;
                if (SockstatParser::parseSockstat(byteView(mutated), &sockstat)
                    | SockstatParser::parseSockstat6(byteView(mutated), &sockstat))
                    ++parsed;
                TcpCounters counters;
                CoreMessage error;
                if (ProcNetCountersParser::parse(byteView(mutated), &counters, &error)) {
                    ++parsed;
                    for (const qint64 value : counters.values)
                        QVERIFY(value >= -(qint64(1) << 62) && value <= (qint64(1) << 62));
                }
                SlabFigures slab;
                if (SlabinfoParser::parse(byteView(mutated), 4096, &slab, &error)) {
                    ++parsed;
                    for (const SlabCacheFigure &f : slab.caches)
                        QVERIFY(f.bytes >= 0);
                }
            }
        }
        QVERIFY(parsed > 1000);
    }
};

QTEST_GUILESS_MAIN(TestFuzzInput)
#include "tst_fuzzinput.moc"
