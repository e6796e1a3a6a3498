#include "languages.h"
#include "sources/localsource.h"
#include "views/window/elidinglabel.h"
#include "views/window/mainwindow.h"
#include "netnstestmain.h"
#include "views/charts/portchartpanel.h"
#include "views/charts/ratechartpanel.h"
#include "sampling/samplingworker.h"
#include "views/charts/slabchartpanel.h"
#include "socketpopulation.h"
#include "itemmodels/sockettablemodel.h"
#include "views/table/sockettablepanel.h"
#include "views/charts/statechartpanel.h"
#include "views/sysctl/sysctlpanel.h"
#include "table/tableexporter.h"
#include "views/charts/timeserieschart.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <sys/socket.h>
#include <sys/stat.h>

#include <cstring>

// Capture, export, markers, record and replay, in the window, offscreen.
class TestIncidents : public QObject
{
    Q_OBJECT

    std::unique_ptr<SocketPopulation> m_population;
    std::unique_ptr<SamplingWorker> m_sampler;
    std::unique_ptr<LocalSource> m_source;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;
    QString m_recording;

    bool moreSamples(int more)
    {
        const int target = m_window->history().size() + more;
        return QTest::qWaitFor([&] { return m_window->history().size() >= target; }, 10000);
    }

    static QList<TimeSeriesChart *> timeCharts(MainWindow &window)
    {
        return {window.docks()->statePanel()->chart(), window.docks()->portPanel()->timeChart(),
                window.docks()->slabPanel()->chart(), window.docks()->ratePanel()->chart()};
    }

private slots:
    void initTestCase()
    {
        // LISTEN 1, TIME-WAIT 12 on local port 7001, ESTABLISHED 4.
        m_population = std::make_unique<SocketPopulation>();
        const SocketPopulation::Endpoint server {AF_INET, "127.0.0.1", 7001};
        QVERIFY(m_population->listen(server));
        QVERIFY(m_population->closedConnections(server, 12, SocketPopulation::CloseOrder::ServerFirst));
        QVERIFY(m_population->establishedPairs(server, 2));
        Languages::apply("en");
        m_window = std::make_unique<MainWindow>(false);
        m_sampler = std::make_unique<SamplingWorker>(NetworkNamespace(), AllTcpStatesMask);
        m_window->setIntervalMs(250);
        m_window->show();
        m_source = std::make_unique<LocalSource>(m_sampler.get(), "test");
        m_window->setSource(m_source.get());
        QVERIFY(moreSamples(3));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_sampler.reset();
    }

    void captureIsStamped()
    {
        const CaptureRenderer::Stamp stamp = m_window->sources()->stamp();
        const QString text = stamp.text();
        QVERIFY(text.contains("sockscope " SOCKSCOPE_VERSION));
        QVERIFY(text.contains("host " + QSysInfo::machineHostName()));
        QVERIFY(text.contains("kernel " + QSysInfo::kernelVersion()));
        QVERIFY(text.contains("net:["));
        QVERIFY(stamp.toMs > stamp.fromMs);

        QWidget *chart = m_window->docks()->viewByName("states");
        const QString file = m_dir.filePath("states.png");
        QString error;
        for (const qreal scale : {1.0, 2.0}) {
            QVERIFY2(m_window->capture("states", file, scale, true, &error), qPrintable(error));
            const QImage image(file);
            const int band = CaptureRenderer::bandHeight(chart, text);
            QCOMPARE(image.size(), QSize(chart->width(), chart->height() + band) * scale);
            // The stamp band holds text: several colours in it, not one flat fill.
            QSet<QRgb> colours;
            for (int x = 0; x < image.width(); x += 2)
                colours.insert(image.pixel(x, image.height() - int(band * scale / 2)));
            QVERIFY2(colours.size() > 2, qPrintable(QString::number(colours.size())));
            QCOMPARE(QApplication::clipboard()->image().size(), image.size());
        }
        QVERIFY(m_window->capture("window", m_dir.filePath("window.png"), 1, false, &error));
        QCOMPARE(QImage(m_dir.filePath("window.png")).width(), m_window->width());
    }

