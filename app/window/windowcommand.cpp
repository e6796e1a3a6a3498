#include "windowcommand.h"
#include "remote/agentbinary.h"
#include "wording/coremessagetext.h"

#include "cli/commandlineoptions.h"
#include "cli/terminal.h"
#include "cli/terminationsignals.h"
#include "lab/labsource.h"
#include "sources/localsource.h"
#include "views/window/mainwindow.h"
#include "core/collect/networknamespace.h"
#include "recording/recording.h"
#include "sampling/samplingworker.h"
#include "cli/remotecommand.h"
#include "remote/remotesource.h"

#include <QApplication>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <sys/resource.h>

namespace {

void printBenchmark(const MainWindow &window, int samples)
{
    std::vector<double> times = window.refreshTimesMs();
    // The first refresh builds the charts' items: report it apart from the steady state.
    const double first = times.empty() ? 0 : times.front();
    if (times.size() > 1)
        times.erase(times.begin());
    std::sort(times.begin(), times.end());
    const auto percentile = [&](double p) { return times.empty() ? 0.0 : times[std::size_t(p * double(times.size() - 1))]; };
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    const SnapshotPtr latest = window.latestSnapshot();
    QTextStream(stdout) << QStringLiteral("GUI-thread time per refresh over %1 refreshes (%2 sockets, 1-hour chart window "
                                          "with 3,600 samples): median %3 ms, p95 %4 ms, max %5 ms, first %6 ms\n"
                                          "peak RSS of the window: %7 MB\n")
                               .arg(samples)
                               .arg(latest ? latest->sockets.size() : 0)
                               .arg(percentile(0.5), 0, 'f', 1)
                               .arg(percentile(0.95), 0, 'f', 1)
                               .arg(times.empty() ? 0.0 : times.back(), 0, 'f', 1)
                               .arg(first, 0, 'f', 1)
                               .arg(double(usage.ru_maxrss) / 1024.0, 0, 'f', 1);
}

bool saveScreenshot(MainWindow &window, const CommandLineOptions &options)
{
    // The central views (table, sysctls) share the window with the charts: give them a full-HD
    // window so their picture is readable on its own, unless --size says otherwise.
    if (options.screenshotSize.isValid())
        window.resize(options.screenshotSize);
    else if (options.view == QLatin1String("table") || options.view == QLatin1String("sysctls")
             || options.view == QLatin1String("close-sequence"))
        window.resize(1920, 1080);
    // A window is never smaller than its docks need: say so rather than leave the reader to find
    // the picture larger than asked.
    if (options.screenshotSize.isValid() && window.size() != options.screenshotSize)
        Terminal::printError(QCoreApplication::translate("WindowCommand",
                                                         "The window cannot be smaller than its docks need: the "
                                                         "picture is laid out at %1x%2, not %3x%4.")
                                 .arg(window.width())
                                 .arg(window.height())
                                 .arg(options.screenshotSize.width())
                                 .arg(options.screenshotSize.height()));
    window.revealView(options.view);
    QApplication::processEvents();
    QString error;
    const qreal scale = options.scale > 0 ? options.scale : window.devicePixelRatioF();
    if (!window.capture(options.view, options.screenshotPath, scale, false, &error)) {
        Terminal::printError(error);
        return false;
    }
    return true;
}

// What --screenshot and --incident-bundle ask for, once the window has shown its samples.
bool saveOutputs(MainWindow &window, const CommandLineOptions &options)
{
    if (!options.screenshotPath.isEmpty() && !saveScreenshot(window, options))
        return false;
    if (options.incidentBundlePath.isEmpty())
        return true;
    if (options.screenshotSize.isValid())
        window.resize(options.screenshotSize);
    QApplication::processEvents();
    QString error;
    if (!window.incidents()->saveIncidentBundle(options.incidentBundlePath, &error)) {
        Terminal::printError(error);
        return false;
    }
    return true;
}

int runReplay(const CommandLineOptions &options, const std::shared_ptr<Recording> &recording)
{
    for (const QString &warning : recording->warnings)
        Terminal::printError(warning);
    MainWindow window(!options.unattendedOutput());
    window.openRecording(recording);
    window.show();
    if (options.unattendedOutput()) {
        int exitCode = 0;
        QTimer::singleShot(0, &window, [&] {
            exitCode = saveOutputs(window, options) ? 0 : 1;
            QCoreApplication::quit();
        });
        QApplication::exec();
        return exitCode;
    }
    return QApplication::exec();
}

// With --screenshot: the picture after --samples samples, then quit (*exitCode 1 if it failed).
void screenshotAfterSamples(MainWindow &window, const CommandLineOptions &options, int *exitCode)
{
    if (!options.unattendedOutput())
        return;
    QObject::connect(&window, &MainWindow::sampleShown, &window, [&window, &options, exitCode](int shown) {
        if (shown < options.samples)
            return;
        *exitCode = saveOutputs(window, options) ? 0 : 1;
        QTimer::singleShot(0, qApp, &QCoreApplication::quit);
    });
}

// Shows the window until it closes. Ctrl+C or SIGTERM close it properly: a stream's agent (over
// ssh, or the lab's) sees its standard input close and ends.
int showUntilClosed(MainWindow &window, const int &exitCode)
{
    TerminationSignals signalsWatcher;
    QObject::connect(&signalsWatcher, &TerminationSignals::received, &window, &QWidget::close);
    window.show();
    const int result = QApplication::exec();
    return exitCode ? exitCode : result;
}

// The window on a remote host (--host): its agent's stream over ssh, reconnected when lost.
int runRemote(const CommandLineOptions &options)
{
    MainWindow window(!options.unattendedOutput());
    if (options.intervalGiven)
        window.setIntervalMs(int(options.intervalSeconds * 1000));
    int exitCode = 0;
    screenshotAfterSamples(window, options, &exitCode);
    RemoteSource *source =
        window.watchRemoteHost(options.remoteHost, AgentBinary::ours(), options.pushAgent, options.remoteAgentOptions());
    if (options.unattendedOutput()) {
        // Unattended: what would be a dialog or a banner is the answer, on stderr.
        QObject::connect(source, &RemoteSource::noAgent, &window, [&](const RemoteFacts &facts, const QString &refusal) {
            if (options.pushAgent && refusal.isEmpty())
                return;
            Terminal::printError(remoteAgentMissingText(options.remoteHost, facts, refusal));
            exitCode = 1;
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        });
    }
    return showUntilClosed(window, exitCode);
}

// The training lab (--lab [SCENARIO]): a LabSource with the lab panel; --set applies on top of the
// scenario's settings; --screenshot saves the window after --samples samples (of the lab's load).
int runLab(const CommandLineOptions &options)
{
    MainWindow window(!options.unattendedOutput());
    int exitCode = 0;
    screenshotAfterSamples(window, options, &exitCode);
    LabSource *source = window.openLab(options.labScenario, options.labSysctls, options.labLoad);
    if (options.unattendedOutput()) {
        QObject::connect(source, &Source::failed, &window, [&](const QString &message) {
            Terminal::printError(message);
            exitCode = 1;
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        });
    }
    return showUntilClosed(window, exitCode);
}

}

