#include "hostilebytes.h"
#include "core/snapshot/jsonstreamwriter.h"
#include "netnstestmain.h"
#include "ownedsockets.h"
#include "processrun.h"
#include "recording/recording.h"
#include "core/stream/recordingformat.h"
#include "core/snapshot/snapshottextreport.h"
#include "bridge/untrustedtext.h"
#include "core/collect/utf8text.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <sys/socket.h>
#include <unistd.h>

namespace {

// Names any local user can give a process with prctl(PR_SET_NAME): bytes that are not UTF-8, and
// terminal escapes (OSC 2 sets the window title, CSI 2J clears the screen).
const char BadBytesName[] = "\xff\xfe"
                            "evil";
const char EscapesName[] = "\x1b]2;PWNED\x07\x1b[2J";
const QString Replacement(QChar::ReplacementCharacter);

bool wellFormed(const QByteArray &bytes)
{
    return Utf8Text::isWellFormed(std::string_view(bytes.constData(), std::size_t(bytes.size())));
}

QStringList commandsOf(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(json, &error).object();
    if (error.error != QJsonParseError::NoError)
        return {QStringLiteral("parse error: ") + error.errorString()};
    QStringList commands;
    for (const QJsonValue entry : root.value("time_wait").toObject().value("by_process").toArray())
        commands << entry.toObject().value("command").toString();
    return commands;
}

// The recording's frames as (type, payload), after its header.
struct RecordingBytes
{
    QByteArray header;
    QList<QPair<quint8, QByteArray>> frames;

    static bool parse(const QByteArray &bytes, RecordingBytes *out)
    {
        const qsizetype fixed = RecordingFormat::MagicSize + 6;
        if (bytes.size() < fixed)
            return false;
        const quint32 headerSize = qFromLittleEndian<quint32>(bytes.constData() + RecordingFormat::MagicSize + 2);
        qsizetype at = fixed + qsizetype(headerSize);
        out->header = bytes.left(at);
        while (at + RecordingFormat::FrameHeaderSize <= bytes.size()) {
            const quint8 type = quint8(bytes[at]);
            const quint32 length = qFromLittleEndian<quint32>(bytes.constData() + at + 1);
            out->frames.append({type, bytes.mid(at + RecordingFormat::FrameHeaderSize, length)});
            at += RecordingFormat::FrameHeaderSize + qsizetype(length);
        }
        return at == bytes.size();
    }

    QByteArray join() const
    {
        QByteArray bytes = header;
        for (const auto &frame : frames)
            bytes += HostileBytes::frame(frame.first, frame.second);
        return bytes;
    }
};

}

// Names from /proc (a process's comm) reach JSON, terminals and the window: every JSON sockscope
// writes stays well-formed UTF-8, every text report stays free of escapes, and recordings made
// before the writers repaired names still open whole.
class TestUntrustedNames : public QObject
{
    Q_OBJECT

