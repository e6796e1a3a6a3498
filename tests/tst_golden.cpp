#include "wording/coremessagetext.h"
#include "core/metrics/metricsrenderer.h"
#include "bridge/qtstd.h"
#include "recording/recording.h"
#include "core/snapshot/snapshotjsonwriter.h"
#include "core/snapshot/snapshottextreport.h"
#include "report/snapshottextwriter.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTest>

#include <cstdio>
#include <cstdlib>
#include <ctime>

// Golden outputs: what users and their scripts parse — `--once` as text and as JSON, and the
// exporter's /metrics in both formats — written from one recorded snapshot and compared byte for
// byte with the files under tests/golden/, so that any change of output shows as a diff of those
// files in review. The input is tests/golden/input.sockrec, a recording made by sockscope-agent
// (tests/golden/record-input.sh); its last socket table is read back as replay reads it
// (Recording, FrameReader, RecordingFrames) and handed to the writers the programs use, with the
// options they use (app/cli/oncecommand.cpp, app/agent/agentonce.cpp, MetricsCollection). Time, host,
// kernel, namespace and durations are the recording's, so nothing is masked; the text report
// prints local time, so the test runs in UTC.
//
// After an intended change of output: SOCKSCOPE_UPDATE_GOLDEN=1 build/tests/tst_golden rewrites
// the files, and the diff is reviewed with the change.
class TestGolden : public QObject
{
    Q_OBJECT

    SnapshotPtr m_snapshot;

    // Empty when `actual` is `expected` to the byte, else a unified diff of the two (or why not).
    static QString difference(const QString &name, const QByteArray &expected, const QByteArray &actual)
    {
        if (expected == actual)
            return {};
        const QString dir = QCoreApplication::applicationDirPath() + QStringLiteral("/golden-actual");
        QDir().mkpath(dir);
        const QString expectedPath = dir + QLatin1Char('/') + name + QStringLiteral(".expected");
        const QString actualPath = dir + QLatin1Char('/') + name;
        for (const auto &[path, bytes] : {std::pair {expectedPath, expected}, std::pair {actualPath, actual}}) {
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
                return QStringLiteral("differs (and %1 cannot be written)").arg(path);
        }
        QProcess diff;
        diff.start(QStringLiteral("diff"), {QStringLiteral("-u"), expectedPath, actualPath});
        diff.waitForFinished(10000);
        QString out = QString::fromUtf8(diff.readAllStandardOutput());
        if (out.isEmpty())
            out = QStringLiteral("differs (%1 bytes expected, %2 written)\n").arg(expected.size()).arg(actual.size());
        return out + QStringLiteral("the output is in %1\n").arg(actualPath);
    }

    static void compareWithGolden(const QString &name, const QByteArray &actual)
    {
        const QString path = QStringLiteral(GOLDEN_DIR "/") + name;
        QFile file(path);
        if (qEnvironmentVariable("SOCKSCOPE_UPDATE_GOLDEN") == QLatin1String("1")) {
            QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(actual) == actual.size(),
                     qPrintable(path));
            qInfo("rewrote %s", qPrintable(path));
            return;
        }
        QVERIFY2(file.open(QIODevice::ReadOnly),
                 qPrintable(path + QStringLiteral(" is missing: SOCKSCOPE_UPDATE_GOLDEN=1 writes it")));
        const QString diff = difference(name, file.readAll(), actual);
        if (!diff.isEmpty()) {
            // Whole, on stderr: a failure message is cut short.
            std::fputs(qPrintable(diff), stderr);
            QFAIL(qPrintable(QStringLiteral("%1 differs from what is written now (the diff is above). If the change is "
                                            "intended, run with SOCKSCOPE_UPDATE_GOLDEN=1 and review the diff.")
                                 .arg(path)));
        }
    }

    // `sockscope --once --format json [--sockets]`: its options, its wording of warnings.
    // (`sockscope-agent --once --format json` is the same document, its warnings given as codes.)
    QByteArray sockscopeJson(bool sockets) const
    {
        SnapshotJsonWriter::Options options;
        options.topPorts = 10;
        options.includeSockets = sockets;
        options.wording = &CoreMessageText::utf8;
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        return SnapshotJsonWriter::write(*m_snapshot, options, deviceSink(&buffer)) ? buffer.data() : QByteArray();
    }

    QByteArray agentText() const
    {
        SnapshotTextLabels labels;
        labels.program = "sockscope-agent";
        return QByteArray::fromStdString(SnapshotTextReport::format(*m_snapshot, 10, labels));
    }

    // GET /metrics after the exporter's first collection (MetricsCollection::collect), the
    // collection being the recorded one: its duration, dump time and wall time.
    QByteArray metrics(ExpositionWriter::Format format) const
    {
        CollectionStats stats;
        stats.collections = 1;
        stats.lastSucceeded = true;
        stats.lastDurationSeconds = double(m_snapshot->collectNs) / 1e9;
        stats.lastDumpSeconds = double(m_snapshot->dumpNs) / 1e9;
        stats.lastWallSeconds = double(m_snapshot->wallTimeMs) / 1e3;
        return QByteArray::fromStdString(MetricsRenderer::render(m_snapshot.get(), stats, MetricsOptions(), format));
    }

