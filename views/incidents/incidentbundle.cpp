#include "views/incidents/incidentbundle.h"

#include "bridge/qtstd.h"
#include "bridge/untrustedtext.h"
#include "core/snapshot/snapshotjsonwriter.h"
#include "sampling/bundlefolder.h"
#include "core/stream/recordingwriter.h"
#include "sampling/historyexporter.h"
#include "sampling/stagingfolder.h"
#include "wording/coremessagetext.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <functional>

#include <unistd.h>

namespace {

const QString CaptureFile = QStringLiteral("capture.png");
const QString SnapshotFile = QStringLiteral("snapshot.json");
const QString HistoryFile = QStringLiteral("history.csv");
const QString SysctlFile = QStringLiteral("sysctl-changes.csv");
const QString RecordingFile = QStringLiteral("recording.sockrec");
const QString ReadmeFile = QStringLiteral("README.txt");
const QString ManifestFile = QStringLiteral("manifest.json");

QString isoUtc(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs) : QString();
}

// One file of the bundle as written: its name, what it is, and its SHA-256 once written.
struct BundleFile
{
    QString name;
    QString description;
    QByteArray sha256;
    qint64 bytes = 0;
};

// What went into the bundle and what could not, as README.txt and manifest.json tell it.
struct BundleReport
{
    std::vector<BundleFile> files;
    QStringList notes; // a file left out and why; a recording running elsewhere
};

class BundleWriter
{
    Q_DECLARE_TR_FUNCTIONS(IncidentBundle)

public:
    BundleWriter(StagingFolder &folder, const IncidentBundle::Contents &contents)
        : m_folder(folder)
        , m_contents(contents)
    {
    }

    bool writeAll(QString *error);

private:
    // Creates `name` in the folder and writes it through `write` (false: it failed).
    bool createFile(const QString &name, const std::function<bool(QFile *)> &write, QString *error);
    // createFile, and lists the file for README.txt and manifest.json (hashFiles hashes it).
    bool writeFile(const QString &name, const QString &description, const std::function<bool(QFile *)> &write, QString *error);
    bool writeCapture(QString *error);
    bool writeSnapshot(QString *error);
    bool writeRecording(QString *error);
    bool hashFiles(QString *error);
    QByteArray readme() const;
    QByteArray manifest() const;

    StagingFolder &m_folder;
    const IncidentBundle::Contents &m_contents;
    BundleReport m_report;
};

bool BundleWriter::createFile(const QString &name, const std::function<bool(QFile *)> &write, QString *error)
{
    const int fd = m_folder.createFile(name, error);
    if (fd < 0)
        return false;
    QFile file;
    if (!file.open(fd, QIODevice::WriteOnly, QFileDevice::AutoCloseHandle) || !write(&file) || !file.flush()) {
        *error = tr("Cannot write %1: %2").arg(m_folder.path(name), file.errorString());
        return false;
    }
    return true;
}

bool BundleWriter::writeFile(const QString &name, const QString &description, const std::function<bool(QFile *)> &write,
                             QString *error)
{
    if (!createFile(name, write, error))
        return false;
    m_report.files.push_back({name, description, {}, 0});
    return true;
}

bool BundleWriter::writeCapture(QString *error)
{
    return writeFile(
        CaptureFile,
        tr("The window as it looked, stamped with host, kernel, namespace and time range (as Incident → "
           "Capture… saves it)."),
        [this](QFile *file) { return m_contents.capture.save(file, "PNG"); }, error);
}

bool BundleWriter::writeSnapshot(QString *error)
{
    if (!m_contents.snapshot) {
        m_report.notes << tr("%1 is missing: no socket table had come from the source yet.").arg(SnapshotFile);
        return true;
    }
    return writeFile(
        SnapshotFile, tr("The latest socket table's figures, as sockscope --once --format json prints them."),
        [this](QFile *file) {
            SnapshotJsonWriter::Options options;
            options.wording = &CoreMessageText::utf8;
            return SnapshotJsonWriter::write(*m_contents.snapshot, options, deviceSink(file));
        },
        error);
}

// The names of a summary's tracked owners, as a recording's SUMMARY OWNERS frame carries them.
OwnerLabels labelsOf(const SampleSummary &summary, const OwnerLabelBook &book)
{
    OwnerLabels labels;
    for (int i = 0; i < std::min<int>(summary.ownerCount, SampleSummary::TrackedOwners); ++i) {
        const OwnerLabel *label = book.find(summary.owners[std::size_t(i)].key);
        labels.push_back(label ? *label : OwnerLabel());
    }
    return labels;
}

