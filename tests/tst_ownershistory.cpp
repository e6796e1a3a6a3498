#include "netnstestmain.h"
#include "ownedsockets.h"
#include "processrun.h"
#include "recording/recording.h"
#include "core/stream/recordingwriter.h"
#include "core/snapshot/samplesummary.h"
#include "core/snapshot/snapshotcollector.h"
#include "core/stream/summarycodec.h"
#include "core/stream/summaryownerscodec.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <tuple>

namespace {

// A snapshot whose TIME-WAIT is attributed as `counts` says: (command, unit, pid, count).
struct Owned
{
    std::string command;
    std::string unit;
    std::uint32_t pid;
    std::uint32_t count;
};
Snapshot attributed(std::int64_t timeMs, const std::vector<Owned> &counts, std::uint32_t unattributed = 0)
{
    Snapshot s;
    s.wallTimeMs = timeMs;
    s.socketsWallTimeMs = timeMs;
    s.owners.scope = OwnerScope::AllProcesses;
    for (const Owned &o : counts) {
        SocketOwner owner;
        owner.pid = o.pid;
        owner.command = o.command;
        owner.unit = o.unit;
        s.owners.owners.push_back(owner);
        OwnerTimeWait entry;
        entry.owner = std::uint32_t(s.owners.owners.size());
        entry.count = o.count;
        entry.listener = o.count;
        s.owners.timeWaitByOwner.push_back(entry);
    }
    s.owners.sortTimeWait();
    s.owners.timeWaitUnattributed = unattributed;
    return s;
}

std::uint64_t keyOf(const std::string &command, const std::string &unit)
{
    return OwnerLabel {command, unit}.key();
}

}

