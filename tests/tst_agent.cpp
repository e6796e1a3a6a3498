#include "wording/coremessagetext.h"
#include "netnstestmain.h"
#include "processrun.h"
#include "recording/recording.h"
#include "sameowners.h"
#include "socketpopulation.h"
#include "ssoracle.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>

#include <algorithm>
#include <tuple>
#include <vector>

// sockscope-agent as the window runs it over SSH: a separate process in the namespace the test
// built, its stream read back with the window's own reader.
class TestAgent : public QObject
{
    Q_OBJECT

    std::unique_ptr<SocketPopulation> m_population;
    QTemporaryDir m_dir;

    static QJsonObject onceJson(const QString &program)
    {
        const ProcessRun run = ProcessRun::run(program, {"--once", "--format", "json", "--top", "5"});
        if (run.exitCode != 0)
            qWarning("%s failed (%d): %s", qPrintable(program), run.exitCode, run.err.constData());
        return QJsonDocument::fromJson(run.out).object();
    }

    // The agent with stdin held open: stdout collected until it exits.
    static void startStream(QProcess &agent, const QStringList &arguments)
    {
        agent.setProgram(SOCKSCOPE_AGENT);
        agent.setArguments(QStringList {"--stream"} + arguments);
        agent.start();
        QVERIFY(agent.waitForStarted());
    }

    QString saved(const QByteArray &bytes, const QString &name)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return QString();
        return file.fileName();
    }

