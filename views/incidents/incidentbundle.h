#pragma once

#include "recording/recordingframes.h"
#include "sampling/historyring.h"
#include "sampling/sysctlchangelog.h"
#include "sources/source.h"
#include "views/incidents/capturerenderer.h"

#include <QCoreApplication>
#include <QImage>
#include <QString>
#include <QStringList>

#include <functional>

#include <vector>

// An incident for a ticket, in one new folder: the stamped picture of the window, the latest
// socket table as --once --format json prints it, the history as CSV, the sysctl changes made in
// this session, the history again as a recording that --replay opens, and README.txt and
// manifest.json saying what each file is, where and when it was taken, and each file's SHA-256.
// The folder is written under a temporary name beside it and renamed at the end: after a
// failure there is no folder, never a half-written one.
class IncidentBundle
{
    Q_DECLARE_TR_FUNCTIONS(IncidentBundle)

public:
    struct Contents
    {
        QImage capture; // stamped, as Capture… saves it
        CaptureRenderer::Stamp stamp;
        Source::Place place;
        SnapshotPtr snapshot; // the latest socket table; null when none came yet
        const HistoryRing *history = nullptr;
        std::vector<RecordingMarker> markers;
        std::vector<SysctlChangeRecord> sysctlChanges;
        std::size_t sysctlChangesDropped = 0; // changes past SysctlChangeLog::MaximumRecords, not kept
        int intervalMs = 1000;
        QString runningRecording; // the file a recording started from the window goes to, if one runs
    };

    // The files a complete bundle holds, in the order README.txt lists them.
    static QStringList fileNames();
    // Writes the bundle as `directory` (BundleFolder says which can take one); false and why when it could not (nothing is left
    // then).
    static bool write(const QString &directory, const Contents &contents, QString *error);

    // Called with the staging folder's path right after it is made; null but in the test that
    // swaps the folder for a link, to prove nothing is then written or removed through the link.
    static std::function<void(const QString &stagingPath)> afterStagingCreated;
    // The same, once every file is written and just before the folder is renamed into place.
    static std::function<void(const QString &stagingPath)> beforeStagingRenamed;
};
