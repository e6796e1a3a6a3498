#include "commandlineoptions.h"

#include "bridge/untrustedtext.h"
#include "optionrules.h"
#include "qtmessages.h"
#include "remote/remotehost.h"
#include "sampling/bundlefolder.h"
#include "wording/tcpstatetext.h"
#include "terminal.h"

#include <QCommandLineParser>
#include <QRegularExpression>
#include <QTextStream>

#include <cmath>

namespace {

const char *const runTheWindow = QT_TRANSLATE_NOOP(
    "CommandLineOptions", "--screenshot and --benchmark run the window; they do not go with --once or --record.");

// What goes with what outside the lab (commandlinelab.cpp has the lab's). "replay" is also a
// recording given as the one argument.
const std::vector<OptionRule> &rules()
{
    using Kind = OptionRule::Kind;
    static const std::vector<OptionRule> rules {
        {"record",
         Kind::NotWith,
         {"once", "replay"},
         QT_TRANSLATE_NOOP("CommandLineOptions", "--record does not go with --once or --replay.")},
        {"replay",
         Kind::NotWith,
         {"once", "netns"},
         QT_TRANSLATE_NOOP("CommandLineOptions", "--replay reads a file; it does not go with --once or --netns.")},
        {"host",
         Kind::NotWith,
         {"replay", "netns", "benchmark"},
         QT_TRANSLATE_NOOP("CommandLineOptions",
                           "--host watches a remote host; it does not go with --replay, --netns or --benchmark.")},
        {"push-agent", Kind::Needs, {"host"}, QT_TRANSLATE_NOOP("CommandLineOptions", "--push-agent goes with --host.")},
        {"format", Kind::Needs, {"once"}, QT_TRANSLATE_NOOP("CommandLineOptions", "--format applies to --once.")},
        {"sockets", Kind::Needs, {"once"}, QT_TRANSLATE_NOOP("CommandLineOptions", "--sockets applies to --once --format json.")},
        {"ephemeral-ports",
         Kind::Needs,
         {"once"},
         QT_TRANSLATE_NOOP("CommandLineOptions", "--ephemeral-ports applies to --once.")},
        {"view", Kind::Needs, {"screenshot"}, QT_TRANSLATE_NOOP("CommandLineOptions", "--view applies to --screenshot.")},
        {"scale", Kind::Needs, {"screenshot"}, QT_TRANSLATE_NOOP("CommandLineOptions", "--scale applies to --screenshot.")},
        {"size",
         Kind::Needs,
         {"screenshot", "incident-bundle"},
         QT_TRANSLATE_NOOP("CommandLineOptions", "--size applies to --screenshot and --incident-bundle.")},
        {"duration", Kind::Needs, {"record"}, QT_TRANSLATE_NOOP("CommandLineOptions", "--duration applies to --record.")},
        {"table-every", Kind::Needs, {"record"}, QT_TRANSLATE_NOOP("CommandLineOptions", "--table-every applies to --record.")},
        {"dump-budget",
         Kind::NotWith,
         {"once"},
         QT_TRANSLATE_NOOP("CommandLineOptions", "--dump-budget applies to the window and --record.")},
        {"screenshot", Kind::NotWith, {"once", "record"}, runTheWindow},
        {"benchmark", Kind::NotWith, {"once", "record"}, runTheWindow},
        {"incident-bundle",
         Kind::NotWith,
         {"once", "record", "benchmark"},
         QT_TRANSLATE_NOOP("CommandLineOptions",
                           "--incident-bundle runs the window; it does not go with --once, --record or --benchmark.")},
    };
    return rules;
}

}

QString CommandLineOptions::brokenRule(const std::vector<OptionRule> &rules, const std::function<bool(const QString &)> &isSet)
{
    const char *other = nullptr;
    const OptionRule *rule = firstBrokenRule(
        rules, [&isSet](const char *name) { return isSet(QLatin1String(name)); }, &other);
    if (!rule)
        return QString();
    const QString message = tr(rule->message);
    return other && message.contains(QLatin1String("%1")) ? message.arg(QLatin1String(other)) : message;
}

