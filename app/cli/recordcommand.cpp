#include "recordcommand.h"

#include "commandlineoptions.h"
#include "terminal.h"
#include "core/collect/networknamespace.h"
#include "sampling/samplingworker.h"
#include "report/snapshottextwriter.h"
#include "terminationsignals.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QTextStream>
#include <QTimer>

#include <functional>
#include <memory>

#include <unistd.h>

namespace {

// On a terminal, one line that updates in place; in a pipe or a log file, nothing (a line per
// sample would bury the final summary).
class ProgressLine
{
public:
    explicit ProgressLine(const QString &path)
        : m_path(path)
        , m_enabled(isatty(STDERR_FILENO) == 1)
    {
        m_elapsed.start();
    }

    void show(qint64 bytes, int recordedSamples)
    {
        if (!m_enabled)
            return;
        const qint64 seconds = m_elapsed.elapsed() / 1000;
        const QString time = QStringLiteral("%1:%2:%3")
                                 .arg(seconds / 3600)
                                 .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
                                 .arg(seconds % 60, 2, 10, QLatin1Char('0'));
        // \r back to the line's start, ESC [K clears what a longer earlier line left.
        QTextStream(stderr) << QStringLiteral("\r\033[K")
                            << QCoreApplication::translate("RecordCommand", "recording to %1: %2 samples, %3 elapsed, %4")
                                   .arg(m_path)
                                   .arg(recordedSamples)
                                   .arg(time, SnapshotTextWriter::formatBytes(bytes));
        m_shown = true;
    }

    // Clears the line, before a message or the summary takes its place.
    void end()
    {
        if (m_shown)
            QTextStream(stderr) << QStringLiteral("\r\033[K");
        m_shown = false;
    }

private:
    const QString m_path;
    const bool m_enabled;
    bool m_shown = false;
    QElapsedTimer m_elapsed;
};

// Calls `expired` once `seconds` (above 0) have passed. QTimer takes an int of milliseconds
// (24.8 days at most): longer durations wait in steps of a day towards one deadline.
class Deadline
{
public:
    Deadline(double seconds, std::function<void()> expired)
        : m_deadline(qint64(seconds * 1000), Qt::PreciseTimer)
        , m_expired(std::move(expired))
    {
        wait();
    }

private:
    void wait()
    {
        if (m_deadline.hasExpired())
            m_expired();
        else
            QTimer::singleShot(int(qMin<qint64>(m_deadline.remainingTime(), 86400000)), qApp, [this] { wait(); });
    }

    const QDeadlineTimer m_deadline;
    const std::function<void()> m_expired;
};

}

int runRecordCommand(const CommandLineOptions &options)
{
    // Caught from the start: a signal during setup ends the command as cleanly as one later.
    TerminationSignals signalsWatcher;
    NetworkNamespace netns;
    if (!Terminal::openNamespace(options, &netns))
        return 1;
    SamplingWorker sampler(std::move(netns), options.stateMask ? options.stateMask : AllTcpStatesMask);
    sampler.setBuildsTable(false); // no window: nothing to sort the table for
    sampler.setDumpBudget(options.dumpBudget);
    int exitCode = 0;
    int samples = 0;
    bool stopping = false;
    ProgressLine progress(options.recordPath);
    QObject::connect(&sampler, &SamplingWorker::recordingProgress, qApp,
                     [&](qint64 bytes, int recordedSamples, int) { progress.show(bytes, recordedSamples); });
    bool recording = false;
    const auto stop = [&] {
        if (stopping)
            return;
        stopping = true;
        sampler.setPaused(true);
        // Before the file is open (a signal during startup, or a sampler that failed) nothing
        // would answer: quit now; SamplingWorker's destructor still closes a file opened meanwhile.
        if (!recording) {
            QCoreApplication::exit(exitCode);
            return;
        }
        sampler.stopRecording(); // answered by recordingStopped, which quits
    };
    QObject::connect(&sampler, &SamplingWorker::recordingStarted, qApp, [&] { recording = true; });

    QObject::connect(&sampler, &SamplingWorker::sampled, qApp, [&](const SamplePtr &) {
        sampler.acknowledge();
        if (options.samplesGiven && ++samples >= options.samples)
            stop();
    });
    QObject::connect(&sampler, &SamplingWorker::failed, qApp, [&](const QString &message) {
        progress.end();
        Terminal::printError(message);
        exitCode = 1;
        stop();
    });
    QObject::connect(&sampler, &SamplingWorker::recordingFailed, qApp, [&](const QString &message) {
        progress.end();
        Terminal::printError(message);
        exitCode = 1;
        stopping = true;
        QCoreApplication::exit(1);
    });
    QObject::connect(&sampler, &SamplingWorker::recordingStopped, qApp,
                     [&](const QString &path, qint64 bytes, int recordedSamples, int tables) {
                         progress.end();
                         Terminal::printError(
                             QCoreApplication::translate("RecordCommand", "recorded %1 samples and %2 socket tables (%3) to %4")
                                 .arg(recordedSamples)
                                 .arg(tables)
                                 .arg(SnapshotTextWriter::formatBytes(bytes), path));
                         QCoreApplication::exit(exitCode);
                     });
    QObject::connect(&signalsWatcher, &TerminationSignals::received, qApp, stop);
    std::unique_ptr<Deadline> deadline;
    if (options.durationSeconds > 0)
        deadline = std::make_unique<Deadline>(options.durationSeconds, stop);

    sampler.startRecording(options.recordPath, options.tableEverySeconds);
    sampler.start(int(options.intervalSeconds * 1000));
    return QCoreApplication::exec();
}