private slots:
    void initTestCase()
    {
        qputenv("TZ", "UTC");
        tzset();
        Recording recording;
        QString error;
        QVERIFY2(recording.read(QStringLiteral(GOLDEN_DIR "/input.sockrec"), &error), qPrintable(error));
        QVERIFY2(recording.warnings.isEmpty(), qPrintable(recording.warnings.join(QLatin1Char('\n'))));
        QVERIFY(!recording.snapshots.empty());
        m_snapshot = recording.loadSnapshot(recording.snapshots.size() - 1, &error);
        QVERIFY2(m_snapshot, qPrintable(error));
        // The input holds what the outputs are about: TIME-WAIT on both sides with its owners, a
        // busy port tuple, counter rates.
        QVERIFY(m_snapshot->count(TcpState::TimeWait) > 0);
        QVERIFY(!m_snapshot->timeWaitByLocalPort.empty() && !m_snapshot->timeWaitByRemotePort.empty());
        QCOMPARE(m_snapshot->owners.scope, OwnerScope::AllProcesses);
        QVERIFY(!m_snapshot->owners.timeWaitByOwner.empty());
        QVERIFY(!m_snapshot->portPressure.empty());
        QVERIFY(m_snapshot->rates.has_value());
        QCOMPARE(QString::fromStdString(m_snapshot->host), QStringLiteral("golden-host"));
    }

    void outputs_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("output");
        QTest::newRow("sockscope --once") << "once.txt" << SnapshotTextWriter::format(*m_snapshot, 10).toUtf8();
        QTest::newRow("sockscope --once --format json") << "once.json" << sockscopeJson(false);
        QTest::newRow("sockscope --once --format json --sockets") << "once-sockets.json" << sockscopeJson(true);
        QTest::newRow("sockscope-agent --once") << "agent-once.txt" << agentText();
        QTest::newRow("/metrics, text 0.0.4") << "metrics.prom" << metrics(ExpositionWriter::Format::Prometheus);
        QTest::newRow("/metrics, OpenMetrics") << "metrics.openmetrics" << metrics(ExpositionWriter::Format::OpenMetrics);
    }

    void outputs()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, output);
        QVERIFY(!output.isEmpty());
        compareWithGolden(name, output);
    }

    // The comparison is of bytes: one character changed anywhere is a failure, with its diff.
    void oneCharacterIsADifference()
    {
        const QByteArray expected = sockscopeJson(false);
        for (const qsizetype at : {qsizetype(0), expected.size() / 2, expected.size() - 1}) {
            QByteArray changed = expected;
            changed[at] = changed[at] == ' ' ? '\t' : ' ';
            QVERIFY(!difference(QStringLiteral("one-character.json"), expected, changed).isEmpty());
        }
        QVERIFY(difference(QStringLiteral("one-character.json"), expected, expected).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestGolden)
#include "tst_golden.moc"
