#include "recordcommand.h"

#include "commandlineoptions.h"
#include "terminal.h"
#include "networknamespace.h"
#include "sampler.h"
#include "samplerthread.h"
#include "snapshottextwriter.h"
#include "terminationsignals.h"

#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>

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
        Terminal::printError(message);
        exitCode = 1;
        stop();
    });
    QObject::connect(sampler.sampler(), &Sampler::recordingFailed, qApp, [&](const QString &message) {
        Terminal::printError(message);
        exitCode = 1;
        stopping = true;
        QCoreApplication::exit(1);
    });
    QObject::connect(sampler.sampler(), &Sampler::recordingStopped, qApp,
                     [&](const QString &path, qint64 bytes, int recordedSamples, int tables) {
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
