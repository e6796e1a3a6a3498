#include "core/stream/bytewriter.h"
#include "wording/coremessagetext.h"
#include "hostilebytes.h"
#include "views/window/elidinglabel.h"
#include "views/window/mainwindow.h"
#include "recording/recording.h"
#include "core/stream/recordingformat.h"
#include "core/stream/recordingwriter.h"
#include "core/snapshot/samplesummary.h"
#include "core/snapshot/snapshotaggregator.h"
#include "views/charts/statechartpanel.h"
#include "views/charts/timeserieschart.h"
#include "itemmodels/timewaitbyportmodel.h"
#include "bridge/csvfield.h"
#include "bridge/untrustedtext.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>
#include <QtEndian>

// Texts and counts from a recording that reach the window (issue 10, items 10 and 11), written
// through the real writer and read back through the real reader.
class TestHostileText : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    Snapshot m_snapshot;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_snapshot.wallTimeMs = 1700000000000;
        m_snapshot.namespaceLabel = "current";
        SnapshotAggregator::aggregate(m_snapshot);
    }

    // Item 11: texts from a file reach the window as one plain line: no character that reorders
    // (bidi overrides reversed the program's own sentences around them), hides, breaks the line
    // or cannot be written into an SVG capture; at most a label's length.
    void textFromFileIsPlain_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("unchanged");
        QTest::newRow("bidi override") << QString::fromUtf8("evil\u202Eeludom") << false;
        QTest::newRow("isolates and marks") << QString::fromUtf8("\u2066a\u2069\u200F\u061C\u202A") << false;
        QTest::newRow("C0, escape, DEL") << QStringLiteral("a\x01\x1b[31m\x7f") << false;
        QTest::newRow("C1") << QString::fromUtf8("\u0085\u009b") << false;
        QTest::newRow("line breaks") << QString::fromUtf8("a\u2028b\u2029c\nd\re") << false;
        QTest::newRow("tag characters") << QString::fromUcs4(U"x\U000E0041\U000E007F") << false;
        QTest::newRow("100,000 characters") << QString(100000, QLatin1Char('A')) << false;
        QTest::newRow("emoji with joiner") << QString::fromUtf8("deploy \U0001F468\u200D\U0001F469") << true;
        QTest::newRow("markup stays text") << QStringLiteral("<img src=x>&amp;") << true;
    }

    void textFromFileIsPlain()
    {
        QFETCH(QString, text);
        QFETCH(bool, unchanged);
        const QString path = m_dir.filePath("text.rec");
        RecordingWriter writer;
        CoreMessage writeError;
        writer.setWording(&CoreMessageText::utf8);
        QVERIFY(writer.open(path.toStdString(), {text.toStdString(), text.toStdString(), 1000, AllTcpStatesMask, {}, {}, 0, {}},
                            &writeError));
        Snapshot snapshot = m_snapshot;
        snapshot.namespaceLabel = text.toStdString();
        snapshot.warnings = {CoreMessageText::worded(text)};
        QString error;
        QVERIFY(writer.writeSummary(SampleSummarizer().summarize(snapshot)));
        QVERIFY(writer.writeSnapshot(snapshot));
        QVERIFY(writer.writeMarker(snapshot.wallTimeMs, text.toStdString()));
        QVERIFY(writer.close());
        Recording recording;
        QVERIFY2(recording.read(path, &error), qPrintable(error));
        QCOMPARE(int(recording.markers.size()), 1);
        const SnapshotPtr table = recording.loadSnapshot(0, &error);
        QVERIFY2(table, qPrintable(error));
        const QStringList shown {recording.namespaceLabel().section(QLatin1Char(' '), 0, 0), recording.markers[0].label,
                                 QString::fromStdString(table->namespaceLabel),
                                 table->warnings.empty() ? QString() : CoreMessageText::text(table->warnings.front()),
                                 UntrustedText::plain(text)};
        for (const QString &line : shown) {
            // A snapshot's notes are sentences: four labels long at most.
            const int limit = (line == shown[3] ? 4 : 1) * UntrustedText::LabelLength + 1;
            QVERIFY2(line.size() <= limit, qPrintable(QString::number(line.size())));
            const auto codes = line.toUcs4();
            for (const char32_t c : codes) {
                const auto category = QChar::category(c);
                const bool joiner = c == 0x200d || c == 0x200c;
                QVERIFY2(category != QChar::Other_Control && category != QChar::Separator_Line
                             && category != QChar::Separator_Paragraph && (category != QChar::Other_Format || joiner),
                         qPrintable(QString::number(uint(c), 16)));
            }
            if (unchanged && !text.contains(QLatin1Char(' ')))
                QCOMPARE(line, text);
        }
        if (unchanged)
            QCOMPARE(recording.markers[0].label, text);
    }

    // Item 10: markers are drawn on every chart at every repaint; a file of 1 MB held 60,000
    // of them and took seconds per repaint. The first MaximumMarkers are kept, with one warning.
    void markerFlood()
    {
        const QString path = m_dir.filePath("markers.rec");
        RecordingWriter writer;
        CoreMessage error;
        QVERIFY(writer.open(path.toStdString(), {}, &error));
        QVERIFY(writer.close());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray bytes = file.readAll();
        bytes.chop(RecordingFormat::FrameHeaderSize + 4); // the END frame
        for (int i = 0; i < int(Recording::MaximumMarkers) + 500; ++i) {
            ByteWriter marker;
            marker.i64(m_snapshot.wallTimeMs);
            marker.bytes(std::string(i % 2 ? 0 : 4096, 'M'));
            bytes += HostileBytes::frame(RecordingFormat::Marker, QByteArray::fromStdString(marker.take()));
        }
        file.close();
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(bytes), bytes.size());
        file.close();
        Recording recording;
        QString readError;
        QVERIFY(recording.read(path, &readError));
        QCOMPARE(recording.markers.size(), std::size_t(1000));
        QCOMPARE(recording.warnings.filter("markers").size(), 1);
        QVERIFY(recording.markers[0].label.size() <= UntrustedText::LabelLength + 1);
    }

    // Issue 21, M1: Qt takes a tooltip as rich text when it looks like markup, and rich text loads
    // what <img src=…> names on the GUI thread: /dev/zero ate gigabytes, a FIFO would block for
    // ever. A recording's host name, namespace label and marker, and a process's name, reach
    // tooltips as escaped text.
    void tooltipsShowMarkupAsText()
    {
        const std::string img = "<img src=/dev/zero>";
        const QString path = m_dir.filePath("markup.rec");
        RecordingWriter writer;
        CoreMessage writeError;
        QVERIFY(writer.open(path.toStdString(), {img, "4026531840", 1000, AllTcpStatesMask, {}, {}, 0, {}}, &writeError));
        Snapshot snapshot = m_snapshot;
        snapshot.namespaceLabel = img;
        for (int i = 0; i < 3; ++i) {
            snapshot.wallTimeMs = m_snapshot.wallTimeMs + i * 1000;
            QVERIFY(writer.writeSummary(SampleSummarizer().summarize(snapshot)));
        }
        QVERIFY(writer.writeSnapshot(snapshot));
        QVERIFY(writer.writeMarker(m_snapshot.wallTimeMs + 1000, img));
        QVERIFY(writer.close());
        // The header's host is this machine's name: made markup as a crafted file would have it.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray bytes = file.readAll();
        file.close();
        const qsizetype sizeAt = RecordingFormat::MagicSize + 2;
        const quint32 headerSize = qFromLittleEndian<quint32>(bytes.constData() + sizeAt);
        QJsonObject header = QJsonDocument::fromJson(bytes.mid(sizeAt + 4, headerSize)).object();
        QVERIFY(!header.isEmpty());
        header.insert("host", QString::fromStdString(img));
        const QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
        QByteArray size(4, '\0');
        qToLittleEndian<quint32>(quint32(json.size()), size.data());
        bytes = bytes.left(sizeAt) + size + json + bytes.mid(sizeAt + 4 + headerSize);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(bytes), bytes.size());
        file.close();

        auto recording = std::make_shared<Recording>();
        QString error;
        QVERIFY2(recording->read(path, &error), qPrintable(error));
        QCOMPARE(recording->markers.size(), std::size_t(1));
        const auto escaped = [](const QString &tip) { return tip.contains("&lt;img") && !tip.contains("<img"); };

        MainWindow window(false);
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openRecording(recording);
        window.sources()->setReplayPosition(2);
        // The status bar: host and namespace labels, their tooltips.
        QStringList markupTips;
        for (QLabel *label : window.statusBar()->findChildren<QLabel *>()) {
            // A field may show its text cut short with "…": its whole text is what it says.
            const auto field = qobject_cast<ElidingLabel *>(label);
            if (!(field ? field->fullText() : label->text()).contains("<img"))
                continue;
            QVERIFY2(escaped(label->toolTip()), qPrintable(label->toolTip()));
            markupTips << label->toolTip();
        }
        QCOMPARE(markupTips.size(), 2);

        // A marker's tooltip on a chart.
        TimeSeriesChart *chart = window.docks()->statePanel()->chart();
        QTRY_VERIFY(!chart->markerLabelRects().isEmpty());
        const QPointF inChart = chart->markerLabelRects().constFirst().center();
        const QPoint inView = chart->mapFromScene(chart->chart()->mapToScene(inChart));
        QTest::mouseMove(chart->viewport(), inView);
        QTRY_VERIFY(!QToolTip::text().isEmpty());
        QVERIFY2(escaped(QToolTip::text()), qPrintable(QToolTip::text()));
        QToolTip::hideText();

        // Who is behind a port's TIME-WAIT, in the port model's tooltip.
        auto owned = std::make_shared<Snapshot>(m_snapshot);
        owned->timeWaitByLocalPort = {{80, 3}};
        owned->owners.scope = OwnerScope::AllProcesses;
        owned->owners.owners = {SocketOwner {812, 33, img, "www-data", img, 0, ""}};
        PortOwners web;
        web.port = 80;
        web.owners = {OwnerTimeWait {1, 3, 0, 3, 0}};
        owned->owners.localPortOwners = {web};
        TimeWaitByPortModel model;
        model.setSnapshot(owned);
        const QString tip = model.data(model.index(0, TimeWaitByPortModel::Port), Qt::ToolTipRole).toString();
        QVERIFY2(escaped(tip), qPrintable(tip));
    }

    // A name in a CSV export stays one cell on one line, and no spreadsheet runs it.
    void csvCellsHoldHostileNames()
    {
        QCOMPARE(CsvField::text(QStringLiteral("nginx")), QByteArray("nginx"));
        QCOMPARE(CsvField::text(QStringLiteral("a,\"b\"")), QByteArray("\"a,\"\"b\"\"\""));
        QCOMPARE(CsvField::text(QStringLiteral("=HYPERLINK(\"x\")")), QByteArray("\"'=HYPERLINK(\"\"x\"\")\""));
        QCOMPARE(CsvField::text(QStringLiteral("-1+2")), QByteArray("'-1+2"));
        const QByteArray broken = CsvField::text(std::string("ab\ncd\r\xff\x1b[31m"));
        QVERIFY2(!broken.contains('\n') && !broken.contains('\r') && !broken.contains('\x1b'), broken.constData());
        QVERIFY(UntrustedText::wellFormedUtf8(broken) == broken);
        QCOMPARE(CsvField::text(QString(10000, QLatin1Char('x'))).size(),
                 qsizetype(CsvField::MaximumLength + 3)); // and "…", 3 bytes
    }
};

QTEST_MAIN(TestHostileText)
#include "tst_hostiletext.moc"