    // {"name": bytes} as the core's JSON writer writes it.
    static QByteArray jsonWithName(const QByteArray &bytes)
    {
        std::string out;
        {
            JsonStreamWriter json(JsonStreamWriter::toString(&out));
            json.beginObject(true);
            json.field("name", bytes.toStdString());
            json.endObject();
        }
        return QByteArray::fromStdString(out);
    }

private slots:
    void jsonStringsAreWellFormed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("parsed");
        const QString r = Replacement;
        QTest::newRow("escapes") << QByteArray("a\"b\\c\n\t") << QStringLiteral("a\"b\\c\n\t");
        QTest::newRow("controls and DEL") << QByteArray("\x01\x1b\x1f\x7f") << QStringLiteral("\x01\x1b\x1f\x7f");
        QTest::newRow("ff fe") << QByteArray(BadBytesName) << r + r + QStringLiteral("evil");
        QTest::newRow("lone continuation") << QByteArray("a\x80z") << QStringLiteral("a") + r + QStringLiteral("z");
        QTest::newRow("truncated 2 bytes") << QByteArray("a\xc3") << QStringLiteral("a") + r;
        QTest::newRow("truncated 3 bytes") << QByteArray("\xe2\x82z") << r + r + QStringLiteral("z");
        QTest::newRow("truncated 4 bytes") << QByteArray("\xf0\x9f\x98") << r + r + r;
        QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << r + r;
        QTest::newRow("overlong 3 bytes") << QByteArray("\xe0\x80\xaf") << r + r + r;
        QTest::newRow("overlong 4 bytes") << QByteArray("\xf0\x80\x80\xaf") << r + r + r + r;
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << r + r + r;
        QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << r + r + r + r;
        QTest::newRow("f5") << QByteArray("\xf5\x80\x80\x80") << r + r + r + r;
        QTest::newRow("well-formed") << QByteArray("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf")
                                     << QString::fromUcs4(U"\u00e9\u20ac\U0001F600\U0010FFFF");
    }

    // The core's one writer of JSON (snapshots, recording headers, the agent's stream, exports).
    void jsonStringsAreWellFormed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, parsed);
        const QByteArray written = jsonWithName(bytes);
        QVERIFY2(wellFormed(written), written.toHex(' ').constData());
        QJsonParseError error;
        const QJsonObject root = QJsonDocument::fromJson(written, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(root.value("name").toString(), parsed);
    }

    // Valid JSON may carry C1 controls, bidi controls and line separators raw, and a terminal that
    // shows the output acts on them (U+009B is CSI): the writer writes them as \u escapes.
    void jsonEscapesInvisibleControls_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("escaped");
        QTest::newRow("DEL") << QByteArray("a\x7f") << QByteArray("a\\u007f");
        QTest::newRow("C1 CSI") << QByteArray("a\xc2\x9b"
                                              "2Jb")
                                << QByteArray("a\\u009b2Jb");
        QTest::newRow("C1 first and last") << QByteArray("\xc2\x80\xc2\x9f") << QByteArray("\\u0080\\u009f");
        QTest::newRow("LRM RLM") << QByteArray("\xe2\x80\x8e\xe2\x80\x8f") << QByteArray("\\u200e\\u200f");
        QTest::newRow("LRE..RLO") << QByteArray("\xe2\x80\xaa\xe2\x80\xae") << QByteArray("\\u202a\\u202e");
        QTest::newRow("LRI..PDI") << QByteArray("\xe2\x81\xa6\xe2\x81\xa9") << QByteArray("\\u2066\\u2069");
        QTest::newRow("line and paragraph separators")
            << QByteArray("x\xe2\x80\xa8y\xe2\x80\xa9") << QByteArray("x\\u2028y\\u2029");
        QTest::newRow("neighbours stay") << QByteArray("\xc2\xa0\xe2\x80\x8d\xe2\x80\xaf")
                                         << QByteArray("\xc2\xa0\xe2\x80\x8d\xe2\x80\xaf");
    }

    void jsonEscapesInvisibleControls()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, escaped);
        const QByteArray written = jsonWithName(bytes);
        const QByteArray quoted = "\"" + escaped + "\"";
        QVERIFY2(written.contains(quoted), written.constData());
        const QJsonObject root = QJsonDocument::fromJson(written).object();
        QCOMPARE(root.value("name").toString(), QString::fromUtf8(bytes));
    }

    void terminalTextIsInert_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("shown");
        QTest::newRow("OSC and CSI") << QByteArray(EscapesName) << QByteArray("\\x1b]2;PWNED\\x07\\x1b[2J");
        QTest::newRow("not UTF-8") << QByteArray(BadBytesName) << QByteArray("\\xff\\xfeevil");
        QTest::newRow("truncated") << QByteArray("a\xe2\x82") << QByteArray("a\\xe2\\x82");
        QTest::newRow("newline, tab, DEL") << QByteArray("a\nb\tc\x7f") << QByteArray("a\\x0ab\\x09c\\x7f");
        QTest::newRow("C1 CSI") << QByteArray("\xc2\x9b"
                                              "2J")
                                << QByteArray("\\u009b2J");
        QTest::newRow("bidi override") << QByteArray("evil\xe2\x80\xae"
                                                     "txt")
                                       << QByteArray("evil\\u202etxt");
        QTest::newRow("isolates and marks") << QByteArray("\xe2\x81\xa6\xe2\x81\xa9\xe2\x80\x8e\xe2\x80\x8f")
                                            << QByteArray("\\u2066\\u2069\\u200e\\u200f");
        QTest::newRow("line separator") << QByteArray("a\xe2\x80\xa8"
                                                      "b")
                                        << QByteArray("a\\u2028b");
        QTest::newRow("a backslash cannot forge an escape") << QByteArray("a\\x1b") << QByteArray("a\\\\x1b");
        QTest::newRow("well-formed") << QByteArray("nginx \xc3\xa9 \xf0\x9f\x98\x80")
                                     << QByteArray("nginx \xc3\xa9 \xf0\x9f\x98\x80");
    }

    void terminalTextIsInert()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, shown);
        QCOMPARE(QByteArray::fromStdString(Utf8Text::plain(bytes.toStdString())), shown);
    }

    // The window's bidi and control filter, for the socket table's Process and Unit cells.
    void windowTextHasNoBidiControls()
    {
        for (const char32_t c : {U'\u202a', U'\u202b', U'\u202c', U'\u202d', U'\u202e', U'\u2066', U'\u2067', U'\u2068',
                                 U'\u2069', U'\u200e', U'\u200f', U'\u001b', U'\u007f', U'\u009b'}) {
            const QString text = QStringLiteral("a") + QString::fromUcs4(&c, 1) + QStringLiteral("b");
            QCOMPARE(UntrustedText::plain(text), QStringLiteral("a") + Replacement + QStringLiteral("b"));
        }
    }

    // Readers repair what a file or a peer holds before parsing it.
    void readersRepairBeforeParsing()
    {
        const QByteArray old = QByteArray("{\"command\": \"") + BadBytesName + "\"}";
        QJsonParseError error;
        QJsonDocument::fromJson(old, &error);
        QVERIFY(error.error != QJsonParseError::NoError); // why the repair is needed
        const QJsonObject root = QJsonDocument::fromJson(UntrustedText::wellFormedUtf8(old), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(root.value("command").toString(), Replacement + Replacement + QStringLiteral("evil"));
        const QByteArray good("{\"a\": \"\xc3\xa9\"}");
        QVERIFY(UntrustedText::wellFormedUtf8(good).isSharedWith(good)); // no copy when nothing is wrong
    }

    // Real processes named with bytes that are not UTF-8 and with terminal escapes, closing their
    // connections first: the agent and the window's CLI report them, record them, replay them.
    void realProcessNames()
    {
        Child bad = closingServer(BadBytesName, 7301, 20);
        Child escapes = closingServer(EscapesName, 7302, 10);
        QVERIFY(bad.receive() && escapes.receive());
        connectAndWaitForClose(7301, 20);
        connectAndWaitForClose(7302, 10);
        QVERIFY(waitForTimeWait(30, [](const SocketRecord &r) { return r.localPort == 7301 || r.localPort == 7302; }));
        const QString repaired = Replacement + Replacement + QStringLiteral("evil");

        for (const QString &program : {QStringLiteral(SOCKSCOPE_AGENT), QStringLiteral(SOCKSCOPE_BINARY)}) {
            const ProcessRun json = ProcessRun::run(program, {"--once", "--format", "json"});
            QVERIFY2(json.exitCode == 0, json.err.constData());
            QVERIFY2(wellFormed(json.out), qPrintable(program));
            const QStringList commands = commandsOf(json.out);
            QVERIFY2(commands.contains(repaired), qPrintable(commands.join(QLatin1Char('|'))));
            QVERIFY2(commands.contains(QString::fromLatin1(EscapesName)), qPrintable(commands.join(QLatin1Char('|'))));

            const ProcessRun text = ProcessRun::run(program, {"--once", "--format", "text"});
            QVERIFY2(text.exitCode == 0, text.err.constData());
            QVERIFY2(wellFormed(text.out), qPrintable(program));
            QVERIFY2(!text.out.contains('\x1b') && !text.out.contains('\x07'), text.out.constData());
            QVERIFY2(text.out.contains("7301 \xc3\x97"
                                       "20 (\\xff\\xfeevil)"),
                     text.out.constData());
            QVERIFY2(text.out.contains("(\\x1b]2;PWNED\\x07\\x1b[2J)"), text.out.constData());
        }

        // A recording with a table at every sample (every sample dumps, a table every second):
        // every frame reads back.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("names.sockrec"));
        const ProcessRun record = ProcessRun::run(
            SOCKSCOPE_BINARY,
            {"--record", path, "--samples", "3", "--interval", "1", "--table-every", "1", "--dump-budget", "100"});
        QVERIFY2(record.exitCode == 0, record.err.constData());
        const auto readWhole = [&repaired](const QString &file) {
            Recording recording;
            QString error;
            QVERIFY2(recording.read(file, &error), qPrintable(error));
            QVERIFY2(recording.warnings.isEmpty(), qPrintable(recording.warnings.join(QLatin1Char('\n'))));
            QCOMPARE(recording.summaries.size(), std::size_t(3));
            QCOMPARE(recording.snapshots.size(), std::size_t(3));
            for (std::size_t i = 0; i < recording.snapshots.size(); ++i) {
                const SnapshotPtr table = recording.loadSnapshot(i, &error);
                QVERIFY2(table, qPrintable(error));
                bool named = false;
                for (const SocketOwner &owner : table->owners.owners)
                    named = named || QString::fromStdString(owner.command) == repaired;
                QVERIFY(named);
            }
        };
        readWhole(path);
        if (QTest::currentTestFailed())
            return;

        // The same recording as the writer before this fix made it: the name's raw bytes in the
        // snapshots' JSON. It opens whole all the same.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        RecordingBytes parts;
        QVERIFY(RecordingBytes::parse(file.readAll(), &parts));
        file.close();
        int rewritten = 0;
        for (auto &frame : parts.frames) {
            if (frame.first != RecordingFormat::Snapshot)
                continue;
            const quint32 jsonSize = qFromLittleEndian<quint32>(frame.second.constData());
            QByteArray json = frame.second.mid(4, jsonSize);
            const QByteArray rest = frame.second.mid(4 + jsonSize);
            if (json.contains(repaired.toUtf8())) {
                json.replace(repaired.toUtf8(), BadBytesName);
                ++rewritten;
            }
            QByteArray payload(4, '\0');
            qToLittleEndian<quint32>(quint32(json.size()), payload.data());
            frame.second = payload + json + rest;
        }
        QCOMPARE(rewritten, 3);
        const QString oldPath = dir.filePath(QStringLiteral("old-writer.sockrec"));
        QFile old(oldPath);
        QVERIFY(old.open(QIODevice::WriteOnly));
        QVERIFY(old.write(parts.join()) > 0);
        old.close();
        readWhole(oldPath);
        if (QTest::currentTestFailed())
            return;

        for (Child *child : {&bad, &escapes}) {
            child->send();
            child->reap();
        }
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestUntrustedNames, QCoreApplication)
#include "tst_untrustednames.moc"