private slots:
    void initTestCase()
    {
        // 35 sockets: LISTEN 2, ESTABLISHED 6, TIME-WAIT 27 (9 on local port 9000, 12 towards it,
        // 6 IPv6 on local port 9443).
        m_population = std::make_unique<SocketPopulation>();
        QVERIFY2(m_population->commandLinePopulation(), qPrintable(m_population->error()));
        SsOracle ss;
        QString error;
        QTRY_VERIFY_WITH_TIMEOUT(ss.run(&error) && ss.total == 35 && ss.count("TIME-WAIT") == 27, 5000);
        QVERIFY(m_dir.isValid());
    }

    // The same document as sockscope --once, exact in everything that does not change between
    // two runs: counts by state, family and port, the schema's keys, the sysctls.
    void onceJsonIsSockscopes()
    {
        QJsonObject agent = onceJson(SOCKSCOPE_AGENT);
        QJsonObject window = onceJson(SOCKSCOPE_BINARY);
        QCOMPARE(agent.value("schema").toString(), QStringLiteral("sockscope.snapshot/1"));
        QCOMPARE(agent.keys(), window.keys());
        QCOMPARE(agent.value("states").toObject().value("TIME-WAIT").toInt(), 27);
        QCOMPARE(agent.value("states").toObject().value("ESTABLISHED").toInt(), 6);
        QCOMPARE(agent.value("sockets_total").toObject().value("ipv6").toInt(), 9);
        // Each busiest tuple carries its port budget (compared with the window's below): the
        // loopback tuple towards :9000 in a fresh namespace, tcp_tw_reuse 2, 1000 ms delay.
        const QJsonObject busiest = agent.value("port_pressure").toObject().value("tuples").toArray().at(0).toObject();
        QCOMPARE(busiest.value("remote_port").toInt(), 9000);
        const QJsonObject budget = busiest.value("budget").toObject();
        QCOMPARE(budget.value("reuse").toString(), QStringLiteral("applies"));
        QCOMPARE(budget.value("usable_ports").toInt(), 28232);
        QCOMPARE(budget.value("reuse_delay_seconds").toDouble(), 1.0);
        QCOMPARE(budget.value("reuse_delay_approximate").toBool(), false);
        QCOMPARE(budget.value("per_second_with_reuse").toDouble(), 28232.0);
        QCOMPARE(budget.value("per_second").toDouble(), 28232.0);
        QVERIFY(qFuzzyCompare(budget.value("per_second_without_reuse").toDouble(), 28232.0 / 60));
        for (const char *key : {"states", "sockets_total", "time_wait", "port_pressure", "sysctls", "state_filter", "netns"}) {
            QJsonValue a = agent.value(key), w = window.value(key);
            if (QByteArray(key) == "netns")
                QCOMPARE(a.toObject().value("label"), w.toObject().value("label"));
            else
                QVERIFY2(a == w, key);
        }
    }

    // The text report is sockscope's, in English: the same lines of counts and ports.
    void onceTextIsSockscopes()
    {
        const ProcessRun agent = ProcessRun::run(SOCKSCOPE_AGENT, {"--once", "--format", "text", "--top", "3"});
        QProcessEnvironment english = QProcessEnvironment::systemEnvironment();
        english.insert("LANGUAGE", "en");
        const ProcessRun window =
            ProcessRun::run(SOCKSCOPE_BINARY, {"--once", "--format", "text", "--top", "3", "--lang", "en"}, english);
        QCOMPARE(agent.exitCode, 0);
        QVERIFY(agent.out.startsWith("sockscope-agent "));
        const auto lines = [](const QByteArray &text) {
            QList<QByteArray> kept;
            for (const QByteArray &line : text.split('\n')) {
                // The budget line too: one calculation and one wording in the core (PortBudgetWords).
                if (line.startsWith("States:") || line.startsWith("  by local port:") || line.startsWith("  by remote port:")
                    || line.startsWith("  by process:") || line.startsWith("TCP sockets: 35 ") || line.startsWith("  budget: "))
                    kept << line.left(line.indexOf(", listed") < 0 ? line.size() : line.indexOf(", listed"));
            }
            return kept;
        };
        QCOMPARE(lines(agent.out).size(), 6);
        QCOMPARE(lines(agent.out), lines(window.out));
        // The busiest tuple is loopback (127.0.0.1 → 127.0.0.1:9000) in a fresh namespace:
        // tcp_tw_reuse 2 applies, 28,232 ports over tcp_tw_reuse_delay's 1 s.
        QVERIFY2(agent.out.contains("  budget: About 28,232 new connections per second towards that destination (local "
                                    "address, remote address, remote port) when this host closes first: tcp_tw_reuse "
                                    "takes over TIME-WAIT entries older than 1 s.\n"),
                 agent.out.constData());
    }

    // --stream parsed back with the window's reader: exact counts, a table, the agent's header.
    void streamReadsBack()
    {
        QProcess agent;
        startStream(agent, {"--interval", "0.25", "--samples", "3"});
        QVERIFY(agent.waitForFinished(30000));
        QCOMPARE(agent.exitCode(), 0);
        Recording recording;
        QString error;
        QVERIFY2(recording.read(saved(agent.readAllStandardOutput(), "stream.rec"), &error), qPrintable(error));
        QCOMPARE(int(recording.summaries.size()), 3);
        for (const SampleSummary &s : recording.summaries) {
            QCOMPARE(s.count(TcpState::TimeWait), 27u);
            QCOMPARE(s.count(TcpState::Listen), 2u);
            QCOMPARE(s.totalSockets, 35u);
        }
        QCOMPARE(int(recording.snapshots.size()), 1); // at the start; the next is 10 s away
        const SnapshotPtr table = recording.loadSnapshot(0, &error);
        QVERIFY2(table, qPrintable(error));
        QCOMPARE(int(table->sockets.size()), 35);
        QCOMPARE(table->count(TcpState::TimeWait), 27u);
        // The agent attributed them; its OWNERS frame gives the window every row's owner: the
        // listeners and live sockets are this test's.
        QCOMPARE(table->owners.perSocket.size(), table->sockets.size());
        for (std::size_t i = 0; i < table->sockets.size(); ++i) {
            if (table->sockets[i].state != TcpState::Listen)
                continue;
            const SocketOwner *owner = table->owners.owner(table->owners.perSocket[i].owner);
            QVERIFY(owner);
            QCOMPARE(owner->pid, std::uint32_t(QCoreApplication::applicationPid()));
        }
        const QJsonObject defaults = recording.header.value("kernel_defaults").toObject();
        QCOMPARE(defaults.value("values").toObject().value("net.ipv4.tcp_fin_timeout").toString(), QStringLiteral("60"));
        QVERIFY(recording.header.value("agent").toObject().contains("version"));
        QVERIFY(recording.header.contains("slabinfo_readable"));
        QVERIFY(recording.errors.empty());
        // The agent writes messages as codes; the window words them again in its own language.
        const CoreMessage plain {CoreMessageCode::SlabEstimated, {"slabinfo-root-only"}};
        QCOMPARE(CoreMessageText::text(CoreMessageText::worded(QString::fromStdString(coreMessagePlain(plain)))),
                 CoreMessageText::text(plain));
    }

    // A window refuses a stream of a newer format with a message, rather than misreading it.
    void newerVersionIsRefused()
    {
        QProcess agent;
        startStream(agent, {"--samples", "1"});
        QVERIFY(agent.waitForFinished(30000));
        QByteArray bytes = agent.readAllStandardOutput();
        QVERIFY(bytes.startsWith(QByteArray("SOCKSCOPE-REC\n\x02\x00", 16)));
        bytes[14] = 3;
        Recording recording;
        QString error;
        QVERIFY(!recording.read(saved(bytes, "newer.rec"), &error));
        QVERIFY2(error.contains("version 3 recording"), qPrintable(error));
    }

    // Nothing stays running on a server when the connection drops: stdin's end is the agent's.
    void closingStdinEndsIt()
    {
        QProcess agent;
        startStream(agent, {"--interval", "10"});
        QVERIFY(agent.waitForReadyRead(10000)); // the header is out: it is waiting for the next tick
        agent.closeWriteChannel();
        QVERIFY(agent.waitForFinished(1000));
        QCOMPARE(agent.exitStatus(), QProcess::NormalExit);
        QCOMPARE(agent.exitCode(), 0);
    }

    // A reader that goes away (the SSH connection broke) ends the agent too, whatever stdin does.
    void brokenStdoutEndsIt()
    {
        QProcess agent, reader;
        agent.setStandardOutputProcess(&reader);
        reader.start("head", {"-c", "100"});
        startStream(agent, {"--interval", "0.25"});
        QVERIFY(reader.waitForFinished(10000));
        QVERIFY(agent.waitForFinished(10000));
        QCOMPARE(agent.exitStatus(), QProcess::NormalExit); // an error return from write(), not SIGPIPE
        QCOMPARE(agent.exitCode(), 1);
        QVERIFY(agent.readAllStandardError().contains("recording-write-failed"));
    }

    // Garbage on stdin is answered with ERROR frames, never a crash; good commands still work.
    void garbageCommandsAreAnswered()
    {
        QProcess agent;
        startStream(agent, {"--interval", "0.25"});
        agent.write("bogus command\n");
        agent.write(QByteArray(5000, 'x') + '\n');
        agent.write(QByteArray("interval 5\n\x01\xff\x00\n", 15));
        agent.write("table\n");
        QVERIFY(agent.waitForBytesWritten(5000));
        QTest::qWait(1200); // a table asked for comes at most once a second (commandFloodIsBounded)
        agent.closeWriteChannel();
        QVERIFY(agent.waitForFinished(5000));
        QCOMPARE(agent.exitStatus(), QProcess::NormalExit);
        QCOMPARE(agent.exitCode(), 0);
        Recording recording;
        QString error;
        QVERIFY2(recording.read(saved(agent.readAllStandardOutput(), "garbage.rec"), &error), qPrintable(error));
        QStringList codes;
        for (const RecordingError &e : recording.errors)
            codes << QString::fromLatin1(coreMessageKey(e.message.code));
        QCOMPARE(codes,
                 QStringList({"agent-unknown-command", "agent-line-too-long", "agent-bad-number", "agent-unknown-command"}));
        QVERIFY(CoreMessageText::text(recording.errors[0].message).contains("bogus command"));
        QVERIFY(recording.snapshots.size() >= 2); // the one at the start and the one asked for
    }

    // A reader repeating commands cannot make the agent dump the kernel back to back: samples stay
    // at least 250 ms apart and tables 1 s, however many "table", "interval" or "resume" come. Many
    // short commands in one read() are each obeyed, none taken for a line too long.
    void commandFloodIsBounded()
    {
        QElapsedTimer elapsed;
        elapsed.start();
        QProcess agent;
        startStream(agent, {"--interval", "10"});
        QByteArray flood;
        for (int i = 0; i < 2000; ++i)
            flood += "table\ninterval 250\nresume\n";
        agent.write(flood);
        QVERIFY(agent.waitForBytesWritten(5000));
        QTest::qWait(300);
        agent.closeWriteChannel();
        QVERIFY(agent.waitForFinished(5000));
        const qint64 ms = elapsed.elapsed();
        QCOMPARE(agent.exitCode(), 0);
        Recording recording;
        QString error;
        QVERIFY2(recording.read(saved(agent.readAllStandardOutput(), "flood.rec"), &error), qPrintable(error));
        QVERIFY(recording.errors.empty()); // 2000 times 27 bytes of good commands: no "too long"
        QVERIFY2(qint64(recording.summaries.size()) <= 2 + ms / 250, qPrintable(QString::number(recording.summaries.size())));
        QVERIFY2(qint64(recording.snapshots.size()) <= 2 + ms / 1000, qPrintable(QString::number(recording.snapshots.size())));
    }

    // One sampling session: `sockscope --record`, `sockscope-agent --record` and the agent's
    // stream sample the same population alike, so their frames decode to the same summaries and
    // tables, times (the sockets' age among them) and the host-wide slab figures aside. A recording ends with the last dump's
    // table, whoever wrote it; a stream just stops.
    void recordersWriteAlike()
    {
        const QString ours = m_dir.filePath("sockscope-alike.rec"), theirs = m_dir.filePath("agent-alike.rec");
        const ProcessRun window = ProcessRun::run(SOCKSCOPE_BINARY, {"--record", ours, "--interval", "0.25", "--samples", "3"});
        QVERIFY2(window.exitCode == 0, window.err.constData());
        const ProcessRun agent = ProcessRun::run(SOCKSCOPE_AGENT, {"--record", theirs, "--interval", "0.25", "--samples", "3"});
        QVERIFY2(agent.exitCode == 0, agent.err.constData());
        QProcess streaming;
        startStream(streaming, {"--interval", "0.25", "--samples", "3"});
        QVERIFY(streaming.waitForFinished(30000));
        QCOMPARE(streaming.exitCode(), 0);

        Recording recordings[3];
        const QString paths[3] = {ours, theirs, saved(streaming.readAllStandardOutput(), "stream-alike.rec")};
        QString error;
        for (int i = 0; i < 3; ++i) {
            QVERIFY2(recordings[i].read(paths[i], &error), qPrintable(error));
            // A stream has no END frame: only a recording's reads back without a warning.
            QVERIFY2(i == 2 || recordings[i].warnings.isEmpty(), qPrintable(recordings[i].warnings.join('\n')));
            QCOMPARE(int(recordings[i].summaries.size()), 3);
        }
        QVERIFY(recordings[0].endedCleanly && recordings[1].endedCleanly);
        QCOMPARE(int(recordings[0].snapshots.size()), 2); // the first dump's and the last's
        QCOMPARE(int(recordings[1].snapshots.size()), 2);
        QCOMPARE(int(recordings[2].snapshots.size()), 1);
        const auto sameSocketFigures = [](const SampleSummary &a, const SampleSummary &b) {
            return a.states == b.states && a.totalSockets == b.totalSockets && a.maxTimeWaitBuckets == b.maxTimeWaitBuckets
                && a.localPortCount == b.localPortCount && a.remotePortCount == b.remotePortCount
                && std::equal(a.localPorts.begin(), a.localPorts.begin() + a.localPortCount, b.localPorts.begin(),
                              [](const PortCount &x, const PortCount &y) { return x.port == y.port && x.count == y.count; })
                && std::equal(a.remotePorts.begin(), a.remotePorts.begin() + a.remotePortCount, b.remotePorts.begin(),
                              [](const PortCount &x, const PortCount &y) { return x.port == y.port && x.count == y.count; })
                && a.ratesValidMask == b.ratesValidMask && a.consistent == b.consistent && sameOwners(a, b);
        };
        for (int i = 1; i < 3; ++i) {
            for (int k = 0; k < 3; ++k)
                QVERIFY2(sameSocketFigures(recordings[0].summaries[k], recordings[i].summaries[k]),
                         qPrintable(QStringLiteral("recording %1, summary %2").arg(i).arg(k)));
        }
        QCOMPARE(recordings[0].summaries[2].count(TcpState::TimeWait), 27u);
        const auto rows = [&](int recording, int table) {
            QString failure;
            const SnapshotPtr snapshot = recordings[recording].loadSnapshot(std::size_t(table), &failure);
            std::vector<std::tuple<quint8, TcpState, quint16, quint16, quint64, quint32>> out;
            for (const SocketRecord &r : snapshot ? snapshot->sockets : std::vector<SocketRecord>())
                out.emplace_back(r.family, r.state, r.localPort, r.remotePort, r.cookie, r.inode);
            std::sort(out.begin(), out.end());
            return out;
        };
        QCOMPARE(rows(0, 0).size(), std::size_t(35));
        QVERIFY(rows(0, 0) == rows(1, 0) && rows(0, 0) == rows(2, 0));
        QVERIFY(rows(0, 1) == rows(1, 1) && rows(0, 1) == rows(0, 0));
    }

    // --record writes a file the window replays.
    void recordReplays()
    {
        const QString path = m_dir.filePath("agent.sockrec");
        const ProcessRun run = ProcessRun::run(SOCKSCOPE_AGENT, {"--record", path, "--interval", "0.25", "--samples", "2"});
        QCOMPARE(run.exitCode, 0);
        Recording recording;
        QString error;
        QVERIFY2(recording.read(path, &error), qPrintable(error));
        QVERIFY(recording.endedCleanly);
        QCOMPARE(int(recording.summaries.size()), 2);
        QVERIFY(recording.warnings.isEmpty());
        const QString picture = m_dir.filePath("replay.png");
        const ProcessRun replay = ProcessRun::run(SOCKSCOPE_BINARY, {"--replay", path, "--screenshot", picture});
        QVERIFY2(replay.exitCode == 0, replay.err.constData());
        QVERIFY(QFile::exists(picture));
    }

    void usageErrorsExitTwo()
    {
        for (const QStringList &arguments : {QStringList {}, QStringList {"--once", "--stream"}, QStringList {"--frobnicate"},
                                             QStringList {"--stream", "--interval", "0"},
                                             QStringList {"--once", "--states", "nope"}, QStringList {"--record"}}) {
            const ProcessRun run = ProcessRun::run(SOCKSCOPE_AGENT, arguments);
            QVERIFY2(run.exitCode == 2, qPrintable(arguments.join(' ')));
            QVERIFY(run.err.startsWith("sockscope-agent: "));
        }
        const ProcessRun missing = ProcessRun::run(SOCKSCOPE_AGENT, {"--once", "--netns", "no-such-namespace"});
        QCOMPARE(missing.exitCode, 1);
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestAgent, QCoreApplication)

#include "tst_agent.moc"