int runWindowCommand(const CommandLineOptions &options, const std::shared_ptr<Recording> &replay)
{
    if (replay)
        return runReplay(options, replay);
    if (!options.remoteHost.host().isEmpty())
        return runRemote(options);
    if (options.lab)
        return runLab(options);

    NetworkNamespace netns;
    if (!Terminal::openNamespace(options, &netns))
        return 1;
    const bool unattended = options.unattendedOutput() || options.benchmark;
    const QString label = CoreMessageText::namespaceLabel(netns.label());
    MainWindow window(!unattended);
    if (options.intervalGiven)
        window.setIntervalMs(int(options.intervalSeconds * 1000));
    SamplingWorker sampler(std::move(netns), options.stateMask ? options.stateMask : AllTcpStatesMask);
    sampler.setDumpBudget(options.dumpBudget);

    int exitCode = 0;
    if (options.benchmark) {
        // Charts cost what they draw: start from a full hour of history, as an operator who left
        // the window open would have, so the figures include the 1-hour chart window.
        window.setWindowSeconds(3600);
        QObject::connect(&window, &MainWindow::sampleShown, &window, [&window](int shown) {
            if (shown != 1)
                return;
            std::vector<SampleSummary> hour;
            const SampleSummary first = window.history().latest();
            for (int i = 3599; i >= 1; --i) {
                SampleSummary earlier = first;
                earlier.timeMs -= qint64(i) * 1000;
                // Vary the counts so the decimation keeps two points per bucket, as real data would.
                const double wave = 1.0 + 0.1 * std::sin(i / 60.0);
                for (quint32 &count : earlier.states)
                    count = quint32(count * wave);
                hour.push_back(earlier);
            }
            window.loadHistory(hour);
        });
    }
    if (unattended) {
        QObject::connect(&window, &MainWindow::sampleShown, &window, [&](int shown) {
            if (shown < options.samples)
                return;
            sampler.setPaused(true);
            if (options.benchmark)
                printBenchmark(window, shown);
            if (!saveOutputs(window, options))
                exitCode = 1;
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        });
        QObject::connect(&sampler, &SamplingWorker::failed, &window, [&](const QString &message) {
            Terminal::printError(message);
            exitCode = 1;
            QCoreApplication::quit();
        });
    }
    LocalSource source(&sampler, label);
    window.setSource(&source);
    window.show();
    const int result = QApplication::exec();
    return exitCode ? exitCode : result;
}