// TIME-WAIT by process over time: summaries carry the top owners (by command and unit), the
// agent's stream and recordings carry their names, and crafted frames are refused whole.
class TestOwnersHistory : public QObject
{
    Q_OBJECT

private slots:
    // Real server processes that close first, summarized in this process and by the agent.
    void summariesCarryRealOwnersOverTime()
    {
        // Two processes of one command (a server's workers) and one of another.
        Child webA = closingServer("tw-web", 7201, 3);
        Child webB = closingServer("tw-web", 7203, 2);
        Child api = closingServer("tw-api", 7202, 2);
        QVERIFY(webA.receive() && webB.receive() && api.receive());
        connectAndWaitForClose(7201, 3);
        connectAndWaitForClose(7203, 2);
        connectAndWaitForClose(7202, 2);
        QVERIFY(waitForTimeWait(7, [](const SocketRecord &r) { return r.localPort >= 7201 && r.localPort <= 7203; }));

        SnapshotCollector collector({});
        CoreMessage error;
        const auto snapshot = collector.collect(&error);
        QVERIFY(snapshot);
        SampleSummarizer summarizer;
        OwnerLabels labels;
        const SampleSummary summary = summarizer.summarize(*snapshot, &labels);
        QVERIFY(summary.ownersKnown);
        QCOMPARE(int(summary.ownerCount), 2);
        QCOMPARE(labels.size(), std::size_t(2));
        const auto web = std::find_if(labels.begin(), labels.end(), [](const OwnerLabel &l) { return l.command == "tw-web"; });
        const auto apiLabel =
            std::find_if(labels.begin(), labels.end(), [](const OwnerLabel &l) { return l.command == "tw-api"; });
        QVERIFY(web != labels.end() && apiLabel != labels.end());
        // The two tw-web processes are one line: 3 + 2.
        QCOMPARE(summary.timeWaitOfOwner(web->key()), std::int64_t(5));
        QCOMPARE(summary.timeWaitOfOwner(apiLabel->key()), std::int64_t(2));
        QCOMPARE(summary.timeWaitUnattributed, 0u);
        QCOMPARE(summary.owners[0].key, web->key()); // the busier first

        // Who is behind the TIME-WAIT on each port: the process listening there.
        for (const auto &[port, child, count] : {std::tuple {quint16(7201), &webA, 3u}, std::tuple {quint16(7203), &webB, 2u},
                                                 std::tuple {quint16(7202), &api, 2u}}) {
            const PortOwners *owners = snapshot->owners.ofPort(false, port);
            QVERIFY(owners);
            QCOMPARE(owners->owners.size(), std::size_t(1));
            QCOMPARE(owners->owners[0].count, count);
            QCOMPARE(owners->owners[0].listener, count);
            // The holders of the listener (one process each here), no pid: which one closed is not known.
            QCOMPARE(snapshot->owners.owner(owners->owners[0].owner)->pid, 0u);
            QCOMPARE(snapshot->owners.owner(owners->owners[0].owner)->processes, 1u);
            QCOMPARE(snapshot->owners.owner(owners->owners[0].owner)->command,
                     child == &api ? std::string("tw-api") : std::string("tw-web"));
            QCOMPARE(owners->unattributed + owners->otherOwners, 0u);
        }
        QVERIFY(!snapshot->owners.ofPort(true, 7201)); // no TIME-WAIT towards 7201: the clients closed second
        // ...and the same in `--once`, as JSON and as text.
        const ProcessRun once = ProcessRun::run(SOCKSCOPE_AGENT, {"--once", "--top", "3"});
        QCOMPARE(once.exitCode, 0);
        const QJsonArray byLocal = QJsonDocument::fromJson(once.out).object()["time_wait"].toObject()["by_local_port"].toArray();
        QCOMPARE(byLocal.size(), 3);
        QCOMPARE(byLocal[0].toObject()["port"].toInt(), 7201);
        const QJsonArray portOwners = byLocal[0].toObject()["owners"].toArray();
        QCOMPARE(portOwners.size(), 1);
        QCOMPARE(portOwners[0].toObject()["command"].toString(), QStringLiteral("tw-web"));
        QVERIFY(portOwners[0].toObject()["pid"].isNull());
        QCOMPARE(portOwners[0].toObject()["processes"].toInt(), 1);
        QCOMPARE(portOwners[0].toObject()["listener"].toInt(), 3);
        QCOMPARE(byLocal[0].toObject()["unattributed"].toInt(), 0);
        const ProcessRun text = ProcessRun::run(SOCKSCOPE_AGENT, {"--once", "--format", "text", "--top", "3"});
        QVERIFY2(text.out.contains("by local port:  7201 ×3 (tw-web), "), text.out.constData());

        // The agent's recording: every summary has them, and the file names them.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("owners.sockrec"));
        const ProcessRun run = ProcessRun::run(SOCKSCOPE_AGENT, {"--record", path, "--interval", "0.25", "--samples", "4"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        Recording recording;
        QString readError;
        QVERIFY2(recording.read(path, &readError), qPrintable(readError));
        QCOMPARE(recording.summaries.size(), std::size_t(4));
        for (const SampleSummary &s : recording.summaries) {
            QVERIFY(s.ownersKnown);
            QCOMPARE(s.timeWaitOfOwner(web->key()), std::int64_t(5));
            QCOMPARE(s.timeWaitOfOwner(apiLabel->key()), std::int64_t(2));
        }
        const OwnerLabel *named = recording.ownerLabels.find(web->key());
        QVERIFY(named);
        QCOMPARE(named->command, std::string("tw-web"));
        QCOMPARE(named->unit, web->unit);
        QCOMPARE(recording.ownerLabels.size(), std::size_t(2));

        for (Child *child : {&webA, &webB, &api}) {
            child->send();
            child->reap();
        }
    }

    // An owner is charted from the sample it entered the top on, and keeps its line (at 0 when
    // its TIME-WAIT is gone) until owners newer in the top push it out, oldest first.
    void trackedOwnersKeepTheirHistory()
    {
        SampleSummarizer summarizer;
        OwnerLabels labels;
        SampleSummary s = summarizer.summarize(
            attributed(1000, {{"nginx", "nginx.service", 10, 40}, {"nginx", "nginx.service", 11, 2}, {"", "cron.service", 0, 7}}),
            &labels);
        QCOMPARE(int(s.ownerCount), 2);
        QCOMPARE(s.timeWaitOfOwner(keyOf("nginx", "nginx.service")), std::int64_t(42));
        QCOMPARE(s.timeWaitOfOwner(keyOf("", "cron.service")), std::int64_t(7)); // known by its cgroup only
        QCOMPARE(s.timeWaitOfOwner(keyOf("nginx", "other.service")), std::int64_t(-1));
        QCOMPARE(labels[1].unit, std::string("cron.service"));

        s = summarizer.summarize(attributed(2000, {{"curl", "", 99, 5}}, 3), &labels);
        QCOMPARE(int(s.ownerCount), 3);
        QCOMPARE(s.timeWaitOfOwner(keyOf("nginx", "nginx.service")), std::int64_t(0)); // gone, still charted
        QCOMPARE(s.timeWaitOfOwner(keyOf("curl", "")), std::int64_t(5));
        QCOMPARE(s.timeWaitUnattributed, 3u);

        // Eight owners tracked at most: the nine-th pushes out the one longest out of the top.
        std::int64_t time = 3000;
        for (int round = 0; round < 2; ++round) {
            std::vector<Owned> batch;
            for (int i = 0; i < SampleSummarizer::TopOwnersWatched; ++i)
                batch.push_back({"worker" + std::to_string(round * 10 + i), "", std::uint32_t(100 + i), std::uint32_t(50 - i)});
            s = summarizer.summarize(attributed(time, batch), &labels);
            time += 1000;
        }
        QCOMPARE(int(s.ownerCount), SampleSummary::TrackedOwners);
        QCOMPARE(labels.size(), std::size_t(SampleSummary::TrackedOwners));
        QCOMPARE(s.timeWaitOfOwner(keyOf("nginx", "nginx.service")), std::int64_t(-1));
        QCOMPARE(s.timeWaitOfOwner(keyOf("curl", "")), std::int64_t(-1));
        QCOMPARE(s.timeWaitOfOwner(keyOf("worker10", "")), std::int64_t(50));
        QCOMPARE(s.timeWaitOfOwner(keyOf("worker3", "")), std::int64_t(0)); // out of this sample's top, kept

        // Owners not looked up: nothing known, no names.
        Snapshot plain;
        plain.wallTimeMs = time;
        s = summarizer.summarize(plain, &labels);
        QVERIFY(!s.ownersKnown);
        QCOMPARE(int(s.ownerCount), 0);
        QVERIFY(labels.empty());
    }

    // A command and a unit are one key; their boundary counts.
    void ownerKeysDifferWhereNamesDo()
    {
        QVERIFY(keyOf("ab", "c") != keyOf("a", "bc"));
        QVERIFY(keyOf("nginx", "") != keyOf("", "nginx"));
        QCOMPARE(keyOf("nginx", "nginx.service"), keyOf("nginx", "nginx.service"));
    }

    // The SUMMARY OWNERS frame: round trip, and anything crafted refused whole.
    void ownersFrameRefusesCraftedBytes()
    {
        SampleSummarizer summarizer;
        OwnerLabels labels;
        const SampleSummary sent = summarizer.summarize(
            attributed(1000, {{"nginx", "nginx.service", 10, 40}, {"sshd", "ssh.service", 3, 1}}, 9), &labels);
        const std::string bytes = SummaryOwnersCodec::encode(sent, labels);
        SampleSummary got;
        OwnerLabels gotLabels;
        QVERIFY(SummaryOwnersCodec::decode(bytes, &got, &gotLabels));
        QVERIFY(got.ownersKnown);
        QCOMPARE(int(got.ownerCount), 2);
        QCOMPARE(got.timeWaitUnattributed, 9u);
        QCOMPARE(got.timeWaitOfOwner(keyOf("nginx", "nginx.service")), std::int64_t(40));
        QVERIFY(gotLabels == labels);

        const auto refused = [](const std::string &crafted) {
            SampleSummary untouched;
            OwnerLabels none;
            const bool decoded = SummaryOwnersCodec::decode(crafted, &untouched, &none);
            return !decoded && !untouched.ownersKnown && untouched.ownerCount == 0 && none.empty();
        };
        for (std::size_t cut = 0; cut < bytes.size(); ++cut)
            QVERIFY2(refused(bytes.substr(0, cut)), qPrintable(QString::number(cut)));
        QVERIFY(refused(bytes + '\0')); // trailing bytes
        std::string tooMany = bytes;
        tooMany[1] = char(SampleSummary::TrackedOwners + 1);
        QVERIFY(refused(tooMany));
        // One owner twice.
        OwnerLabels twice = {labels[0], labels[0]};
        SampleSummary two = sent;
        two.owners[1] = two.owners[0];
        QVERIFY(refused(SummaryOwnersCodec::encode(two, twice)));
        // A name longer than any writer writes.
        std::string longName = std::string(1, '\0') + char(1) + char(5) + char(0x81) + char(0x02);
        longName += std::string(257, 'x') + char(0);
        QVERIFY(refused(longName));
        // A count wider than 32 bits.
        QVERIFY(refused(std::string("\x00\x01\xff\xff\xff\xff\x7f\x01x\x00", 10)));
    }

    // A recording keeps the names beside the summaries; a damaged SUMMARY OWNERS frame loses only
    // its sample's owners, and a recording without any has none (not zeros).
    void recordingsCarryOwnersOverTime()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("history.sockrec")).toStdString();
        RecordingWriter writer;
        CoreMessage error;
        QVERIFY(writer.open(path, RecordingWriter::Header(), &error));
        SampleSummarizer summarizer;
        OwnerLabels labels;
        SampleSummary first = summarizer.summarize(attributed(1000, {{"nginx", "nginx.service", 10, 40}}), &labels);
        QVERIFY(writer.writeSummary(first, labels));
        // A frame with a good checksum and bad contents, then its summary.
        QVERIFY(writer.appendFrame(RecordingFormat::SummaryOwners, std::string("\x00\x09", 2)));
        SampleSummary second = summarizer.summarize(attributed(2000, {{"nginx", "nginx.service", 10, 30}}), &labels);
        QVERIFY(writer.appendFrame(RecordingFormat::Summary, SummaryCodec::encode(second)));
        SampleSummary third = summarizer.summarize(attributed(3000, {{"nginx", "nginx.service", 10, 20}}), &labels);
        QVERIFY(writer.writeSummary(third, labels));
        Snapshot unknown;
        unknown.wallTimeMs = 4000;
        QVERIFY(writer.writeSummary(summarizer.summarize(unknown, &labels), labels));
        QVERIFY(writer.close());

        Recording recording;
        QString readError;
        QVERIFY2(recording.read(QString::fromStdString(path), &readError), qPrintable(readError));
        QVERIFY(recording.warnings.isEmpty());
        QCOMPARE(recording.summaries.size(), std::size_t(4));
        const std::uint64_t nginx = keyOf("nginx", "nginx.service");
        QCOMPARE(recording.summaries[0].timeWaitOfOwner(nginx), std::int64_t(40));
        QVERIFY(!recording.summaries[1].ownersKnown);
        QCOMPARE(recording.summaries[1].timeWaitOfOwner(nginx), std::int64_t(-1));
        QCOMPARE(recording.summaries[2].timeWaitOfOwner(nginx), std::int64_t(20));
        QVERIFY(!recording.summaries[3].ownersKnown);
        QVERIFY(recording.ownerLabels.find(nginx));
        QCOMPARE(recording.ownerLabels.find(nginx)->unit, std::string("nginx.service"));

        // A recording made before owners over time (the version 1 fixture): none known.
        Recording old;
        QVERIFY2(old.read(QStringLiteral(FIXTURES_DIR "/recording-v1.rec"), &readError), qPrintable(readError));
        QVERIFY(!old.summaries.empty());
        for (const SampleSummary &s : old.summaries)
            QVERIFY(!s.ownersKnown);
        QVERIFY(old.ownerLabels.empty());
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestOwnersHistory, QCoreApplication)
#include "tst_ownershistory.moc"
