#include "labcommand.h"

#include "commandlineoptions.h"
#include "lab/labmonitor.h"
#include "lab/labsource.h"
#include "terminal.h"
#include "terminationsignals.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>

namespace {

struct LabCommand
{
    Q_DECLARE_TR_FUNCTIONS(LabCommand)
};

QString stateKey(LabCheckpointResult::State state)
{
    switch (state) {
    case LabCheckpointResult::State::Held: return QStringLiteral("held");
    case LabCheckpointResult::State::NotHeld: return QStringLiteral("not-held");
    case LabCheckpointResult::State::Waiting: return QStringLiteral("waiting");
    case LabCheckpointResult::State::NotApplicable: return QStringLiteral("not-applicable");
    case LabCheckpointResult::State::HeldBefore: return QStringLiteral("held-before-change");
    }
    return QString();
}

QJsonObject report(const LabScenario &scenario, double seconds, const std::vector<LabCheckpointResult> &results,
                   const LabFigures &figures, const QStringList &sysctls, bool *allHeld)
{
    QJsonArray checkpoints;
    *allHeld = !results.empty();
    for (const LabCheckpointResult &result : results) {
        checkpoints.append(QJsonObject {
            {QStringLiteral("id"), result.id},
            {QStringLiteral("phase"),
             result.phase == LabCheckpointResult::Phase::Watch ? QStringLiteral("watch") : QStringLiteral("change")},
            {QStringLiteral("text"), result.text},
            {QStringLiteral("condition"), result.condition},
            {QStringLiteral("applies"), result.applies()},
            {QStringLiteral("held"), result.held()},
            {QStringLiteral("state"), stateKey(result.state)},
            {QStringLiteral("figures"), result.figures},
        });
        // A watch checkpoint that held until the counter-move ended it did its part.
        if (result.applies() && !result.held() && result.state != LabCheckpointResult::State::HeldBefore)
            *allHeld = false;
    }
    QJsonObject load, errors;
    for (auto it = figures.load.begin(); it != figures.load.end(); ++it)
        load.insert(it.key(), it.value());
    for (auto it = figures.connectErrors.begin(); it != figures.connectErrors.end(); ++it)
        errors.insert(it.key(), it.value());
    QJsonObject set;
    for (const QString &pair : sysctls)
        set.insert(pair.section(QLatin1Char('='), 0, 0), pair.section(QLatin1Char('='), 1));
    return {{QStringLiteral("schema"), QStringLiteral("sockscope.lab/1")},
            {QStringLiteral("scenario"), scenario.name},
            {QStringLiteral("title"), scenario.title()},
            {QStringLiteral("duration_s"), seconds},
            {QStringLiteral("sysctls_set"), set},
            {QStringLiteral("load"), load},
            {QStringLiteral("load_figures"),
             QJsonObject {{QStringLiteral("attempts"), figures.attempts},
                          {QStringLiteral("connected"), figures.connected},
                          {QStringLiteral("completed"), figures.completed},
                          {QStringLiteral("accepted"), figures.accepted},
                          {QStringLiteral("timeouts"), figures.timeouts},
                          {QStringLiteral("connect_errors"), errors}}},
            {QStringLiteral("checkpoints"), checkpoints},
            {QStringLiteral("all_held"), *allHeld}};
}

// What the exit status means, one line on stderr beside the JSON. A counter-move given with --set
// ends the problem the "watch" checkpoints look for: they do not hold and the status is 1 although
// the fix worked, which the line says.
QString exitStatusLine(const std::vector<LabCheckpointResult> &results, bool allHeld)
{
    if (allHeld)
        return LabCommand::tr("Exit status 0: every checkpoint that applies held.");
    QStringList watchNotHeld, changeNotHeld;
    bool changeHeld = false;
    for (const LabCheckpointResult &result : results) {
        const bool watch = result.phase == LabCheckpointResult::Phase::Watch;
        if (result.applies() && !result.held())
            (watch ? watchNotHeld : changeNotHeld) << result.id;
        changeHeld = changeHeld || (!watch && result.held());
    }
    if (changeNotHeld.isEmpty() && changeHeld)
        return LabCommand::tr("Exit status 1: the watch checkpoints %1 did not hold (the problem they watch for did "
                              "not appear) and every change checkpoint that applies held, as when a fix is given "
                              "with --set.")
            .arg(watchNotHeld.join(QStringLiteral(", ")));
    return LabCommand::tr("Exit status 1: these checkpoints did not hold: %1.")
        .arg((watchNotHeld + changeNotHeld).join(QStringLiteral(", ")));
}

// The scenario's sysctls, each --set replacing the scenario's value of its sysctl.
QStringList sysctlsToSet(const LabScenario &scenario, const CommandLineOptions &options)
{
    QStringList sysctls = scenario.sysctls;
    for (const QString &pair : options.labSysctls) {
        const QString name = pair.section(QLatin1Char('='), 0, 0) + QLatin1Char('=');
        sysctls.erase(std::remove_if(sysctls.begin(), sysctls.end(), [&name](const QString &s) { return s.startsWith(name); }),
                      sysctls.end());
        sysctls << pair;
    }
    return sysctls;
}

}