    void chartAsSvg()
    {
        const QString file = m_dir.filePath("rates.svg");
        QString error;
        QVERIFY2(m_window->capture("rates", file, 1, false, &error), qPrintable(error));
        QFile svg(file);
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&svg);
        QString description;
        int texts = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == QLatin1String("desc"))
                description = xml.readElementText();
            if (xml.isStartElement() && xml.name() == QLatin1String("text"))
                ++texts;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(description.contains("sockscope " SOCKSCOPE_VERSION));
        QVERIFY(texts > 5); // axis labels, title, legend, stamp
        QVERIFY(!m_window->capture("table", m_dir.filePath("table.svg"), 1, false, &error)); // SVG is for charts
    }

    // A file of tests/golden/, its line ending dropped: a format's header as reviewed. After an
    // intended change, SOCKSCOPE_UPDATE_GOLDEN=1 writes `actual` there instead (as tst_golden does).
    static QByteArray golden(const char *name, const QByteArray &actual)
    {
        QFile file(QStringLiteral(GOLDEN_DIR "/") + QLatin1String(name));
        if (qEnvironmentVariableIsSet("SOCKSCOPE_UPDATE_GOLDEN") && file.open(QIODevice::WriteOnly))
            file.write(actual + '\n');
        file.close();
        return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed() : QByteArray("(missing ") + name + ')';
    }

    static int modeOf(const QString &path)
    {
        struct stat status
        {
        };
        return ::stat(QFile::encodeName(path).constData(), &status) == 0 ? int(status.st_mode & 07777) : -1;
    }

    void exportsParseBack()
    {
        m_window->docks()->tablePanel()->filterEdit()->setText("time-wait");
        QTRY_COMPARE_WITH_TIMEOUT(m_window->docks()->socketModel()->rowCount(), 12, 5000);
        QString error;
        const QString csv = m_dir.filePath("sockets.csv");
        // An earlier export readable by all: replaced by one only its owner reads (the table names
        // every socket's owner).
        QFile earlier(csv);
        QVERIFY(earlier.open(QIODevice::WriteOnly) && earlier.write("old\n") == 4);
        earlier.close();
        QCOMPARE(::chmod(QFile::encodeName(csv).constData(), 0644), 0);
        QVERIFY2(m_window->incidents()->exportSockets(csv, &error), qPrintable(error));
        QCOMPARE(modeOf(csv), 0600);
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csvFile.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + 12); // header + the rows shown, not all sockets
        QCOMPARE(lines[0].trimmed(), golden("sockets-csv-header.csv", lines[0].trimmed()));
        for (int i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> fields = lines[i].trimmed().split(',');
            QCOMPARE(fields.size(), TableExporter::csvColumns().size());
            QCOMPARE(fields[1], QByteArray("TIME-WAIT"));
            QCOMPARE(fields[3], QByteArray("7001"));
        }
        csvFile.close();
        // The owner columns, as the JSON export has them: this process holds the live sockets.
        m_window->docks()->tablePanel()->filterEdit()->setText("established");
        QTRY_COMPARE_WITH_TIMEOUT(m_window->docks()->socketModel()->rowCount(), 4, 5000);
        QVERIFY2(m_window->incidents()->exportSockets(csv, &error), qPrintable(error));
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QList<QByteArray> established = csvFile.readAll().trimmed().split('\n');
        csvFile.close();
        QCOMPARE(established.size(), 1 + 4);
        const QList<QByteArray> columns = established[0].trimmed().split(',');
        QFile comm(QStringLiteral("/proc/self/comm"));
        QVERIFY(comm.open(QIODevice::ReadOnly));
        const QByteArray command = comm.readAll().trimmed();
        for (int i = 1; i < established.size(); ++i) {
            const QList<QByteArray> fields = established[i].trimmed().split(',');
            QCOMPARE(fields.size(), columns.size());
            QCOMPARE(fields[columns.indexOf("process")], command);
            QCOMPARE(fields[columns.indexOf("pid")], QByteArray::number(QCoreApplication::applicationPid()));
            QCOMPARE(fields[columns.indexOf("evidence")], QByteArray("fd"));
        }
        m_window->docks()->tablePanel()->filterEdit()->setText("time-wait");
        QTRY_COMPARE_WITH_TIMEOUT(m_window->docks()->socketModel()->rowCount(), 12, 5000);

        const QString json = m_dir.filePath("sockets.json");
        QVERIFY(m_window->incidents()->exportSockets(json, &error));
        QCOMPARE(modeOf(json), 0600);
        QFile jsonFile(json);
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(jsonFile.readAll()).object();
        // Where it was read, as a capture's stamp says.
        QCOMPARE(root["host"].toString(), QSysInfo::machineHostName());
        QCOMPARE(root["kernel"].toString(), QSysInfo::kernelVersion());
        QVERIFY(root["netns"].toObject()["id"].toString().startsWith("net:["));
        QVERIFY(!root["time"].toString().isEmpty());
        QCOMPARE(root["shown"].toInt(), 12);
        QCOMPARE(root["total"].toInt(), 1 + 12 + 4);
        QCOMPARE(root["sockets"].toArray().size(), 12);
        QCOMPARE(root["sockets"].toArray().at(0).toObject().value("state").toString(), QStringLiteral("TIME-WAIT"));
        m_window->docks()->tablePanel()->filterEdit()->clear();

        const QString history = m_dir.filePath("history.csv");
        QVERIFY(m_window->incidents()->exportHistory(history, &error));
        QFile historyFile(history);
        QVERIFY(historyFile.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = historyFile.readAll().trimmed().split('\n');
        QCOMPARE(rows.size(), 1 + m_window->history().size()); // all within the 5-minute window
        QCOMPARE(rows[0].trimmed(), golden("history-csv-header.csv", rows[0].trimmed()));
        const QList<QByteArray> header = rows[0].trimmed().split(',');
        const QList<QByteArray> last = rows.last().trimmed().split(',');
        QCOMPARE(last.size(), header.size());
        QCOMPARE(last[header.indexOf(QByteArray("TIME-WAIT"))], QByteArray("12"));
        QCOMPARE(last[header.indexOf(QByteArray("ESTABLISHED"))], QByteArray("4"));
        // Port pressure, ports and owners per sample: the busiest tuple is the 2 client
        // connections from 127.0.0.1 to port 7001; the 12 TIME-WAIT entries are on local port 7001.
        QCOMPARE(last[header.indexOf("busiest_tuple")], QByteArray("127.0.0.1 > 127.0.0.1:7001"));
        QCOMPARE(last[header.indexOf("busiest_ports_in_use")], QByteArray("2"));
        const QByteArray range = last[header.indexOf("ephemeral_ports")];
        QVERIFY(range.toInt() > 0);
        QCOMPARE(last[header.indexOf("busiest_percent")], QByteArray::number(200.0 / range.toInt(), 'f', 1));
        QCOMPARE(last[header.indexOf("top_local_ports")], QByteArray("7001:12"));
        QVERIFY(last[header.indexOf("markers")].isEmpty());
    }

    void recordMarkReplay()
    {
        m_recording = m_dir.filePath("incident.sockrec");
        QSignalSpy recording(m_window->incidents(), &IncidentController::recordingChanged);
        m_window->incidents()->startRecording(m_recording);
        QVERIFY(recording.wait(5000));
        QVERIFY(moreSamples(2));
        m_window->incidents()->addMarker("deploy");
        for (TimeSeriesChart *chart : timeCharts(*m_window)) {
            QCOMPARE(chart->markers().size(), std::size_t(1));
            QCOMPARE(chart->markers().front().label, QStringLiteral("deploy"));
        }
        // The marker is in the history export once, in the row of the sample it was set on.
        const QString history = m_dir.filePath("history-marked.csv");
        QString exportError;
        QVERIFY2(m_window->incidents()->exportHistory(history, &exportError), qPrintable(exportError));
        QFile historyFile(history);
        QVERIFY(historyFile.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = historyFile.readAll().trimmed().split('\n');
        const int markersColumn = rows[0].trimmed().split(',').indexOf("markers");
        int marked = 0;
        for (const QByteArray &row : rows)
            marked += row.trimmed().split(',').value(markersColumn) == "deploy" ? 1 : 0;
        QCOMPARE(marked, 1);
        QVERIFY(moreSamples(3));
        m_window->incidents()->stopRecording();
        QVERIFY(recording.wait(5000));
        QCOMPARE(recording.last().at(0).toBool(), false);

        auto loaded = std::make_shared<Recording>();
        QString error;
        QVERIFY2(loaded->read(m_recording, &error), qPrintable(error));
        QVERIFY(loaded->endedCleanly);
        QCOMPARE(loaded->markers.size(), std::size_t(1));
        QVERIFY(loaded->summaries.size() >= 5);

        // Another machine, another window: no sampler, no kernel.
        MainWindow replay(false);
        replay.show();
        replay.openRecording(loaded);
        QVERIFY(replay.sources()->isReplay());
        QVERIFY(!replay.sources()->isSampling());
        QCOMPARE(replay.history().size(), int(loaded->summaries.size()));
        for (TimeSeriesChart *chart : timeCharts(replay))
            QCOMPARE(chart->markers().size(), std::size_t(1));
        QCOMPARE(replay.docks()
                     ->statePanel()
                     ->chart()
                     ->series("TIME-WAIT")
                     ->at(replay.docks()->statePanel()->chart()->series("TIME-WAIT")->count() - 1)
                     .y(),
                 12.0);
        QCOMPARE(replay.docks()->socketModel()->rowCount(), 17); // the recorded table
        QVERIFY(!replay.docks()->sysctlPanel()->applyButton()->isEnabled());
        // The slider moves the charts' end to earlier samples.
        replay.sources()->setReplayPosition(0);
        QCOMPARE(replay.sources()->stamp().toMs, loaded->summaries.front().timeMs);
        QVERIFY(replay.banners()->noticeText().isEmpty());
    }

    void truncatedRecordingOpens()
    {
        QFile whole(m_recording);
        QVERIFY(whole.open(QIODevice::ReadOnly));
        const QByteArray bytes = whole.readAll();
        const QString cut = m_dir.filePath("cut.sockrec");
        QFile out(cut);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes.left(bytes.size() - 100));
        out.close();
        auto loaded = std::make_shared<Recording>();
        QString error;
        QVERIFY(loaded->read(cut, &error));
        MainWindow replay(false);
        replay.show();
        replay.openRecording(loaded);
        QVERIFY(replay.history().size() >= 1);
        QVERIFY2(replay.banners()->noticeText().contains("incomplete"), qPrintable(replay.banners()->noticeText()));
    }

    void markupInRecordingIsText()
    {
        // A header written elsewhere: its host and namespace label look like HTML. They must be
        // shown as the characters they are, never as an image and bold text (issue 10, item 11).
        QFile whole(m_recording);
        QVERIFY(whole.open(QIODevice::ReadOnly));
        const QByteArray bytes = whole.readAll();
        const int magic = 14;
        quint32 headerSize = 0;
        std::memcpy(&headerSize, bytes.constData() + magic + 2, 4);
        QJsonObject header = QJsonDocument::fromJson(bytes.mid(magic + 6, headerSize)).object();
        header["host"] = "<img src=\"/tmp/x.png\">FAKE";
        header["netns"] = QJsonObject {{"label", "<b>NS</b>"}, {"id", "net:[1]"}};
        const QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
        QByteArray crafted = bytes.left(magic + 2);
        const quint32 size = quint32(json.size());
        crafted.append(reinterpret_cast<const char *>(&size), 4);
        crafted += json + bytes.mid(magic + 6 + headerSize);
        const QString path = m_dir.filePath("markup.sockrec");
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(crafted);
        out.close();
        auto loaded = std::make_shared<Recording>();
        QString error;
        QVERIFY2(loaded->read(path, &error), qPrintable(error));
        MainWindow replay(false);
        replay.show();
        replay.openRecording(loaded);
        int shown = 0;
        for (const QLabel *label : replay.findChildren<QLabel *>()) {
            // A status field may show its text cut short with "…": its whole text is what it says.
            const auto field = qobject_cast<const ElidingLabel *>(label);
            const QString text = field ? field->fullText() : label->text();
            if (!text.contains("FAKE") && !text.contains("NS</b>"))
                continue;
            ++shown;
            QCOMPARE(label->textFormat(), Qt::PlainText);
            QVERIFY2(text.contains("<img src=\"/tmp/x.png\">FAKE") || text.contains("<b>NS</b>"), qPrintable(text));
        }
        QCOMPARE(shown, 2); // host and namespace, in the status bar
    }

    // Qt 6.4's QSvgGenerator writes <title> and <desc> unescaped: a recording's host became
    // markup (a <script> that runs when the capture is opened in a browser) or, with a control
    // character, an SVG no XML reader accepts.
    void hostileStampInSvg_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("shown");
        QTest::newRow("closing tag and script")
            << QStringLiteral("</desc><script>alert(1)</script>") << QStringLiteral("</desc><script>alert(1)</script>");
        QTest::newRow("ampersand and CDATA end") << QStringLiteral("a & b ]]> <c") << QStringLiteral("a & b ]]> <c");
        QTest::newRow("control characters") << QStringLiteral("h\x01\x1b\x7f") << QString::fromUtf8("h\uFFFD\uFFFD\uFFFD");
    }

    void hostileStampInSvg()
    {
        QFETCH(QString, host);
        QFETCH(QString, shown);
        auto recording = std::make_shared<Recording>();
        recording->path = m_dir.filePath("hostile.sockrec");
        recording->header = QJsonObject {{"host", host}, {"kernel", "6.18"}};
        SampleSummary summary;
        summary.timeMs = 1700000000000;
        recording->summaries = {summary};
        MainWindow replay(false);
        replay.resize(1000, 700);
        replay.openRecording(recording);
        const QString file = m_dir.filePath("hostile.svg");
        QString error;
        QVERIFY2(replay.capture("rates", file, 1, false, &error), qPrintable(error));
        QFile svg(file);
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&svg);
        QString description;
        QStringList elements;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement())
                elements << xml.name().toString();
            if (xml.isStartElement() && xml.name() == QLatin1String("desc"))
                description = xml.readElementText();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(!elements.contains("script"));
        QVERIFY2(description.contains("host " + shown + " · kernel 6.18"), qPrintable(description));
        // A label typed (or pasted) in the window is kept as a reader would show it.
        replay.incidents()->addMarker(QStringLiteral("paste\x01\u202Ed"));
        QCOMPARE(replay.state()->markers().back().label, QString::fromUtf8("paste\uFFFD\uFFFDd"));
    }

    void replayCommand()
    {
        const QString shot = m_dir.filePath("replay.png");
        QProcess sockscope;
        sockscope.start(SOCKSCOPE_BINARY, {"--replay", m_recording, "--screenshot", shot, "--scale", "2"});
        QVERIFY(sockscope.waitForFinished(30000));
        QCOMPARE(sockscope.exitCode(), 0);
        QVERIFY(QImage(shot).width() >= 2 * 800);
        QProcess broken;
        broken.start(SOCKSCOPE_BINARY, {"--replay", QStringLiteral(FIXTURES_DIR "/sockstat.txt")});
        QVERIFY(broken.waitForFinished(30000));
        QCOMPARE(broken.exitCode(), 1);
        QVERIFY(broken.readAllStandardError().contains("not a sockscope recording"));
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestIncidents, QApplication)
#include "tst_incidents.moc"