void CommandLineOptions::addOutputOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("once"), tr("Print one snapshot and exit.")},
        {QStringLiteral("format"), tr("Output of --once: text or json."), tr("format"), QStringLiteral("text")},
        {QStringLiteral("top"), tr("How many ports and port tuples to list (default 10)."), tr("N"), QStringLiteral("10")},
        {QStringLiteral("sockets"), tr("With --once --format json: list every socket.")},
        {QStringLiteral("ephemeral-ports"),
         tr("With --once: list the ports inside ip_local_port_range one by one, not as one \"ephemeral\" entry (for "
            "remote ports this host's range stands for the peers', which is not known).")},
        {QStringLiteral("netns"),
         tr("Observe another network namespace: a name under /var/run/netns or a path such as /proc/PID/ns/net."),
         tr("name|path")},
        {QStringLiteral("states"),
         tr("Only these TCP states, filtered in the kernel (comma-separated, e.g. time-wait,established)."), tr("list")},
        {QStringLiteral("interval"),
         tr("Seconds between refreshes, 0.25 to 10 (default 1). With --once: take two snapshots this far apart and "
            "report per-second rates."),
         tr("seconds")},
        {QStringLiteral("lang"), tr("Language: zh_CN or en (default: the desktop's)."), tr("language")},
    });
}

void CommandLineOptions::addWindowOptions(QCommandLineParser &parser, const QStringList &viewNames)
{
    parser.addOptions({
        {QStringLiteral("screenshot"), tr("Render the window after --samples refreshes, save it as PNG and exit."),
         tr("file.png")},
        {QStringLiteral("view"), tr("With --screenshot: one part of the window (%1).").arg(viewNames.join(QStringLiteral(", "))),
         tr("name")},
        {QStringLiteral("samples"),
         tr("With --screenshot, --incident-bundle or --benchmark: refreshes to wait for (default 3). With --record: "
            "samples to record."),
         tr("N")},
        {QStringLiteral("incident-bundle"),
         tr("Run the window for --samples refreshes, then write an incident bundle into the new (or empty) folder "
            "DIR and exit: capture.png, snapshot.json, history.csv, sysctl-changes.csv, recording.sockrec, "
            "README.txt and manifest.json with each file's SHA-256."),
         tr("DIR")},
        {QStringLiteral("benchmark"),
         tr("Run the window for --samples refreshes and print the GUI-thread time of each refresh and the peak "
            "memory.")},
        {QStringLiteral("record"), tr("Record samples to a file without a window, until --samples, --duration, or Ctrl+C."),
         tr("file")},
        {QStringLiteral("duration"), tr("With --record: stop after this many seconds."), tr("seconds")},
        {QStringLiteral("table-every"),
         tr("With --record: also record the whole socket table every this many seconds (default 300; 0: only at the "
            "start and the end)."),
         tr("seconds")},
        {QStringLiteral("dump-budget"),
         tr("The share of one CPU, in percent (1 to 100, default 5), that dumping the sockets may use: between "
            "dumps, refreshes read the counters afresh and show the last dump's sockets with their age."),
         tr("percent")},
        {QStringLiteral("replay"), tr("Open a recording in the window, with no kernel access."), tr("file")},
    });
}

void CommandLineOptions::addRemoteAndLabOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("host"),
         tr("Watch a remote host over the system ssh (your ~/.ssh/config applies): the window, --once, --record or "
            "--screenshot, with sockscope-agent running there."),
         tr("[user@]host[:port]")},
        {QStringLiteral("push-agent"),
         tr("With --host: when the remote host has no sockscope-agent, copy this sockscope's agent to "
            "~/.cache/sockscope there (checked by its sha256) and run it.")},
        {QStringLiteral("scale"), tr("With --screenshot: render at this device pixel ratio (1 or 2)."), tr("ratio")},
        {QStringLiteral("size"),
         tr("With --screenshot or --incident-bundle: lay the window out at WIDTHxHEIGHT logical pixels (%1x%2 to %3x%4) before "
            "the "
            "picture, e.g. 1280x800.")
             .arg(ScreenshotMinWidth)
             .arg(ScreenshotMinHeight)
             .arg(ScreenshotMaxWidth)
             .arg(ScreenshotMaxHeight),
         tr("WIDTHxHEIGHT")},
        {QStringLiteral("lab"),
         tr("Open the training lab: network namespaces of its own, run as you, with load you control. Give a "
            "scenario as the argument (%1).")
             .arg(QStringLiteral("server-closes, client-closes, port-exhaustion, table-overflow, fin-wait-2, listen-queue"))},
        {QStringLiteral("headless"),
         tr("With --lab SCENARIO: run it for --duration seconds without a window and print its checkpoints as JSON "
            "(exit 0 when all held).")},
        {QStringLiteral("set"),
         tr("With --lab: set a lab sysctl (net.ipv4.tcp_tw_reuse=1 or tcp_tw_reuse=1) or a load setting (rate=30, "
            "closer=client, keepalive=on ...) when the scenario starts; may be repeated."),
         tr("name=value")},
    });
}

