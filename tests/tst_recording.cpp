#include "netnstestmain.h"
#include "bridge/qtstd.h"
#include "recording/recording.h"
#include "core/stream/recordingwriter.h"
#include "sameowners.h"
#include "sampling/samplingworker.h"
#include "socketpopulation.h"
#include "core/stream/sockettablecodec.h"
#include "core/stream/summarycodec.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

// Record -> replay through the real sampler and files, and what a damaged file does.
class TestRecording : public QObject
{
    Q_OBJECT

    std::unique_ptr<SocketPopulation> m_population;
    QTemporaryDir m_dir;
    QString m_file;
    std::vector<SampleSummary> m_recorded;
    std::vector<SnapshotPtr> m_snapshots;

    static bool sameSummary(const SampleSummary &a, const SampleSummary &b)
    {
        return a.timeMs == b.timeMs && a.states == b.states && a.totalSockets == b.totalSockets
            && a.maxTimeWaitBuckets == b.maxTimeWaitBuckets && a.localPortCount == b.localPortCount
            && a.remotePortCount == b.remotePortCount
            && std::equal(a.localPorts.begin(), a.localPorts.begin() + a.localPortCount, b.localPorts.begin(),
                          [](const PortCount &x, const PortCount &y) { return x.port == y.port && x.count == y.count; })
            && std::equal(a.remotePorts.begin(), a.remotePorts.begin() + a.remotePortCount, b.remotePorts.begin(),
                          [](const PortCount &x, const PortCount &y) { return x.port == y.port && x.count == y.count; })
            && a.slabBytes == b.slabBytes && a.slabPresentMask == b.slabPresentMask && a.slabExactMask == b.slabExactMask
            && a.rates == b.rates && a.ratesValidMask == b.ratesValidMask && a.collectMs == b.collectMs
            && a.consistent == b.consistent && a.socketAgeMs == b.socketAgeMs && sameOwners(a, b);
    }

    static std::vector<std::tuple<quint8, TcpState, quint16, quint16, quint64>> keys(const std::vector<SocketRecord> &records)
    {
        std::vector<std::tuple<quint8, TcpState, quint16, quint16, quint64>> out;
        for (const SocketRecord &r : records)
            out.emplace_back(r.family, r.state, r.localPort, r.remotePort, r.cookie);
        std::sort(out.begin(), out.end());
        return out;
    }

private slots:
    void initTestCase()
    {
        m_population = std::make_unique<SocketPopulation>();
        const SocketPopulation::Endpoint v4 {AF_INET, "127.0.0.1", 7001};
        const SocketPopulation::Endpoint v6 {AF_INET6, "::1", 7443};
        QVERIFY(m_population->listen(v4) && m_population->listen(v6));
        QVERIFY(m_population->closedConnections(v4, 20, SocketPopulation::CloseOrder::ServerFirst));
        QVERIFY(m_population->closedConnections(v6, 5, SocketPopulation::CloseOrder::ClientFirst));
        QVERIFY(m_population->establishedPairs(v4, 3));

        // Record through the real sampler: 6 samples, a table every second, a marker.
        m_file = m_dir.filePath("capture.rec");
        SamplingWorker sampler(NetworkNamespace(), AllTcpStatesMask);
        QSignalSpy stopped(&sampler, &SamplingWorker::recordingStopped);
        QObject::connect(&sampler, &SamplingWorker::sampled, &sampler, [&](const SamplePtr &sample) {
            m_recorded.push_back(sample->summary);
            m_snapshots.push_back(sample->snapshot);
            if (m_recorded.size() == 3)
                sampler.addMarker(sample->summary.timeMs, QString::fromUtf8("deploy — 发布"));
            if (m_recorded.size() == 6) {
                sampler.setPaused(true);
                sampler.stopRecording();
            }
            sampler.acknowledge();
        });
        // Every sample dumps (a budget of one CPU): the pacer's default 5 % may skip a dump, and with it a table
        // the tests below read back, when the machine is slow (the sanitizer build).
        sampler.setDumpBudget(1.0);
        sampler.startRecording(m_file, 1);
        sampler.start(250);
        QVERIFY(stopped.wait(10000));
        QCOMPARE(stopped.at(0).at(2).toInt(), 6);
    }