bool writeFrames(RecordingWriter &writer, const IncidentBundle::Contents &contents)
{
    const HistoryRing &history = *contents.history;
    std::vector<RecordingMarker> markers = contents.markers;
    std::stable_sort(markers.begin(), markers.end(),
                     [](const RecordingMarker &a, const RecordingMarker &b) { return a.timeMs < b.timeMs; });
    auto marker = markers.cbegin();
    for (int i = 0; i < history.size(); ++i) {
        const SampleSummary &summary = history.at(i);
        for (; marker != markers.cend() && marker->timeMs <= summary.timeMs; ++marker) {
            if (!writer.writeMarker(marker->timeMs, marker->label.toStdString()))
                return false;
        }
        if (!writer.writeSummary(summary, summary.ownersKnown ? labelsOf(summary, history.ownerLabels()) : OwnerLabels()))
            return false;
    }
    for (; marker != markers.cend(); ++marker) {
        if (!writer.writeMarker(marker->timeMs, marker->label.toStdString()))
            return false;
    }
    return !contents.snapshot || writer.writeSnapshot(*contents.snapshot);
}

bool BundleWriter::writeRecording(QString *error)
{
    // Written afresh from what the window holds (every sample of its history, the markers, the
    // latest table): a recording the window may be making is still open and goes on growing.
    const HistoryRing &history = *m_contents.history;
    RecordingWriter::Header header;
    header.namespaceLabel = m_contents.place.namespaceName.toStdString();
    header.namespaceId = m_contents.place.namespaceId.toStdString();
    header.intervalMs = m_contents.intervalMs;
    header.host = m_contents.place.host.toStdString();
    header.kernel = m_contents.place.kernel.toStdString();
    header.startedMs = history.at(0).timeMs;
    RecordingWriter writer;
    writer.setWording(&CoreMessageText::utf8);
    CoreMessage failure;
    const int fd = m_folder.createFile(RecordingFile, error);
    if (fd < 0)
        return false;
    const bool written = writer.openDescriptor(fd, header, &failure) && writeFrames(writer, m_contents) && writer.close();
    // openDescriptor leaves the descriptor to its caller, synced as RecordingWriter syncs its own files.
    ::fsync(fd);
    ::close(fd);
    if (!written) {
        *error = tr("Cannot write %1: %2")
                     .arg(m_folder.path(RecordingFile), CoreMessageText::text(failure.isEmpty() ? writer.error() : failure));
        return false;
    }
    m_report.files.push_back({RecordingFile,
                              tr("The same samples, the markers and the latest socket table as a recording: sockscope "
                                 "--replay %1")
                                  .arg(RecordingFile),
                              {},
                              0});
    if (!m_contents.runningRecording.isEmpty())
        m_report.notes << tr("A recording was running when the bundle was written; it goes on at %1.")
                              // One line whatever the path holds: a newline in it could add a line sha256sum reads.
                              .arg(UntrustedText::plain(m_contents.runningRecording, UntrustedText::ValueLength));
    return true;
}

bool BundleWriter::hashFiles(QString *error)
{
    for (BundleFile &entry : m_report.files) {
        const int fd = m_folder.openFile(entry.name, error);
        if (fd < 0)
            return false;
        QFile file;
        QCryptographicHash hash(QCryptographicHash::Sha256);
        if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle) || !hash.addData(&file)) {
            *error = tr("Cannot read %1 back: %2").arg(m_folder.path(entry.name), file.errorString());
            return false;
        }
        entry.sha256 = hash.result().toHex();
        entry.bytes = file.size();
    }
    return true;
}

QByteArray BundleWriter::readme() const
{
    const CaptureRenderer::Stamp &stamp = m_contents.stamp;
    QStringList lines {tr("sockscope incident bundle"), QString(),
                       // One line each whatever a remote host sent: no line of theirs can pass for a sum below.
                       tr("Host: %1").arg(UntrustedText::plain(stamp.host)),
                       tr("Kernel: %1").arg(UntrustedText::plain(stamp.kernel)),
                       tr("Network namespace: %1").arg(UntrustedText::plain(stamp.namespaceText)),
                       tr("Time range (UTC): %1 to %2").arg(isoUtc(stamp.fromMs), isoUtc(stamp.toMs)),
                       tr("Samples: %1").arg(m_contents.history->size()),
                       tr("Written by sockscope %1 at %2 (UTC)")
                           .arg(QLatin1String(SOCKSCOPE_VERSION), isoUtc(QDateTime::currentMSecsSinceEpoch())),
                       QString(), tr("Files:")};
    for (const BundleFile &file : m_report.files)
        lines << QStringLiteral("  %1: %2").arg(file.name, file.description);
    lines << QStringLiteral("  %1: %2").arg(ManifestFile, tr("The same as JSON, with the SHA-256 of every other file."));
    for (const QString &note : m_report.notes)
        lines << QString() << note;
    // In sha256sum's own format, so that `sha256sum --check README.txt` checks them (it skips
    // the other lines with a warning).
    lines << QString() << tr("SHA-256 of each file (check with: sha256sum --check README.txt):");
    for (const BundleFile &file : m_report.files)
        lines << QStringLiteral("%1  %2").arg(QString::fromLatin1(file.sha256), file.name);
    return lines.join(QLatin1Char('\n')).toUtf8() + '\n';
}

