#include "wording/coremessagetext.h"
#include "sources/filesource.h"
#include "views/charts/historypanel.h"
#include "hostilebytes.h"
#include "sources/localsource.h"
#include "views/window/mainwindow.h"
#include "netnstestmain.h"
#include "recording/recording.h"
#include "core/stream/recordingwriter.h"
#include "sameowners.h"
#include "sampling/samplingworker.h"
#include "socketpopulation.h"
#include "sysctl/readonlysysctlchanger.h"
#include "sources/streamsource.h"
#include "views/sysctl/sysctlchangebox.h"
#include "views/sysctl/sysctlpanel.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>

#include <cmath>
#include <sys/socket.h>

// StreamSource over real processes that write real recordings in pieces (the agent's stream is
// the recording format), against Recording::read of the same bytes; and the window with each
// kind of source.
class TestStreamSource : public QObject
{
    Q_OBJECT

    std::unique_ptr<SocketPopulation> m_population;
    QTemporaryDir m_dir;
    QString m_first;
    QString m_second;

    static bool sameSummary(const SampleSummary &a, const SampleSummary &b)
    {
        return a.timeMs == b.timeMs && a.states == b.states && a.totalSockets == b.totalSockets
            && a.localPortCount == b.localPortCount && a.slabBytes == b.slabBytes && a.rates == b.rates && sameOwners(a, b);
    }

    static std::vector<std::tuple<TcpState, quint16, quint16, quint64>> keys(const std::vector<SocketRecord> &records)
    {
        std::vector<std::tuple<TcpState, quint16, quint16, quint64>> out;
        for (const SocketRecord &r : records)
            out.emplace_back(r.state, r.localPort, r.remotePort, r.cookie);
        std::sort(out.begin(), out.end());
        return out;
    }