int runLabHeadless(const CommandLineOptions &options)
{
    const LabScenario &scenario = *LabScenario::find(options.labScenario);
    TerminationSignals signalsWatcher;
    LabSource source;
    LabMonitor monitor;
    const QStringList sysctls = sysctlsToSet(scenario, options);
    int exitCode = -1;
    bool started = false;
    qint64 startedMs = 0;
    const auto finish = [&](int code) {
        if (exitCode >= 0)
            return;
        exitCode = code;
        source.stopRecording();
        source.stop();
        QTimer::singleShot(0, qApp, [] { QCoreApplication::exit(0); });
    };
    const auto startLoad = [&] {
        started = true;
        startedMs = QDateTime::currentMSecsSinceEpoch();
        monitor.start(scenario.id, startedMs);
        source.setLoad(scenario.load + options.labLoad + QStringList {QStringLiteral("running=on")});
        QTimer::singleShot(int(options.durationSeconds * 1000), Qt::PreciseTimer, qApp, [&] {
            bool allHeld = false;
            const double seconds = double(QDateTime::currentMSecsSinceEpoch() - startedMs) / 1000.0;
            const std::vector<LabCheckpointResult> results = monitor.evaluate();
            const QJsonObject json = report(scenario, seconds, results, source.figures(), sysctls, &allHeld);
            QFile out;
            if (!out.open(stdout, QIODevice::WriteOnly) || out.write(QJsonDocument(json).toJson()) < 0 || !out.flush()) {
                finish(1);
                return;
            }
            QTextStream(stderr) << exitStatusLine(results, allHeld) << Qt::endl;
            finish(allHeld ? 0 : 1);
        });
    };
    QObject::connect(&signalsWatcher, &TerminationSignals::received, qApp, [&] { finish(1); });
    QObject::connect(&source, &Source::failed, qApp, [&](const QString &message) {
        Terminal::printError(message);
        finish(1);
    });
    QObject::connect(&source, &Source::stateChanged, qApp, [&](Source::State state) {
        if ((state == Source::State::Lost || state == Source::State::Ended) && exitCode < 0) {
            Terminal::printError(LabCommand::tr("The training lab ended: %1").arg(source.stateReason()));
            finish(1);
        }
    });
    QObject::connect(&source, &LabSource::sysctlsApplied, qApp, [&](const SysctlApplyReport &applied) {
        if (!applied.ok) {
            // The helper put back what it had written: the lab is as it started, and ends now.
            Terminal::printError(LabCommand::tr("The lab's sysctls could not be set: %1").arg(applied.describeError()));
            finish(1);
            return;
        }
        if (!started)
            startLoad();
    });
    QObject::connect(&source, &Source::sampleReady, qApp, [&](const SamplePtr &sample) {
        if (!options.recordPath.isEmpty() && source.received().summaries.size() == 1)
            source.startRecording(options.recordPath);
        if (!started && sysctls.isEmpty())
            startLoad();
        if (started)
            monitor.add(sample->snapshot, source.figures());
    });
    QObject::connect(&source, &Source::recordingFailed, qApp, [&](const QString &message) {
        Terminal::printError(message);
        finish(1);
    });
    source.start(1000);
    if (!sysctls.isEmpty())
        source.applySysctls(sysctls);
    QCoreApplication::exec();
    return exitCode < 0 ? 1 : exitCode;
}
