#include "recordcommand.h"

#include "commandlineoptions.h"
#include "terminal.h"
#include "networknamespace.h"
#include "sampler.h"
#include "samplerthread.h"
#include "snapshottextwriter.h"
#include "terminationsignals.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>
#include <QTimer>

#include <unistd.h>

int runRecordCommand(const CommandLineOptions &options)
{
    NetworkNamespace netns;
    if (!Terminal::openNamespace(options, &netns))
        return 1;
    SamplerThread sampler(std::move(netns), options.stateMask ? options.stateMask : AllTcpStatesMask);
    sampler.sampler()->setBuildsTable(false); // no window: nothing to sort the table for
    int exitCode = 0;
    int samples = 0;
    bool stopping = false;
    // On a terminal, one line that updates in place; in a pipe or a log file, nothing (a line
    // per sample would bury the final summary).
    const bool showProgress = isatty(STDERR_FILENO) == 1;
    bool progressShown = false;
    QElapsedTimer elapsed;
    elapsed.start();
    QObject::connect(sampler.sampler(), &Sampler::recordingProgress, qApp, [&](qint64 bytes, int recordedSamples, int) {
        if (!showProgress)
            return;
        const qint64 seconds = elapsed.elapsed() / 1000;
        const QString time = QStringLiteral("%1:%2:%3")
                                 .arg(seconds / 3600)
                                 .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
                                 .arg(seconds % 60, 2, 10, QLatin1Char('0'));
        // \r back to the line's start, ESC [K clears what a longer earlier line left.
        QTextStream(stderr) << QStringLiteral("\r\033[K")
                            << QCoreApplication::translate("RecordCommand", "recording to %1: %2 samples, %3 elapsed, %4")
                                   .arg(options.recordPath)
                                   .arg(recordedSamples)
                                   .arg(time, SnapshotTextWriter::formatBytes(bytes));
        progressShown = true;
    });
    const auto endProgressLine = [&] {
        if (progressShown)
            QTextStream(stderr) << QStringLiteral("\r\033[K");
        progressShown = false;
    };
    const auto stop = [&] {
        if (stopping)
            return;
        stopping = true;
        sampler.setPaused(true);
        sampler.stopRecording(); // answered by recordingStopped, which quits
    };

    QObject::connect(sampler.sampler(), &Sampler::sampled, qApp, [&](const SamplePtr &) {
        sampler.acknowledge();
        if (options.samplesGiven && ++samples >= options.samples)
            stop();
    });
    QObject::connect(sampler.sampler(), &Sampler::failed, qApp, [&](const QString &message) {
        endProgressLine();
        Terminal::printError(message);
        exitCode = 1;
        stop();
    });
    QObject::connect(sampler.sampler(), &Sampler::recordingFailed, qApp, [&](const QString &message) {
        endProgressLine();
        Terminal::printError(message);
        exitCode = 1;
        stopping = true;
        QCoreApplication::exit(1);
    });
    QObject::connect(sampler.sampler(), &Sampler::recordingStopped, qApp,
                     [&](const QString &path, qint64 bytes, int recordedSamples, int tables) {
                         endProgressLine();
                         Terminal::printError(QCoreApplication::translate("RecordCommand", "recorded %1 samples and %2 socket tables (%3) to %4")
                                 .arg(recordedSamples)
                                 .arg(tables)
                                 .arg(SnapshotTextWriter::formatBytes(bytes), path));
                         QCoreApplication::exit(exitCode);
                     });
    TerminationSignals signalsWatcher;
    QObject::connect(&signalsWatcher, &TerminationSignals::received, qApp, stop);
    if (options.durationSeconds > 0)
        QTimer::singleShot(int(options.durationSeconds * 1000), qApp, stop);

    sampler.startRecording(options.recordPath, options.tableEverySeconds);
    sampler.start(int(options.intervalSeconds * 1000));
    return QCoreApplication::exec();
}