    // A process that writes `file` in pieces of `piece` bytes, pausing between them, so frames
    // (and their 9-byte headers) arrive split at arbitrary points; then it exits.
    static QProcess *writer(const QString &file, int piece = 997)
    {
        auto process = new QProcess;
        process->setProgram(QStringLiteral("sh"));
        process->setArguments({"-c",
                               "i=0; n=$(stat -c %s \"$1\"); while [ $((i * $2)) -lt \"$n\" ]; do "
                               "dd if=\"$1\" bs=$2 skip=$i count=1 status=none; i=$((i + 1)); sleep 0.01; done",
                               "sh", file, QString::number(piece)});
        return process;
    }

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return QString();
        out.write(bytes);
        return path;
    }

    static QByteArray contents(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    // Records `samples` samples of this namespace through the real sampler, a table each second.
    static bool record(const QString &path, int samples)
    {
        SamplingWorker sampler(NetworkNamespace(), AllTcpStatesMask);
        QSignalSpy stopped(&sampler, &SamplingWorker::recordingStopped);
        int seen = 0;
        QObject::connect(&sampler, &SamplingWorker::sampled, &sampler, [&](const SamplePtr &sample) {
            if (++seen == 2)
                sampler.addMarker(sample->summary.timeMs, QString::fromUtf8("deploy — 发布"));
            if (seen == samples) {
                sampler.setPaused(true);
                sampler.stopRecording();
            }
            sampler.acknowledge();
        });
        sampler.startRecording(path, 1);
        sampler.start(250);
        return stopped.wait(10000);
    }

    static QProcess *writer_(const QString &file) { return writer(file); }

    static bool settled(const StreamSource &source)
    {
        return source.state() == Source::State::Ended || source.state() == Source::State::Reconnecting;
    }

private slots:
    void initTestCase()
    {
        m_population = std::make_unique<SocketPopulation>();
        const SocketPopulation::Endpoint v4 {AF_INET, "127.0.0.1", 7001};
        QVERIFY(m_population->listen(v4));
        QVERIFY(m_population->closedConnections(v4, 12, SocketPopulation::CloseOrder::ServerFirst));
        QVERIFY(m_population->establishedPairs(v4, 3));
        m_first = m_dir.filePath("first.rec");
        m_second = m_dir.filePath("second.rec");
        QVERIFY(record(m_first, 6));
        QVERIFY(record(m_second, 4));
    }

    void sameAsTheFile()
    {
        Recording file;
        QString error;
        QVERIFY(file.read(m_first, &error));
        StreamSource source([this] { return writer(m_first, 97); }, "test");
        std::vector<SampleSummary> shown;
        connect(&source, &Source::sampleReady, this, [&](const SamplePtr &sample) { shown.push_back(sample->summary); });
        QSignalSpy tables(&source, &Source::tableReady);
        source.start(1000);
        QTRY_VERIFY_WITH_TIMEOUT(settled(source), 20000);
        QCOMPARE(source.state(), Source::State::Ended); // the file ends with END: the stream is over, not lost
        QCOMPARE(shown.size(), file.summaries.size());
        for (std::size_t i = 0; i < shown.size(); ++i) {
            QVERIFY(sameSummary(shown[i], file.summaries[i]));
            QVERIFY(!shown[i].gapBefore);
        }
        QCOMPARE(source.received().markers.size(), file.markers.size());
        QCOMPARE(source.received().markers[0].label, file.markers[0].label);
        QCOMPARE(tables.size(), int(file.snapshots.size()));
        const SnapshotPtr last = file.loadSnapshot(file.snapshots.size() - 1, &error);
        QVERIFY(last && source.latestSnapshot());
        QVERIFY(keys(source.latestSnapshot()->sockets) == keys(last->sockets));
        QCOMPARE(source.latestSnapshot()->count(TcpState::TimeWait), last->count(TcpState::TimeWait));
        QVERIFY(source.received().warnings.isEmpty());
        QCOMPARE(source.place().host, file.host());
    }

    void cutAnywhere()
    {
        const QByteArray whole = contents(m_first);
        QVERIFY(!whole.isEmpty());
        QRandomGenerator random(7);
        for (int round = 0; round < 12; ++round) {
            const qsizetype length = round == 0 ? 30 : qsizetype(random.bounded(int(whole.size())));
            const QString cut = write(QStringLiteral("cut.rec"), whole.left(length));
            Recording file;
            QString error;
            const bool opened = file.read(cut, &error);
            StreamSource source([&] { return writer(cut); }, "test");
            source.setBackoff(600000, 600000); // no second attempt within the test
            source.start(1000);
            QTRY_VERIFY_WITH_TIMEOUT(settled(source), 20000);
            const std::vector<SampleSummary> &got = source.received().summaries;
            QCOMPARE(got.size(), opened ? file.summaries.size() : std::size_t(0));
            for (std::size_t i = 0; i < got.size(); ++i)
                QVERIFY(sameSummary(got[i], file.summaries[i]));
            QCOMPARE(source.state(), Source::State::Reconnecting);
            QVERIFY(!source.stateReason().isEmpty());
        }
    }

    void damagedAnywhere()
    {
        const QByteArray whole = contents(m_first);
        QRandomGenerator random(11);
        for (int round = 0; round < 20; ++round) {
            QByteArray bytes = whole;
            HostileBytes::mutate(bytes, random);
            const QString damaged = write(QStringLiteral("damaged.rec"), bytes);
            Recording file;
            QString error;
            const bool opened = file.read(damaged, &error);
            StreamSource source(
                [&] {
                    auto process = new QProcess;
                    process->setProgram(QStringLiteral("cat"));
                    process->setArguments({damaged});
                    return process;
                },
                "test");
            source.setBackoff(600000, 600000);
            source.start(1000);
            QTRY_VERIFY_WITH_TIMEOUT(settled(source), 20000);
            // The frames before the damage are those the file reader keeps (the stream also
            // decodes each table whole, so it may stop one table earlier).
            const std::vector<SampleSummary> &got = source.received().summaries;
            QVERIFY(got.size() <= (opened ? file.summaries.size() : 0));
            for (std::size_t i = 0; i < got.size(); ++i)
                QVERIFY(sameSummary(got[i], file.summaries[i]));
        }
    }

    void reconnectsAndMarksTheGap()
    {
        Recording first, second;
        QString error;
        QVERIFY(second.read(m_second, &error));
        const QByteArray whole = contents(m_first);
        const QString cut = write(QStringLiteral("firstcut.rec"), whole.left(whole.size() * 2 / 3));
        QVERIFY(first.read(cut, &error));
        QVERIFY(!first.summaries.empty());
        int started = 0;
        StreamSource source([&] { return writer(++started == 1 ? cut : m_second); }, "web1");
        source.setBackoff(50, 100);
        MainWindow window(false);
        QStringList banners;
        QList<Source::State> states;
        connect(&source, &Source::stateChanged, this, [&](Source::State state) {
            states << state;
            banners << window.banners()->connectionText();
        });
        window.setSource(&source);
        QTRY_VERIFY_WITH_TIMEOUT(source.connections() == 2 && source.state() == Source::State::Ended, 20000);
        QVERIFY(states.contains(Source::State::Lost));
        QVERIFY(states.contains(Source::State::Reconnecting));
        QVERIFY(states.indexOf(Source::State::Live, states.indexOf(Source::State::Reconnecting)) > 0);
        QVERIFY2(banners.join('\n').contains("Connection to web1 lost"), qPrintable(banners.join('\n')));
        QVERIFY(banners.join('\n').contains("Connected to web1 again"));

        // History: the first connection's samples, then the second's, the first of them after a gap.
        const std::vector<SampleSummary> &got = source.received().summaries;
        QCOMPARE(got.size(), first.summaries.size() + second.summaries.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
            const bool fromSecond = i >= first.summaries.size();
            QVERIFY(sameSummary(got[i], fromSecond ? second.summaries[i - first.summaries.size()] : first.summaries[i]));
            QCOMPARE(got[i].gapBefore, i == first.summaries.size());
        }
        QCOMPARE(window.history().size(), int(got.size()));
        // The charts break there even when the gap is short in time.
        HistoryWindow span;
        span.ring = &window.history();
        span.last = window.history().size();
        const QList<QPointF> points = span.points([](const SampleSummary &s) { return s.totalSockets; });
        QCOMPARE(std::count_if(points.begin(), points.end(), [](const QPointF &p) { return std::isnan(p.y()); }), 1);
        QVERIFY(std::isnan(points[qsizetype(first.summaries.size())].y()));
    }

    void refusesANewerVersion()
    {
        QByteArray bytes("SOCKSCOPE-REC\n");
        bytes += QByteArray("\x03\x00\x02\x00\x00\x00{}", 8);
        const QString newer = write(QStringLiteral("newer.rec"), bytes);
        StreamSource source([&] { return writer(newer); }, "web1");
        source.setBackoff(50, 100);
        QSignalSpy failed(&source, &Source::failed);
        source.start(1000);
        QTRY_VERIFY_WITH_TIMEOUT(source.state() == Source::State::Ended, 20000);
        QCOMPARE(failed.size(), 1);
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.contains("web1 sends a version 3 stream; this sockscope reads versions 1 to 2"), qPrintable(message));
        QCOMPARE(source.connections(), 1); // a newer agent is not retried
    }

    void recordsTheStreamAsARecording()
    {
        Recording file;
        QString error;
        QVERIFY(file.read(m_first, &error));
        const QString saved = m_dir.filePath("saved.rec");
        StreamSource source([this] { return writer(m_first); }, "test");
        int shown = 0;
        connect(&source, &Source::sampleReady, this, [&] {
            if (++shown == 3)
                source.startRecording(saved);
        });
        QSignalSpy started(&source, &Source::recordingStarted);
        source.start(1000);
        QTRY_VERIFY_WITH_TIMEOUT(source.state() == Source::State::Ended, 20000);
        QCOMPARE(started.size(), 1);
        QSignalSpy stopped(&source, &Source::recordingStopped);
        source.stopRecording();
        QCOMPARE(stopped.size(), 1);
        Recording copy;
        QVERIFY2(copy.read(saved, &error), qPrintable(error));
        QVERIFY(copy.endedCleanly);
        QVERIFY2(copy.warnings.isEmpty(), qPrintable(copy.warnings.join('\n')));
        QCOMPARE(copy.summaries.size(), file.summaries.size());
        for (std::size_t i = 0; i < copy.summaries.size(); ++i)
            QVERIFY(sameSummary(copy.summaries[i], file.summaries[i]));
        QCOMPARE(copy.markers.size(), file.markers.size());
        // The SUMMARY OWNERS frames were kept with their summaries: the same owners, named.
        QVERIFY(file.summaries.back().ownersKnown);
        QVERIFY(file.ownerLabels.size() > 0);
        QCOMPARE(copy.ownerLabels.size(), file.ownerLabels.size());
        QVERIFY(!copy.snapshots.empty());
        QVERIFY(copy.loadSnapshot(copy.snapshots.size() - 1, &error));
    }

    void theRealAgent()
    {
        // sockscope-agent --stream in this test's namespace: the window's source sees exactly the
        // sockets the test made (12 TIME-WAIT, 3 established pairs), as the local sampler did.
        Recording file;
        QString error;
        QVERIFY(file.read(m_first, &error));
        StreamSource source(
            [] {
                auto process = new QProcess;
                process->setProgram(QStringLiteral(SOCKSCOPE_AGENT));
                process->setArguments({"--stream", "--table-period", "1"});
                return process;
            },
            "agent");
        std::vector<SampleSummary> shown;
        OwnerLabels lastLabels;
        connect(&source, &Source::sampleReady, this, [&](const SamplePtr &sample) {
            shown.push_back(sample->summary);
            lastLabels = sample->ownerLabels;
        });
        source.start(250);
        QTRY_VERIFY_WITH_TIMEOUT(shown.size() >= 2 && source.latestSnapshot(), 20000);
        // The 12 TIME-WAIT sit on a port this test process listens on: attributed to it over time,
        // by its name.
        QFile comm(QStringLiteral("/proc/self/comm"));
        QVERIFY(comm.open(QIODevice::ReadOnly));
        const std::string self = comm.readAll().trimmed().toStdString();
        QVERIFY(shown.back().ownersKnown);
        QCOMPARE(int(shown.back().ownerCount), 1);
        QCOMPARE(lastLabels.size(), std::size_t(1));
        QCOMPARE(lastLabels[0].command, self);
        QCOMPARE(shown.back().timeWaitOfOwner(lastLabels[0].key()), std::int64_t(12));
        QCOMPARE(source.state(), Source::State::Live);
        QCOMPARE(shown.back().count(TcpState::TimeWait), 12u);
        QCOMPARE(shown.back().count(TcpState::Established), 6u);
        QVERIFY(shown.back().states == file.summaries.back().states);
        QCOMPARE(source.latestSnapshot()->count(TcpState::TimeWait), 12u);
        QCOMPARE(source.latestSnapshot()->sockets.size(), std::size_t(shown.back().totalSockets));
        QVERIFY(source.received().warnings.isEmpty());
        // Closing its standard input ends the agent: the stream ends, and is not retried.
        source.stop();
        QTRY_VERIFY_WITH_TIMEOUT(source.connections() == 1 && source.state() == Source::State::Ended, 10000);
    }

    void agentErrorsAreShown()
    {
        // An agent's ERROR frame (a collection that failed, as a code with arguments) reaches
        // the window worded in its language, between samples that still arrive.
        Recording file;
        QString error;
        QVERIFY(file.read(m_first, &error));
        const QString path = m_dir.filePath("errors.rec");
        RecordingWriter writer;
        CoreMessage opened;
        QVERIFY(writer.open(path.toStdString(), RecordingWriter::Header(), &opened));
        const CoreMessage failure {CoreMessageCode::RecordingWriteFailed, {"/var/tmp/x", "No space left on device"}};
        QVERIFY(writer.writeSummary(file.summaries[0]));
        QVERIFY(writer.writeError(file.summaries[0].timeMs, failure));
        QVERIFY(writer.writeSummary(file.summaries[1]));
        QVERIFY(writer.close());
        StreamSource source([&] { return writer_(path); }, "web1");
        QSignalSpy failed(&source, &Source::failed);
        source.start(1000);
        QTRY_VERIFY_WITH_TIMEOUT(source.state() == Source::State::Ended, 20000);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(0).toString(), CoreMessageText::text(failure));
        QVERIFY(failed.at(0).at(0).toString().contains("No space left on device"));
        QCOMPARE(source.received().errors.size(), std::size_t(1));
        QCOMPARE(source.received().summaries.size(), std::size_t(2));
    }

    void leavesNothingRunning()
    {
        // A command that ignores its closed standard input and has a child of its own.
        const QString pidFile = m_dir.filePath("child.pid");
        {
            StreamSource source(
                [&] {
                    auto process = new QProcess;
                    process->setProgram(QStringLiteral("sh"));
                    process->setArguments({"-c", "sleep 600 & echo $! > \"$1\"; wait", "sh", pidFile});
                    return process;
                },
                "web1");
            source.start(1000);
            QTRY_VERIFY_WITH_TIMEOUT(QFile(pidFile).size() > 0, 10000);
            QVERIFY(QFile::exists(QStringLiteral("/proc/%1").arg(QString::fromLatin1(contents(pidFile).trimmed()))));
        }
        const QString child = QStringLiteral("/proc/%1/stat").arg(QString::fromLatin1(contents(pidFile).trimmed()));
        // Gone, or at most a zombie until its parent (now init) reaps it.
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(child) || contents(child).contains(") Z "), 10000);
    }

    void windowEnablesWhatTheSourceCan()
    {
        auto recording = std::make_shared<Recording>();
        QString error;
        QVERIFY(recording->read(m_first, &error));
        SamplingWorker sampler(NetworkNamespace(), AllTcpStatesMask);
        LocalSource local(&sampler, "test");
        FileSource replay(recording);
        StreamSource stream([this] { return writer(m_first); }, "web1");
        stream.setSysctlChanger(new ReadOnlySysctlChanger("run it there"));
        for (Source *source : std::initializer_list<Source *> {&local, &replay, &stream}) {
            MainWindow window(false);
            window.setSource(source);
            const Source::Capabilities can = source->capabilities();
            QCOMPARE(window.findChild<QAction *>("PauseAction")->isEnabled(), can.canPause);
            QCOMPARE(window.findChild<QComboBox *>("IntervalChoice")->isEnabled(), can.canChangeInterval);
            QCOMPARE(window.findChild<QAction *>("RecordAction")->isEnabled(), can.canRecord);
            const QToolBar *bar = window.findChild<QToolBar *>("ReplayBar");
            QCOMPARE(bar && !bar->isHidden(), can.canSeek);
            QCOMPARE(window.docks()->sysctlPanel()->changeBox()->readOnlyReason().isEmpty(), source->sysctlChanger()->canApply());
            QCOMPARE(window.sources()->isReplay(), can.canSeek);
            source->stop();
        }
        QVERIFY(LocalSource(&sampler, "x").capabilities().canPause && !FileSource(recording).capabilities().canPause);
        QCOMPARE(stream.sysctlChanger()->readOnlyReason(), QString("run it there"));
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestStreamSource, QApplication)
#include "tst_streamsource.moc"