bool CommandLineOptions::parse(const QStringList &arguments, const QStringList &viewNames, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Shows what the Linux TCP stack does with its sockets, live: states, TIME-WAIT per port, slab "
           "memory, counters, and the sysctls that govern them."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    addOutputOptions(parser);
    addWindowOptions(parser, viewNames);
    addRemoteAndLabOptions(parser);
    parser.addPositionalArgument(tr("FILE"),
                                 tr("A recording (.sockrec) to open in the window, as --replay FILE does; how a "
                                    "file manager opens one."),
                                 tr("[FILE]"));
    helpText = parser.helpText();

    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return false;
    }
    if (!takePositional(parser, error))
        return false;
    if (parser.isSet(helpOption)) {
        mode = Mode::Help;
        return true;
    }
    if (parser.isSet(versionOption)) {
        mode = Mode::Version;
        return true;
    }
    if (parser.isSet(QStringLiteral("lab")) || parser.isSet(QStringLiteral("headless")) || parser.isSet(QStringLiteral("set")))
        return parseLab(parser, error);
    *error = brokenRule(rules(), [&](const QString &name) {
        return parser.isSet(name) || (name == QLatin1String("replay") && !replayPath.isEmpty());
    });
    return error->isEmpty() && parseMode(parser, error) && parseOutput(parser, error) && parseWindow(parser, viewNames, error)
        && parseRecording(parser, error) && parseLanguage(parser, error);
}

bool CommandLineOptions::takePositional(const QCommandLineParser &parser, QString *error)
{
    // One file, as a desktop file manager passes it, is a recording to replay; one that cannot
    // be read is then reported as such (with a dialog when launched from a desktop).
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(QStringLiteral("lab"))) {
        labScenario = positional.value(0); // checked in parseLab
    } else if (positional.size() == 1 && !parser.isSet(QStringLiteral("replay")) && !parser.isSet(QStringLiteral("once"))
               && !parser.isSet(QStringLiteral("record"))) {
        replayPath = positional.first();
    }
    if (positional.size() > 1 || (!positional.isEmpty() && replayPath.isEmpty() && labScenario.isEmpty())) {
        *error = tr("Unexpected argument \"%1\".").arg(labScenario.isEmpty() ? positional.first() : positional.last());
        return false;
    }
    return true;
}

bool CommandLineOptions::parseMode(const QCommandLineParser &parser, QString *error)
{
    mode = parser.isSet(QStringLiteral("once")) ? Mode::Once : Mode::Window;
    if (parser.isSet(QStringLiteral("record"))) {
        mode = Mode::Record;
        recordPath = parser.value(QStringLiteral("record"));
        if (recordPath.isEmpty()) {
            *error = tr("--record needs a file name.");
            return false;
        }
    }
    if (parser.isSet(QStringLiteral("replay")))
        replayPath = parser.value(QStringLiteral("replay"));
    if ((parser.isSet(QStringLiteral("replay"))) && replayPath.isEmpty()) {
        *error = tr("--replay needs a file name.");
        return false;
    }
    if (parser.isSet(QStringLiteral("host"))) {
        if (!RemoteHost::parse(parser.value(QStringLiteral("host")), &remoteHost, error))
            return false;
        pushAgent = parser.isSet(QStringLiteral("push-agent"));
    }
    return true;
}