QByteArray BundleWriter::manifest() const
{
    const CaptureRenderer::Stamp &stamp = m_contents.stamp;
    const auto timeOrNull = [](qint64 ms) { return ms > 0 ? QJsonValue(isoUtc(ms)) : QJsonValue(); };
    QJsonArray files;
    for (const BundleFile &file : m_report.files)
        files.append(QJsonObject {{QStringLiteral("name"), file.name},
                                  {QStringLiteral("bytes"), file.bytes},
                                  {QStringLiteral("sha256"), QString::fromLatin1(file.sha256)},
                                  {QStringLiteral("description"), file.description}});
    const QJsonObject manifest {
        {QStringLiteral("schema"), QStringLiteral("sockscope.incident-bundle/1")},
        {QStringLiteral("sockscope_version"), QStringLiteral(SOCKSCOPE_VERSION)},
        {QStringLiteral("written"), isoUtc(QDateTime::currentMSecsSinceEpoch())},
        {QStringLiteral("host"), stamp.host},
        {QStringLiteral("kernel"), stamp.kernel},
        {QStringLiteral("netns"),
         QJsonObject {{QStringLiteral("label"), m_contents.place.namespaceName},
                      {QStringLiteral("id"), m_contents.place.namespaceId}}},
        {QStringLiteral("from"), timeOrNull(stamp.fromMs)},
        {QStringLiteral("to"), timeOrNull(stamp.toMs)},
        {QStringLiteral("samples"), m_contents.history->size()},
        {QStringLiteral("files"), files},
        {QStringLiteral("sysctl_changes_dropped"), qint64(m_contents.sysctlChangesDropped)},
        {QStringLiteral("notes"), QJsonArray::fromStringList(m_report.notes)},
    };
    return QJsonDocument(manifest).toJson(QJsonDocument::Indented);
}

bool BundleWriter::writeAll(QString *error)
{
    const std::vector<SysctlChangeRecord> &changes = m_contents.sysctlChanges;
    const HistoryRing &history = *m_contents.history;
    const std::vector<RecordingMarker> &markers = m_contents.markers;
    if (!writeCapture(error) || !writeSnapshot(error)
        || !writeFile(
            HistoryFile,
            tr("Every sample the window holds: state counts, TIME-WAIT limit, slab, counter rates, port "
               "pressure, busiest ports and owners, markers."),
            [&](QFile *file) { return HistoryExporter::writeCsv(history, 0, history.size(), markers, file); }, error)
        || !writeFile(
            SysctlFile,
            tr("The sysctls changed from this window in this session, as read back from the kernel (the "
               "header line alone when none was)."),
            [&](QFile *file) { return SysctlChangeLog::writeCsv(changes, file); }, error)
        || !writeRecording(error) || !hashFiles(error))
        return false;
    if (m_contents.sysctlChangesDropped > 0)
        m_report.notes << tr("%1 later sysctl changes are not in %2: a session keeps the first %3.")
                              .arg(qulonglong(m_contents.sysctlChangesDropped))
                              .arg(SysctlFile)
                              .arg(qulonglong(SysctlChangeLog::MaximumRecords));
    const QByteArray readmeText = readme();
    if (!writeFile(
            ReadmeFile, tr("This file."), [&](QFile *file) { return file->write(readmeText) == readmeText.size(); }, error)
        || !hashFiles(error))
        return false;
    const QByteArray manifestText = manifest();
    return createFile(
        ManifestFile, [&](QFile *file) { return file->write(manifestText) == manifestText.size(); }, error);
}

}

std::function<void(const QString &)> IncidentBundle::afterStagingCreated;
std::function<void(const QString &)> IncidentBundle::beforeStagingRenamed;

QStringList IncidentBundle::fileNames()
{
    return {CaptureFile, SnapshotFile, HistoryFile, SysctlFile, RecordingFile, ReadmeFile, ManifestFile};
}

bool IncidentBundle::write(const QString &directory, const Contents &contents, QString *error)
{
    *error = BundleFolder::refusal(directory);
    if (!error->isEmpty())
        return false;
    if (!contents.history || contents.history->isEmpty()) {
        *error = tr("There is no history yet.");
        return false;
    }
    StagingFolder staging;
    if (!staging.create(QDir::cleanPath(QFileInfo(directory).absoluteFilePath()), afterStagingCreated, error)
        || !BundleWriter(staging, contents).writeAll(error))
        return false;
    if (beforeStagingRenamed)
        beforeStagingRenamed(staging.path(QString()));
    return staging.commit(error);
}