    void summariesComeBackExactly()
    {
        Recording recording;
        QString error;
        QVERIFY2(recording.read(m_file, &error), qPrintable(error));
        QVERIFY2(recording.warnings.isEmpty(), qPrintable(recording.warnings.join('\n')));
        QVERIFY(recording.endedCleanly);
        QCOMPARE(recording.summaries.size(), m_recorded.size());
        for (std::size_t i = 0; i < m_recorded.size(); ++i)
            QVERIFY2(sameSummary(recording.summaries[i], m_recorded[i]), qPrintable(QString::number(i)));
        QCOMPARE(recording.summaries.front().count(TcpState::TimeWait), 25u);
        QCOMPARE(recording.markers.size(), std::size_t(1));
        QCOMPARE(recording.markers.front().label, QString::fromUtf8("deploy — 发布"));
        QCOMPARE(recording.markers.front().timeMs, m_recorded[2].timeMs);
        QCOMPARE(recording.header.value("schema").toString(), QStringLiteral("sockscope.recording/1"));
        QCOMPARE(recording.header.value("interval_ms").toInt(), 250);
    }

    void socketTablesComeBack()
    {
        Recording recording;
        QString error;
        QVERIFY(recording.read(m_file, &error));
        // At the start, about every second, and at the stop.
        QVERIFY(recording.snapshots.size() >= 3);
        const SnapshotPtr first = recording.loadSnapshot(0, &error);
        QVERIFY2(first, qPrintable(error));
        QCOMPARE(keys(first->sockets), keys(m_snapshots.front()->sockets));
        QCOMPARE(first->stateCounts, m_snapshots.front()->stateCounts);
        QCOMPARE(first->count(TcpState::TimeWait), 25u);
        QCOMPARE(first->namespaceId, m_snapshots.front()->namespaceId);
        QCOMPARE(first->sysctls.size(), m_snapshots.front()->sysctls.size());
        QCOMPARE(first->maxTimeWaitBuckets(), m_snapshots.front()->maxTimeWaitBuckets());
        QCOMPARE(first->timeWaitByLocalPort.front().port, quint16(7001));
        QCOMPARE(first->slab.cache(SlabCache::TimeWaitV4).bytes, m_snapshots.front()->slab.cache(SlabCache::TimeWaitV4).bytes);
        QCOMPARE(first->counters.values, m_snapshots.front()->counters.values);
        // A time before the first table gives the first; after the last, the last.
        QVERIFY(recording.snapshotAt(0, &error));
        QVERIFY(recording.snapshotAt(std::numeric_limits<qint64>::max(), &error));
    }

    void cutShortAnywhere()
    {
        QFile file(m_file);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray whole = file.readAll();
        Recording full;
        QString error;
        QVERIFY(full.read(m_file, &error));
        const QString cut = m_dir.filePath("cut.rec");
        // magic (14) + version (2) + header length (4) + the JSON header
        const qsizetype headerEnd = 20 + qsizetype(quint8(whole[16]) | quint8(whole[17]) << 8 | quint8(whole[18]) << 16);
        int opened = 0;
        // Every prefix of the file: header cut (refused with a reason) or opened up to the last whole frame.
        for (qsizetype length = 0; length < whole.size(); length += 1 + length / 64) {
            QFile out(cut);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(whole.left(length));
            out.close();
            Recording recording;
            if (!recording.read(cut, &error)) {
                QVERIFY(!error.isEmpty());
                QVERIFY(length < headerEnd); // only a cut inside the header is refused
                continue;
            }
            ++opened;
            QVERIFY(!recording.warnings.isEmpty());
            QVERIFY(!recording.endedCleanly);
            QVERIFY(recording.summaries.size() <= full.summaries.size());
            for (std::size_t i = 0; i < recording.summaries.size(); ++i)
                QVERIFY(sameSummary(recording.summaries[i], full.summaries[i]));
            QVERIFY(recording.goodBytes <= length);
            for (std::size_t i = 0; i < recording.snapshots.size(); ++i)
                QVERIFY(recording.loadSnapshot(i, &error));
        }
        QVERIFY(opened > 50);
    }