bool CommandLineOptions::parseOutput(const QCommandLineParser &parser, QString *error)
{
    const QString formatName = parser.value(QStringLiteral("format"));
    if (formatName == QLatin1String("json")) {
        format = Format::Json;
    } else if (formatName != QLatin1String("text")) {
        *error = tr("Unknown format \"%1\": use text or json.").arg(formatName);
        return false;
    }
    bool ok = false;
    topPorts = parser.value(QStringLiteral("top")).toInt(&ok);
    if (!ok || topPorts < 0 || topPorts > 65536) {
        *error = tr("--top needs a number between 0 and 65536, not \"%1\".").arg(parser.value(QStringLiteral("top")));
        return false;
    }
    ephemeralPorts = parser.isSet(QStringLiteral("ephemeral-ports"));
    includeSockets = parser.isSet(QStringLiteral("sockets"));
    if (includeSockets && format != Format::Json) {
        *error = tr("--sockets applies to --once --format json.");
        return false;
    }
    if (parser.isSet(QStringLiteral("netns"))) {
        netns = parser.value(QStringLiteral("netns"));
        if (netns.isEmpty()) {
            *error = tr("--netns needs a name or a path.");
            return false;
        }
    }
    if (parser.isSet(QStringLiteral("states"))) {
        std::string unknown;
        stateMask = tcpStateMaskFromList(parser.value(QStringLiteral("states")).toStdString(), &unknown);
        if (!stateMask) {
            *error = tr("Unknown TCP state \"%1\".").arg(QString::fromStdString(unknown).trimmed());
            return false;
        }
    }
    if (parser.isSet(QStringLiteral("interval"))) {
        intervalGiven = true;
        intervalSeconds = parser.value(QStringLiteral("interval")).toDouble(&ok);
        if (!ok || !std::isfinite(intervalSeconds) || intervalSeconds < 0.25 || intervalSeconds > 10) {
            *error = tr("--interval needs seconds from 0.25 to 10, not \"%1\".").arg(parser.value(QStringLiteral("interval")));
            return false;
        }
    }
    return true;
}

bool CommandLineOptions::parseWindow(const QCommandLineParser &parser, const QStringList &viewNames, QString *error)
{
    if (parser.isSet(QStringLiteral("screenshot"))) {
        screenshotPath = parser.value(QStringLiteral("screenshot"));
        if (!screenshotPath.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
            *error = tr("--screenshot needs a file name ending in .png.");
            return false;
        }
    }
    if (parser.isSet(QStringLiteral("incident-bundle"))) {
        // Refused before any sampling: a folder with files in it would be mixed into.
        incidentBundlePath = parser.value(QStringLiteral("incident-bundle"));
        *error = BundleFolder::refusal(incidentBundlePath);
        if (!error->isEmpty())
            return false;
    }
    benchmark = parser.isSet(QStringLiteral("benchmark"));
    if (parser.isSet(QStringLiteral("view"))) {
        view = parser.value(QStringLiteral("view"));
        if (!viewNames.contains(view)) {
            *error = tr("Unknown view \"%1\": use one of %2.").arg(view, viewNames.join(QStringLiteral(", ")));
            return false;
        }
    }
    bool ok = false;
    if (parser.isSet(QStringLiteral("samples"))) {
        samplesGiven = true;
        samples = parser.value(QStringLiteral("samples")).toInt(&ok);
        if (!ok || samples < 1 || samples > 100000) {
            *error =
                tr("--samples needs a whole number from 1 to 100000, not \"%1\".").arg(parser.value(QStringLiteral("samples")));
            return false;
        }
    }
    if (parser.isSet(QStringLiteral("scale"))) {
        scale = parser.value(QStringLiteral("scale")).toDouble(&ok);
        if (!ok || (scale != 1 && scale != 2)) {
            *error = tr("--scale takes 1 or 2.");
            return false;
        }
    }
    if (parser.isSet(QStringLiteral("size"))
        && !parseScreenshotSize(parser.value(QStringLiteral("size")), &screenshotSize, error))
        return false;
    return true;
}

