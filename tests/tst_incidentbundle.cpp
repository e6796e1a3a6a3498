#include "netnstestmain.h"
#include "processrun.h"
#include "recording/recording.h"
#include "socketpopulation.h"
#include "ssoracle.h"
#include "sysctlpanelfixture.h"
#include "views/incidents/incidentbundle.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

#include <cstdio>

// An incident bundle (Incident → Save incident bundle…, sockscope --incident-bundle DIR): one new
// folder holding the stamped picture, the JSON snapshot, the history CSV, the session's sysctl
// changes, a recording, README.txt and manifest.json, checked against a known population.
class TestIncidentBundle : public QObject, public SysctlPanelFixture
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<SocketPopulation> m_population;

    static ProcessRun sockscope(const QStringList &arguments)
    {
        return ProcessRun::run(QStringLiteral(SOCKSCOPE_BINARY), arguments);
    }

    static QByteArray fileText(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static QStringList entries(const QString &folder)
    {
        return QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
    }

    static QJsonObject jsonFile(const QString &path) { return QJsonDocument::fromJson(fileText(path)).object(); }

    // Every file the manifest lists has the SHA-256 and size it says, and it lists all but itself.
    static void checkManifest(const QString &folder, const QJsonObject &manifest)
    {
        QStringList listed;
        for (const QJsonValue &entry : manifest[QLatin1String("files")].toArray()) {
            const QString name = entry[QLatin1String("name")].toString();
            const QByteArray bytes = fileText(QDir(folder).filePath(name));
            QCOMPARE(entry[QLatin1String("sha256")].toString().toLatin1(),
                     QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
            QCOMPARE(entry[QLatin1String("bytes")].toInteger(), qint64(bytes.size()));
            QVERIFY(!entry[QLatin1String("description")].toString().isEmpty());
            listed << name;
        }
        listed.sort();
        QStringList others = entries(folder);
        others.removeOne(QStringLiteral("manifest.json"));
        QCOMPARE(listed, others);
    }

    // What the window would hand over, with one sample: enough for IncidentBundle::write.
    static IncidentBundle::Contents someContents(HistoryRing *history)
    {
        SampleSummary summary;
        summary.timeMs = 1700000000000;
        history->append(summary);
        IncidentBundle::Contents contents;
        contents.capture = QImage(8, 8, QImage::Format_ARGB32);
        contents.capture.fill(Qt::white);
        contents.stamp.host = QStringLiteral("host");
        contents.stamp.fromMs = contents.stamp.toMs = summary.timeMs;
        contents.history = history;
        return contents;
    }

    static void writeText(const QString &path, const QByteArray &text)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(text) == text.size());
    }

    // Writes a bundle as `target` while `hook` (one of IncidentBundle's) does what someone who may
    // write in the parent can: moves the staging folder to `moved` and puts a link to `victim` there.
    static bool writeWithSwap(std::function<void(const QString &)> *hook, const QString &target, const QString &moved,
                              const QString &victim, QString *error)
    {
        HistoryRing history;
        const IncidentBundle::Contents contents = someContents(&history);
        *hook = [&](const QString &staging) {
            QVERIFY(::rename(QFile::encodeName(staging).constData(), QFile::encodeName(moved).constData()) == 0);
            QVERIFY(::symlink(QFile::encodeName(victim).constData(), QFile::encodeName(staging).constData()) == 0);
        };
        const bool written = IncidentBundle::write(target, contents, error);
        *hook = nullptr;
        return written;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // 35 sockets: LISTEN 2, ESTABLISHED 6, TIME-WAIT 27.
        m_population = std::make_unique<SocketPopulation>();
        QVERIFY2(m_population->commandLinePopulation(), qPrintable(m_population->error()));
        SsOracle ss;
        QString error;
        QTRY_VERIFY_WITH_TIMEOUT(ss.run(&error) && ss.total == 35 && ss.count("TIME-WAIT") == 27, 5000);
    }

    void commandLineBundleHoldsEveryFile()
    {
        const QString parent = m_dir.filePath(QStringLiteral("cli"));
        QVERIFY(QDir().mkpath(parent));
        const QString folder = QDir(parent).filePath(QStringLiteral("incident"));
        const ProcessRun run = sockscope({QStringLiteral("--incident-bundle"), folder, QStringLiteral("--samples"),
                                          QStringLiteral("4"), QStringLiteral("--interval"), QStringLiteral("0.25")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.err, QByteArray());
        // Exactly these files, and nothing left beside the folder (its temporary sibling is gone).
        QCOMPARE(entries(folder),
                 QStringList({"README.txt", "capture.png", "history.csv", "manifest.json", "recording.sockrec", "snapshot.json",
                              "sysctl-changes.csv"}));
        QCOMPARE(entries(parent), QStringList {QStringLiteral("incident")});

        const QJsonObject snapshot = jsonFile(QDir(folder).filePath("snapshot.json"));
        QCOMPARE(snapshot[QLatin1String("schema")].toString(), QStringLiteral("sockscope.snapshot/1"));
        QCOMPARE(snapshot[QLatin1String("states")][QLatin1String("TIME-WAIT")].toInt(), 27);
        QVERIFY(snapshot[QLatin1String("time_wait")][QLatin1String("by_process")].isArray());

        const QList<QByteArray> history = fileText(QDir(folder).filePath("history.csv")).trimmed().split('\n');
        const QList<QByteArray> columns = history.first().trimmed().split(',');
        for (const char *column : {"top_local_ports", "top_remote_ports", "top_owners", "time_wait_unattributed", "markers"})
            QVERIFY2(columns.contains(column), column);
        QVERIFY2(history.size() - 1 >= 4, qPrintable(QString::number(history.size())));
        const int timeWait = int(columns.indexOf("TIME-WAIT"));
        QVERIFY(timeWait >= 0);
        QCOMPARE(history.last().trimmed().split(',').value(timeWait), QByteArray("27"));

        // No sysctl was changed: the header line alone.
        QCOMPARE(fileText(QDir(folder).filePath("sysctl-changes.csv")), QByteArray("time,name,old,new,namespace,user,route\r\n"));

        // The recording replays with every sample of the history and the latest table.
        Recording recording;
        QString error;
        QVERIFY2(recording.read(QDir(folder).filePath("recording.sockrec"), &error), qPrintable(error));
        QVERIFY2(recording.warnings.isEmpty(), qPrintable(recording.warnings.join('\n')));
        QVERIFY(recording.endedCleanly);
        QCOMPARE(int(recording.summaries.size()), int(history.size() - 1));
        QCOMPARE(recording.snapshots.size(), std::size_t(1));
        const SnapshotPtr table = recording.loadSnapshot(0, &error);
        QVERIFY2(table, qPrintable(error));
        QCOMPARE(table->count(TcpState::TimeWait), 27u);

        const QJsonObject manifest = jsonFile(QDir(folder).filePath("manifest.json"));
        QCOMPARE(manifest[QLatin1String("schema")].toString(), QStringLiteral("sockscope.incident-bundle/1"));
        QCOMPARE(manifest[QLatin1String("host")].toString(), recording.host());
        QCOMPARE(manifest[QLatin1String("samples")].toInt(), int(recording.summaries.size()));
        QVERIFY(!manifest[QLatin1String("from")].toString().isEmpty());
        checkManifest(folder, manifest);
        // README.txt carries the same sums in sha256sum's format.
        const ProcessRun check = ProcessRun::run(
            QStringLiteral("sh"),
            {QStringLiteral("-c"), QStringLiteral("cd \"$1\" && sha256sum --check README.txt"), QStringLiteral("sh"), folder});
        QVERIFY2(check.exitCode == 0, check.err.constData());
        QCOMPARE(check.out.count(": OK\n"), 5); // all but README.txt itself and manifest.json
    }

    void folderWithFilesIsRefused()
    {
        const QString folder = m_dir.filePath(QStringLiteral("taken"));
        QVERIFY(QDir().mkpath(folder));
        QFile keep(QDir(folder).filePath(QStringLiteral("keep.txt")));
        QVERIFY(keep.open(QIODevice::WriteOnly) && keep.write("mine\n") == 5);
        keep.close();
        // A usage error, before any sampling: exit 2 and nothing written or removed.
        const ProcessRun run = sockscope({QStringLiteral("--incident-bundle"), folder});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("already holds files"), run.err.constData());
        QCOMPARE(entries(folder), QStringList {QStringLiteral("keep.txt")});
        QCOMPARE(entries(m_dir.path()).filter(QStringLiteral("taken")), QStringList {QStringLiteral("taken")});
        const ProcessRun file = sockscope({QStringLiteral("--incident-bundle"), keep.fileName()});
        QCOMPARE(file.exitCode, 2);
        QVERIFY2(file.err.contains("is a file"), file.err.constData());
        const ProcessRun once = sockscope({QStringLiteral("--incident-bundle"), m_dir.filePath("new"), QStringLiteral("--once")});
        QCOMPARE(once.exitCode, 2);
        QVERIFY2(once.err.contains("--incident-bundle runs the window"), once.err.constData());
        QVERIFY(!QFileInfo::exists(m_dir.filePath("new")));
    }

    void symbolicLinkIsRefused()
    {
        // A link to an empty folder: refused as a usage error, not taken and failed on at the rename.
        const QString empty = m_dir.filePath(QStringLiteral("empty"));
        const QString link = m_dir.filePath(QStringLiteral("link"));
        QVERIFY(QDir().mkpath(empty));
        QVERIFY(::symlink(QFile::encodeName(empty).constData(), QFile::encodeName(link).constData()) == 0);
        const ProcessRun run = sockscope({QStringLiteral("--incident-bundle"), link});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("is a symbolic link"), run.err.constData());
        QVERIFY(QFileInfo(link).isSymLink());
        QCOMPARE(entries(empty), QStringList());
    }

    void swappedStagingFolderWritesNothingThroughTheLink()
    {
        // Someone who may write in the parent swaps the staging folder for a link to a folder of
        // the writer's (as root: any folder) right after it is made.
        const QString parent = m_dir.filePath(QStringLiteral("shared"));
        const QString victim = m_dir.filePath(QStringLiteral("victim"));
        const QString moved = m_dir.filePath(QStringLiteral("moved"));
        QVERIFY(QDir().mkpath(parent) && QDir().mkpath(QDir(victim).filePath(QStringLiteral("sub/deep"))));
        writeText(QDir(victim).filePath(QStringLiteral("README.txt")), "the victim's own\n");
        writeText(QDir(victim).filePath(QStringLiteral("precious")), "precious\n");
        const QString target = QDir(parent).filePath(QStringLiteral("b1"));
        QString error;
        QVERIFY(!writeWithSwap(&IncidentBundle::afterStagingCreated, target, moved, victim, &error));
        QCOMPARE(entries(victim), QStringList({"README.txt", "precious", "sub"}));
        QCOMPARE(fileText(QDir(victim).filePath(QStringLiteral("README.txt"))), QByteArray("the victim's own\n"));
        QVERIFY(QFileInfo(QDir(victim).filePath(QStringLiteral("sub/deep"))).isDir());
        QVERIFY2(error.contains(QStringLiteral("was replaced")), qPrintable(error));
        QVERIFY(!QFileInfo(target).isSymLink());
        QVERIFY(!QFileInfo::exists(target));
        // The link left in the parent is the other party's; the cleanup of m_dir must not follow it.
        for (const QString &name : entries(parent))
            QVERIFY(QFile::remove(QDir(parent).filePath(name)));
    }

    void stagingFolderSwappedBeforeTheRenameIsNotInstalled()
    {
        // The swap comes after every file is written: the rename then moves the link, which is
        // seen (another inode), taken away without being followed, and the bundle fails.
        const QString parent = m_dir.filePath(QStringLiteral("shared2"));
        const QString victim = m_dir.filePath(QStringLiteral("victim2"));
        const QString moved = m_dir.filePath(QStringLiteral("moved2"));
        QVERIFY(QDir().mkpath(parent) && QDir().mkpath(victim));
        writeText(QDir(victim).filePath(QStringLiteral("precious")), "precious\n");
        const QString target = QDir(parent).filePath(QStringLiteral("b2"));
        QString error;
        QVERIFY(!writeWithSwap(&IncidentBundle::beforeStagingRenamed, target, moved, victim, &error));
        QCOMPARE(entries(victim), QStringList {QStringLiteral("precious")});
        QVERIFY2(error.contains(QStringLiteral("was replaced")), qPrintable(error));
        QVERIFY(!QFileInfo(target).isSymLink());
        QVERIFY(!QFileInfo::exists(target));
        QCOMPARE(entries(parent), QStringList());
        // The bundle's own files are removed through the folder's descriptor; the folder, now
        // under another's name, is left where it was moved.
        QCOMPARE(entries(moved), QStringList());
    }

    void bundleKeepsLongValuesAndPlainNotes()
    {
        HistoryRing history;
        IncidentBundle::Contents contents = someContents(&history);
        // A recording path with a line in it that sha256sum would read as a sum.
        contents.runningRecording = QStringLiteral("/tmp/rec\n%1  capture.png").arg(QString(64, QLatin1Char('0')));
        // ip_local_reserved_ports may be far longer than a name (the kernel takes up to 64 KiB).
        QStringList ports;
        for (int port = 10000; port < 14000; ++port)
            ports << QString::number(port);
        SysctlChangeRecord change;
        change.timeMs = 1700000000000;
        change.name = QStringLiteral("net.ipv4.ip_local_reserved_ports");
        change.after = ports.join(QLatin1Char(','));
        QCOMPARE(change.after.size(), 23999);
        contents.sysctlChanges = {change};
        contents.sysctlChangesDropped = 7;
        const QString folder = m_dir.filePath(QStringLiteral("direct"));
        QString error;
        QVERIFY2(IncidentBundle::write(folder, contents, &error), qPrintable(error));

        const QByteArray csv = fileText(QDir(folder).filePath("sysctl-changes.csv"));
        QVERIFY2(csv.contains(QByteArray(",\"" + change.after.toLatin1() + "\",")), csv.left(200).constData());
        const QByteArray readme = fileText(QDir(folder).filePath("README.txt"));
        QVERIFY2(readme.contains(QStringLiteral("it goes on at /tmp/rec\uFFFD0000").toUtf8()), readme.constData());
        QVERIFY2(readme.contains("7 later sysctl changes are not in sysctl-changes.csv"), readme.constData());
        const QJsonObject manifest = jsonFile(QDir(folder).filePath("manifest.json"));
        QCOMPARE(manifest[QLatin1String("sysctl_changes_dropped")].toInt(), 7);
        QVERIFY(QJsonDocument(manifest[QLatin1String("notes")].toArray()).toJson().contains("7 later sysctl changes"));
        checkManifest(folder, manifest);
        const ProcessRun check = ProcessRun::run(
            QStringLiteral("sh"),
            {QStringLiteral("-c"), QStringLiteral("cd \"$1\" && sha256sum --check README.txt"), QStringLiteral("sh"), folder});
        QVERIFY2(check.exitCode == 0, check.out.constData());
        QCOMPARE(check.out.count(": OK\n"), 4); // no snapshot.json: no table came
        QCOMPARE(QFileInfo(folder).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup), QFileDevice::Permissions());
    }

    void unwritableFolderIsARuntimeError()
    {
        // Accepted as a name, but nothing can be created beside it (/proc takes no folders): exit 1.
        const ProcessRun run = sockscope({QStringLiteral("--incident-bundle"), QStringLiteral("/proc/sockscope-incident"),
                                          QStringLiteral("--samples"), QStringLiteral("1")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("Cannot create a folder beside /proc/sockscope-incident"), run.err.constData());
    }

    void windowBundleListsSysctlChanges()
    {
        setUpWindow();
        QVERIFY(applyFinTimeout(30));
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), QStringLiteral("30"));
        const QString folder = m_dir.filePath(QStringLiteral("window"));
        QString error;
        QVERIFY2(m_window->incidents()->saveIncidentBundle(folder, &error), qPrintable(error));
        const QList<QByteArray> changes = fileText(QDir(folder).filePath("sysctl-changes.csv")).split('\n');
        QCOMPARE(changes.size(), 3); // header, one change, the empty piece after the last line end
        const QList<QByteArray> change = changes[1].trimmed().split(',');
        QCOMPARE(change.mid(1, 3), QList<QByteArray>({"net.ipv4.tcp_fin_timeout", "45", "30"}));
        QVERIFY(QDateTime::fromString(QString::fromLatin1(change[0]), Qt::ISODateWithMs).isValid());
        QCOMPARE(change[5], QByteArray("root"));
        QVERIFY2(change.join(',').contains("writes them itself"), changes[1].constData());
        // The automatic marker is in the recording too.
        Recording recording;
        QVERIFY2(recording.read(QDir(folder).filePath("recording.sockrec"), &error), qPrintable(error));
        QCOMPARE(recording.markers.size(), std::size_t(1));
        QCOMPARE(recording.markers.front().label, QString::fromUtf8("net.ipv4.tcp_fin_timeout 45 → 30"));
        // A second bundle into the same folder is refused and leaves the first whole.
        const QStringList first = entries(folder);
        QVERIFY(!m_window->incidents()->saveIncidentBundle(folder, &error));
        QVERIFY2(error.contains("already holds files"), qPrintable(error));
        QCOMPARE(entries(folder), first);
        tearDownWindow();
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestIncidentBundle, QApplication)
#include "tst_incidentbundle.moc"