    void damagedFrame()
    {
        QFile file(m_file);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray bytes = file.readAll();
        Recording full;
        QString error;
        QVERIFY(full.read(m_file, &error));
        // Flip one byte in the middle of the file: everything before that frame is kept.
        const qsizetype middle = bytes.size() / 2;
        bytes[middle] = char(bytes[middle] ^ 0x5a);
        const QString damaged = m_dir.filePath("damaged.rec");
        QFile out(damaged);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes);
        out.close();
        Recording recording;
        QVERIFY(recording.read(damaged, &error));
        QVERIFY2(recording.warnings.join(' ').contains("damaged") || recording.warnings.join(' ').contains("cut short")
                     || recording.warnings.join(' ').contains("decoded"),
                 qPrintable(recording.warnings.join('\n')));
        QVERIFY(recording.summaries.size() < full.summaries.size());
        QVERIFY(recording.goodBytes <= middle);

        QVERIFY(!recording.read(QStringLiteral(FIXTURES_DIR "/sockstat.txt"), &error));
        QVERIFY2(error.contains("not a sockscope recording"), qPrintable(error));
    }

    void decodersRefuseGarbage()
    {
        // qUncompress complains about every corrupt stream on stderr; that is expected here.
        const QtMessageHandler previous = qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
        const auto restore = qScopeGuard([previous] { qInstallMessageHandler(previous); });
        QRandomGenerator random(42);
        for (int i = 0; i < 2000; ++i) {
            QByteArray garbage(int(random.bounded(0, 400)), Qt::Uninitialized);
            for (char &c : garbage)
                c = char(random.bounded(256));
            SampleSummary summary;
            SummaryCodec::decode(byteView(garbage), &summary);
            std::vector<SocketRecord> records;
            if (!SocketTableCodec::decode(byteView(garbage), &records))
                QVERIFY(records.empty());
        }
        // A valid table with its last byte changed is refused, not half-read.
        QByteArray table = QByteArray::fromStdString(SocketTableCodec::encode(m_snapshots.front()->sockets));
        std::vector<SocketRecord> records;
        QVERIFY(SocketTableCodec::decode(byteView(table), &records));
        QCOMPARE(records.size(), m_snapshots.front()->sockets.size());
        table.chop(1);
        QVERIFY(!SocketTableCodec::decode(byteView(table), &records));
        QVERIFY(records.empty());
    }

    // Version 2 stores cookies as ranks into their sorted list: every set of cookies comes back
    // exactly, repeats and the extremes of 64 bits included, in tables of 0, 1 and enough rows
    // for three rank bytes; a rank outside the list is refused.
    void cookieRanksComeBackExactly_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("distinct");
        QTest::newRow("empty table") << 0 << 0;
        QTest::newRow("one row") << 1 << 1;
        QTest::newRow("one cookie repeated") << 5 << 1;
        QTest::newRow("one rank byte") << 200 << 200;
        QTest::newRow("two rank bytes, repeats") << 3000 << 1700;
        QTest::newRow("three rank bytes") << 70000 << 70000;
    }

    void cookieRanksComeBackExactly()
    {
        QFETCH(int, rows);
        QFETCH(int, distinct);
        QRandomGenerator random(7);
        std::vector<quint64> values {0, ~quint64(0)};
        while (int(values.size()) < distinct)
            values.push_back(random.generate64());
        values.resize(std::size_t(distinct));
        std::vector<SocketRecord> table(std::size_t(rows), m_snapshots.front()->sockets.front());
        for (int i = 0; i < rows; ++i) {
            table[std::size_t(i)].localPort = quint16(random.bounded(65536));
            table[std::size_t(i)].cookie = values[std::size_t(i < distinct ? i : int(random.bounded(distinct)))];
        }
        const std::string bytes = SocketTableCodec::encode(table);
        std::vector<SocketRecord> back;
        QVERIFY(SocketTableCodec::decode(bytes, &back));
        QCOMPARE(back.size(), table.size());
        QVERIFY(keys(back) == keys(table));
    }

    // Recordings of version 1 (cookies as varints; summaries without the socket figures' age)
    // still open and replay: tests/fixtures/recording-v1.rec was written by the version-1 agent
    // (`sockscope-agent --record --samples 2`) beside 1 listener, 3 established pairs and 4
    // connections the client closed first.
    void readsVersion1Recordings()
    {
        Recording recording;
        QString error;
        QVERIFY2(recording.read(QStringLiteral(FIXTURES_DIR "/recording-v1.rec"), &error), qPrintable(error));
        QCOMPARE(int(recording.formatVersion), 1);
        QCOMPARE(recording.summaries.size(), std::size_t(2));
        for (const SampleSummary &summary : recording.summaries) {
            QCOMPARE(summary.count(TcpState::Listen), 1u);
            QCOMPARE(summary.count(TcpState::Established), 6u);
            QCOMPARE(summary.count(TcpState::TimeWait), 4u);
            QCOMPARE(summary.socketAgeMs, 0u);
        }
        QVERIFY(!recording.snapshots.empty());
        const SnapshotPtr table = recording.loadSnapshot(0, &error);
        QVERIFY2(table, qPrintable(error));
        QCOMPARE(table->sockets.size(), std::size_t(11));
        std::set<quint64> cookies;
        for (const SocketRecord &r : table->sockets)
            cookies.insert(r.cookie);
        QCOMPARE(cookies.size(), std::size_t(11));
        QVERIFY(!cookies.count(0));
    }

    void secondRecordingCountsItsOwn()
    {
        // Issue 10, item 15: the window records through one sampler; its second recording must
        // not report (or write in its END frame) the first one's samples.
        SamplingWorker sampler(NetworkNamespace(), AllTcpStatesMask);
        QSignalSpy progress(&sampler, &SamplingWorker::recordingProgress);
        QSignalSpy stopped(&sampler, &SamplingWorker::recordingStopped);
        QObject::connect(&sampler, &SamplingWorker::sampled, &sampler, [&](const SamplePtr &) { sampler.acknowledge(); });
        sampler.startRecording(m_dir.filePath("first-of-two.rec"), 0);
        sampler.start(250);
        QVERIFY(QTest::qWaitFor([&] { return progress.size() >= 3; }, 10000));
        sampler.stopRecording();
        QVERIFY(stopped.wait(5000));
        QVERIFY(stopped.last().at(2).toInt() >= 3);

        progress.clear();
        const QString second = m_dir.filePath("second-of-two.rec");
        sampler.startRecording(second, 0);
        QVERIFY(progress.wait(5000));
        QCOMPARE(progress.first().at(1).toInt(), 1); // samples
        QCOMPARE(progress.first().at(2).toInt(), 1); // the table a recording starts with
        sampler.setPaused(true);
        sampler.stopRecording();
        QVERIFY(stopped.wait(5000));
        Recording recording;
        QString error;
        QVERIFY(recording.read(second, &error));
        QCOMPARE(int(recording.summaries.size()), stopped.last().at(2).toInt());
        QCOMPARE(QFileInfo(second).size(), stopped.last().at(1).toLongLong());
    }

    void headlessCommand()
    {
        const QString file = m_dir.filePath("headless.rec");
        QProcess sockscope;
        sockscope.start(SOCKSCOPE_BINARY, {"--record", file, "--samples", "3", "--interval", "0.25"});
        QVERIFY(sockscope.waitForFinished(20000));
        QCOMPARE(sockscope.exitCode(), 0);
        QVERIFY2(sockscope.readAllStandardError().contains("recorded 3 samples"), "no summary line");
        Recording recording;
        QString error;
        QVERIFY(recording.read(file, &error));
        QCOMPARE(recording.summaries.size(), std::size_t(3));
        QVERIFY(recording.endedCleanly);
        QVERIFY(recording.warnings.isEmpty());
    }

    void stopsCleanlyOnSignal_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGTERM") << int(SIGTERM);
        // The terminal closing (an ssh session dropped): ended with its table and end mark.
        QTest::newRow("SIGHUP") << int(SIGHUP);
    }

    // Under nohup (SIGHUP ignored when started) a hang-up does not end the recording.
    void keepsRecordingUnderNohup()
    {
        const QString file = m_dir.filePath("nohup.rec");
        QProcess sockscope;
        sockscope.setChildProcessModifier([] { ::signal(SIGHUP, SIG_IGN); });
        sockscope.start(SOCKSCOPE_BINARY, {"--record", file, "--interval", "0.25"});
        QVERIFY(sockscope.waitForStarted());
        QVERIFY(QTest::qWaitFor([&] { return QFileInfo(file).size() > 0; }, 10000));
        ::kill(pid_t(sockscope.processId()), SIGHUP);
        QVERIFY(!sockscope.waitForFinished(600));
        ::kill(pid_t(sockscope.processId()), SIGTERM);
        QVERIFY(sockscope.waitForFinished(5000));
        QCOMPARE(sockscope.exitCode(), 0);
    }

    void stopsCleanlyOnSignal()
    {
        QFETCH(int, signalNumber);
        const QString file = m_dir.filePath("interrupted.rec");
        QProcess sockscope;
        sockscope.start(SOCKSCOPE_BINARY, {"--record", file, "--duration", "60", "--interval", "0.25"});
        QVERIFY(sockscope.waitForStarted());
        QTest::qWait(1200);
        ::kill(pid_t(sockscope.processId()), signalNumber);
        QVERIFY(sockscope.waitForFinished(5000));
        QCOMPARE(sockscope.exitStatus(), QProcess::NormalExit);
        QCOMPARE(sockscope.exitCode(), 0);
        Recording recording;
        QString error;
        QVERIFY(recording.read(file, &error));
        QVERIFY(recording.endedCleanly);
        QVERIFY(recording.summaries.size() >= 3);
        QVERIFY(recording.snapshots.size() >= 2); // at the start and at the stop
    }

    void stopsCleanlyOnEarlySignal()
    {
        // SIGTERM as soon as the command catches it (its SigCgt mask in /proc says so), which is
        // before or about the first sample: it still exits 0, and a file it began is whole.
        const QString file = m_dir.filePath("early.rec");
        QProcess sockscope;
        sockscope.start(SOCKSCOPE_BINARY, {"--record", file, "--interval", "0.25"});
        QVERIFY(sockscope.waitForStarted());
        const pid_t pid = pid_t(sockscope.processId());
        const auto catchesTerm = [pid] {
            QFile status(QStringLiteral("/proc/%1/status").arg(pid));
            if (!status.open(QIODevice::ReadOnly))
                return false;
            for (const QByteArray &line : status.readAll().split('\n')) {
                if (line.startsWith("SigCgt:"))
                    return ((line.mid(7).trimmed().toULongLong(nullptr, 16) >> (SIGTERM - 1)) & 1) != 0;
            }
            return false;
        };
        QVERIFY(QTest::qWaitFor(catchesTerm, 10000));
        ::kill(pid, SIGTERM);
        QVERIFY(sockscope.waitForFinished(5000));
        QCOMPARE(sockscope.exitStatus(), QProcess::NormalExit);
        QCOMPARE(sockscope.exitCode(), 0);
        if (QFileInfo::exists(file)) {
            Recording recording;
            QString error;
            QVERIFY2(recording.read(file, &error), qPrintable(error));
            QVERIFY(recording.endedCleanly);
        }
    }

    // Issue 10, item 14: arguments that used to run forever, open the wrong window or block.
    void hostileArguments_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString fifo = m_dir.filePath("fifo");
        QTest::newRow("--record ''") << QStringList {"--record", ""} << 2 << "--record needs a file name";
        QTest::newRow("--replay ''") << QStringList {"--replay", ""} << 2 << "--replay needs a file name";
        QTest::newRow("--replay FIFO") << QStringList {"--replay", fifo} << 1 << "not a regular file";
        QTest::newRow("--replay /dev/null") << QStringList {"--replay", "/dev/null"} << 1 << "not a regular file";
        QTest::newRow("--replay named with escapes")
            << QStringList {"--replay", m_dir.filePath("x\x1b]0;T\x07\x1b[2J")} << 1 << "No such file";
        QTest::newRow("--format with escapes") << QStringList {"--once", "--format", "\x1b[2J"} << 2 << "Unknown format";
        QTest::newRow("--replay missing") << QStringList {"--replay", m_dir.filePath("absent.rec")} << 1 << "No such file";
        // As a desktop launcher passes it (Exec=sockscope %f): reported as a file, not as a usage error.
        QTest::newRow("launcher: missing file") << QStringList {m_dir.filePath("absent.sockrec")} << 1 << "No such file";
        QTest::newRow("launcher: FIFO") << QStringList {fifo} << 1 << "not a regular file";
        QTest::newRow("--record FIFO") << QStringList {"--record", fifo, "--samples", "1"} << 1 << "not a regular file";
        QTest::newRow("--once --netns FIFO") << QStringList {"--once", "--netns", fifo} << 1 << "is not a network namespace";
        QTest::newRow("--record --netns FIFO")
            << QStringList {"--record", m_dir.filePath("n.rec"), "--netns", fifo} << 1 << "is not a network namespace";
    }

    void hostileArguments()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const QString fifo = m_dir.filePath("fifo");
        if (!QFileInfo::exists(fifo))
            QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        QProcess sockscope;
        // No display at all, as over ssh or in a service: the file is still checked and reported.
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            environment.remove(name);
        sockscope.setProcessEnvironment(environment);
        sockscope.start(SOCKSCOPE_BINARY, arguments);
        const bool finished = sockscope.waitForFinished(15000);
        if (!finished)
            sockscope.kill();
        QVERIFY2(finished, "blocked or ran on");
        QCOMPARE(sockscope.exitStatus(), QProcess::NormalExit);
        QCOMPARE(sockscope.exitCode(), exitCode);
        const QString err = QString::fromUtf8(sockscope.readAllStandardError());
        QVERIFY2(err.contains(message), qPrintable(err));
        QVERIFY2(!err.contains(QChar(0x1b)) && !err.contains(QChar(0x07)), qPrintable(err)); // no terminal escapes
        if (exitCode == 2) // one line about the argument, then the hint (not the whole help)
            QVERIFY2(err.endsWith("Try 'sockscope --help'.\n") && err.count('\n') == 2, qPrintable(err));
        else
            QCOMPARE(err.count('\n'), 1); // one clear line
    }

    void recordingsAreOnlyTheRecordersToRead()
    {
        // A recording names every socket's owner: 0600 whatever the umask, and an existing file
        // loses what others could read.
        const mode_t umaskBefore = ::umask(022);
        const auto restoreUmask = qScopeGuard([umaskBefore] { ::umask(umaskBefore); });
        const QString fresh = m_dir.filePath("private.rec");
        const QString existing = m_dir.filePath("was-public.rec");
        QFile old(existing);
        QVERIFY(old.open(QIODevice::WriteOnly) && old.write(QByteArray(100000, 'x')) == 100000);
        old.close();
        QVERIFY(QFile::setPermissions(existing, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
        for (const QString &path : {fresh, existing}) {
            RecordingWriter writer;
            CoreMessage error;
            QVERIFY(writer.open(path.toStdString(), RecordingWriter::Header(), &error));
            struct stat status
            {
            };
            QCOMPARE(::stat(QFile::encodeName(path).constData(), &status), 0);
            QCOMPARE(status.st_mode & 07777, mode_t(0600));
            QVERIFY(status.st_size < 100000); // truncated: the header alone
        }
    }

    void recordingRefusesWhatIsNotItsOwnRegularFile_data()
    {
        QTest::addColumn<QString>("kind");
        for (const char *kind : {"symlink", "dangling symlink", "hard link", "FIFO with a reader", "FIFO", "socket"})
            QTest::newRow(kind) << kind;
    }

    void recordingRefusesWhatIsNotItsOwnRegularFile()
    {
        // Planted at the target by someone who may write the directory: nothing is followed,
        // nothing blocks, nothing else is written.
        QFETCH(QString, kind);
        QTemporaryDir dir;
        const QString target = dir.filePath("target.rec");
        const QString victim = dir.filePath("victim");
        QFile file(victim);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write("keep") == 4);
        file.close();
        const QByteArray path = QFile::encodeName(target);
        int reader = -1;
        int listener = -1;
        const auto closeAll = qScopeGuard([&] {
            if (reader >= 0)
                ::close(reader);
            if (listener >= 0)
                ::close(listener);
        });
        if (kind == "symlink")
            QVERIFY(QFile::link(victim, target));
        else if (kind == "dangling symlink")
            QVERIFY(QFile::link(dir.filePath("absent"), target));
        else if (kind == "hard link")
            QCOMPARE(::link(QFile::encodeName(victim).constData(), path.constData()), 0);
        else if (kind.startsWith("FIFO"))
            QCOMPARE(::mkfifo(path.constData(), 0600), 0);
        if (kind == "FIFO with a reader")
            QVERIFY((reader = ::open(path.constData(), O_RDONLY | O_NONBLOCK)) >= 0);
        if (kind == "socket") {
            listener = ::socket(AF_UNIX, SOCK_STREAM, 0);
            sockaddr_un address {};
            address.sun_family = AF_UNIX;
            QVERIFY(std::size_t(path.size()) < sizeof address.sun_path);
            std::memcpy(address.sun_path, path.constData(), std::size_t(path.size()));
            QCOMPARE(::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
        }
        RecordingWriter writer;
        CoreMessage error;
        QVERIFY(!writer.open(path.toStdString(), RecordingWriter::Header(), &error));
        QCOMPARE(int(error.code), int(CoreMessageCode::RecordingNotRegular));
        QVERIFY(!QFileInfo::exists(dir.filePath("absent")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("keep"));
        if (reader >= 0) {
            char byte = 0;
            QCOMPARE(::read(reader, &byte, 1), ssize_t(0)); // nothing was written into the FIFO
        }
    }

    void recordingRefusesAFileOfAnotherUser()
    {
        // Pre-created and held open by another user in a directory they may write: kept as it
        // is, the file would stay theirs and they would read the recording through their
        // descriptor. It is refused and left untouched.
        QTemporaryDir dir;
        const QString target = dir.filePath("planted.rec");
        QFile planted(target);
        QVERIFY(planted.open(QIODevice::WriteOnly) && planted.write("theirs") == 6);
        planted.close();
        const QByteArray path = QFile::encodeName(target);
        QCOMPARE(::chown(path.constData(), 65534, 65534), 0);
        QCOMPARE(::chmod(path.constData(), 0666), 0);
        RecordingWriter writer;
        CoreMessage error;
        QVERIFY(!writer.open(path.toStdString(), RecordingWriter::Header(), &error));
        QCOMPARE(int(error.code), int(CoreMessageCode::RecordingNotOwned));
        struct stat after
        {
        };
        QCOMPARE(::stat(path.constData(), &after), 0);
        QCOMPARE(after.st_uid, uid_t(65534));
        QCOMPARE(after.st_mode & 07777, mode_t(0666));
        QVERIFY(planted.open(QIODevice::ReadOnly));
        QCOMPARE(planted.readAll(), QByteArray("theirs"));
    }

    void durationBeyondTimerRange()
    {
        // 3,000,000 s is more milliseconds than a QTimer's int holds: still no warning, and
        // --samples ends the recording first.
        const QString file = m_dir.filePath("long.rec");
        QProcess sockscope;
        sockscope.start(SOCKSCOPE_BINARY, {"--record", file, "--duration", "3000000", "--samples", "2", "--interval", "0.25"});
        QVERIFY(sockscope.waitForFinished(20000));
        QCOMPARE(sockscope.exitCode(), 0);
        const QByteArray err = sockscope.readAllStandardError();
        QVERIFY2(!err.contains("Timer") && err.contains("recorded 2 samples"), err.constData());
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestRecording, QCoreApplication)
#include "tst_recording.moc"