bool CommandLineOptions::parseRecording(const QCommandLineParser &parser, QString *error)
{
    bool ok = false;
    if (parser.isSet(QStringLiteral("duration"))) {
        durationSeconds = parser.value(QStringLiteral("duration")).toDouble(&ok);
        if (!ok || !std::isfinite(durationSeconds) || durationSeconds <= 0 || durationSeconds > 366 * 86400.0) {
            *error =
                tr("--duration needs a number of seconds above 0, not \"%1\".").arg(parser.value(QStringLiteral("duration")));
            return false;
        }
    }
    if (parser.isSet(QStringLiteral("table-every"))) {
        tableEverySeconds = parser.value(QStringLiteral("table-every")).toInt(&ok);
        if (!ok || tableEverySeconds < 0 || tableEverySeconds > 86400) {
            *error = tr("--table-every needs whole seconds from 0 to 86400, not \"%1\".")
                         .arg(parser.value(QStringLiteral("table-every")));
            return false;
        }
    }
    if (parser.isSet(QStringLiteral("dump-budget"))) {
        const int percent = parser.value(QStringLiteral("dump-budget")).toInt(&ok);
        if (!ok || percent < 1 || percent > 100) {
            *error = tr("--dump-budget needs a whole percentage from 1 to 100, not \"%1\".")
                         .arg(parser.value(QStringLiteral("dump-budget")));
            return false;
        }
        dumpBudget = percent / 100.0;
        dumpBudgetGiven = true;
    }
    // The agent sends a table every 1 to 3600 s (--table-period): 0 ("only at the start and
    // the end") and longer periods are local recordings' only.
    if (!remoteHost.host().isEmpty() && mode == Mode::Record && (tableEverySeconds < 1 || tableEverySeconds > 3600)) {
        *error = tr("With --host, --table-every needs whole seconds from 1 to 3600 (the remote agent's table "
                    "period), not \"%1\".")
                     .arg(parser.value(QStringLiteral("table-every")));
        return false;
    }
    return true;
}

bool CommandLineOptions::parseLanguage(const QCommandLineParser &parser, QString *error)
{
    if (!parser.isSet(QStringLiteral("lang")))
        return true;
    language = parser.value(QStringLiteral("lang"));
    if (language != QLatin1String("zh_CN") && language != QLatin1String("en")) {
        *error = tr("Unknown language \"%1\": use zh_CN or en.").arg(language);
        return false;
    }
    return true;
}

QStringList CommandLineOptions::remoteAgentOptions() const
{
    QStringList options;
    if (stateMask)
        options << QStringLiteral("--states") << QString::fromStdString(tcpStateListFromMask(stateMask));
    if (mode == Mode::Record)
        options << QStringLiteral("--table-period") << QString::number(tableEverySeconds);
    if (dumpBudgetGiven)
        options << QStringLiteral("--dump-budget") << QString::number(qRound(dumpBudget * 100));
    return options;
}

QStringList CommandLineOptions::startProgram(int argc, char *argv[])
{
    QtMessages::quietUnlessAsked();
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    QCoreApplication::setApplicationName(QStringLiteral("sockscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SOCKSCOPE_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("sockscope"));
    return arguments;
}

QString CommandLineOptions::requestedLanguage(const QStringList &arguments)
{
    QString language;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments[i] == QLatin1String("--lang") && i + 1 < arguments.size())
            language = arguments[i + 1];
        else if (arguments[i].startsWith(QLatin1String("--lang=")))
            language = arguments[i].mid(7);
    }
    return language;
}

bool CommandLineOptions::parseOrExplain(const QStringList &arguments, const QStringList &viewNames)
{
    QString error;
    if (parse(arguments, viewNames, &error))
        return true;
    Terminal::printError(error);
    QTextStream(stderr) << tr("Try '%1 --help'.").arg(QStringLiteral("sockscope")) << QLatin1Char('\n');
    return false;
}

bool CommandLineOptions::parseScreenshotSize(const QString &text, QSize *size, QString *error)
{
    // Bounded before anything is laid out: the picture's bytes grow with width × height × scale².
    const QStringList parts = text.size() <= 16 ? text.split(QRegularExpression(QStringLiteral("[x×X]"))) : QStringList();
    bool widthOk = false;
    bool heightOk = false;
    const int width = parts.size() == 2 ? parts[0].toInt(&widthOk) : 0;
    const int height = parts.size() == 2 ? parts[1].toInt(&heightOk) : 0;
    if (!widthOk || !heightOk || width < ScreenshotMinWidth || width > ScreenshotMaxWidth || height < ScreenshotMinHeight
        || height > ScreenshotMaxHeight) {
        *error = tr("--size needs WIDTHxHEIGHT from %1x%2 to %3x%4, not \"%5\".")
                     .arg(ScreenshotMinWidth)
                     .arg(ScreenshotMinHeight)
                     .arg(ScreenshotMaxWidth)
                     .arg(ScreenshotMaxHeight)
                     .arg(UntrustedText::plain(text, 40));
        return false;
    }
    *size = QSize(width, height);
    return true;
}
