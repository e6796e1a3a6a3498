#include "commandlineoptions.h"

#include "qtmessages.h"
#include "remote/remotehost.h"
#include "wording/tcpstatetext.h"
#include "terminal.h"

#include <QCommandLineParser>
#include <QTextStream>

#include <cmath>

bool CommandLineOptions::parse(const QStringList &arguments, const QStringList &viewNames, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Shows what the Linux TCP stack does with its sockets, live: states, TIME-WAIT per port, slab "
           "memory, counters, and the sysctls that govern them."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption once(QStringLiteral("once"), tr("Print one snapshot and exit."));
    const QCommandLineOption formatOption(QStringLiteral("format"), tr("Output of --once: text or json."), tr("format"),
                                          QStringLiteral("text"));
    const QCommandLineOption top(QStringLiteral("top"), tr("How many ports and port tuples to list (default 10)."), tr("N"),
                                 QStringLiteral("10"));
    const QCommandLineOption sockets(QStringLiteral("sockets"), tr("With --once --format json: list every socket."));
    const QCommandLineOption ephemeral(QStringLiteral("ephemeral-ports"),
                                       tr("With --once: list the ports inside ip_local_port_range one by one, not as one "
                                          "\"ephemeral\" entry (for remote ports this host's range stands for the "
                                          "peers', which is not known)."));
    const QCommandLineOption netnsOption(QStringLiteral("netns"),
                                         tr("Observe another network namespace: a name under /var/run/netns or a path "
                                            "such as /proc/PID/ns/net."),
                                         tr("name|path"));
    const QCommandLineOption states(QStringLiteral("states"),
                                    tr("Only these TCP states, filtered in the kernel (comma-separated, e.g. "
                                       "time-wait,established)."),
                                    tr("list"));
    const QCommandLineOption interval(QStringLiteral("interval"),
                                      tr("Seconds between refreshes, 0.25 to 10 (default 1). With --once: take two "
                                         "snapshots this far apart and report per-second rates."),
                                      tr("seconds"));
    const QCommandLineOption languageOption(QStringLiteral("lang"), tr("Language: zh_CN or en (default: the desktop's)."),
                                            tr("language"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        tr("Render the window after --samples refreshes, save it as PNG and exit."),
                                        tr("file.png"));
    const QCommandLineOption viewOption(
        QStringLiteral("view"), tr("With --screenshot: one part of the window (%1).").arg(viewNames.join(QStringLiteral(", "))),
        tr("name"));
    const QCommandLineOption samplesOption(QStringLiteral("samples"),
                                           tr("With --screenshot or --benchmark: refreshes to wait for (default 3). With "
                                              "--record: samples to record."),
                                           tr("N"));
    const QCommandLineOption benchmarkOption(QStringLiteral("benchmark"),
                                             tr("Run the window for --samples refreshes and print the GUI-thread time of "
                                                "each refresh and the peak memory."));
    const QCommandLineOption record(QStringLiteral("record"),
                                    tr("Record samples to a file without a window, until --samples, --duration, or "
                                       "Ctrl+C."),
                                    tr("file"));
    const QCommandLineOption duration(QStringLiteral("duration"), tr("With --record: stop after this many seconds."),
                                      tr("seconds"));
    const QCommandLineOption tableEvery(QStringLiteral("table-every"),
                                        tr("With --record: also record the whole socket table every this many seconds "
                                           "(default 300; 0: only at the start and the end)."),
                                        tr("seconds"));
    const QCommandLineOption dumpBudgetOption(QStringLiteral("dump-budget"),
                                              tr("The share of one CPU, in percent (1 to 100, default 5), that dumping the "
                                                 "sockets may use: between dumps, refreshes read the counters afresh and show "
                                                 "the last dump's sockets with their age."),
                                              tr("percent"));
    const QCommandLineOption replay(QStringLiteral("replay"), tr("Open a recording in the window, with no kernel access."),
                                    tr("file"));
    const QCommandLineOption host(
        QStringLiteral("host"),
        tr("Watch a remote host over the system ssh (your ~/.ssh/config applies): the window, --once, --record "
           "or --screenshot, with sockscope-agent running there."),
        tr("[user@]host[:port]"));
    const QCommandLineOption pushAgentOption(QStringLiteral("push-agent"),
                                             tr("With --host: when the remote host has no sockscope-agent, copy this "
                                                "sockscope's agent to ~/.cache/sockscope there (checked by its sha256) "
                                                "and run it."));
    const QCommandLineOption scaleOption(QStringLiteral("scale"),
                                         tr("With --screenshot: render at this device pixel ratio (1 or 2)."), tr("ratio"));
    const QCommandLineOption labOption(
        QStringLiteral("lab"),
        tr("Open the training lab: network namespaces of its own, run as you, with load you "
           "control. Give a scenario as the argument (%1).")
            .arg(QStringLiteral("server-closes, client-closes, port-exhaustion, table-overflow, fin-wait-2, listen-queue")));
    const QCommandLineOption headless(QStringLiteral("headless"),
                                      tr("With --lab SCENARIO: run it for --duration seconds without a window and print "
                                         "its checkpoints as JSON (exit 0 when all held)."));
    const QCommandLineOption set(QStringLiteral("set"),
                                 tr("With --lab: set a lab sysctl (net.ipv4.tcp_tw_reuse=1) or a load setting (rate=30, "
                                    "closer=client, keepalive=on ...) when the scenario starts; may be repeated."),
                                 tr("name=value"));
    parser.addOptions({once,
                       formatOption,
                       top,
                       ephemeral,
                       sockets,
                       netnsOption,
                       states,
                       interval,
                       languageOption,
                       screenshot,
                       viewOption,
                       samplesOption,
                       benchmarkOption,
                       record,
                       duration,
                       tableEvery,
                       dumpBudgetOption,
                       replay,
                       host,
                       pushAgentOption,
                       scaleOption,
                       labOption,
                       headless,
                       set});
    parser.addPositionalArgument(tr("FILE"),
                                 tr("A recording (.sockrec) to open in the window, as --replay FILE does; how a "
                                    "file manager opens one."),
                                 tr("[FILE]"));
    helpText = parser.helpText();

    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return false;
    }
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
    if (parser.isSet(helpOption)) {
        mode = Mode::Help;
        return true;
    }
    if (parser.isSet(versionOption)) {
        mode = Mode::Version;
        return true;
    }
    if (parser.isSet(labOption) || parser.isSet(headless) || parser.isSet(set))
        return parseLab(parser, error);
    mode = parser.isSet(once) ? Mode::Once : Mode::Window;
    if (parser.isSet(record)) {
        if (mode == Mode::Once || parser.isSet(replay)) {
            *error = tr("--record does not go with --once or --replay.");
            return false;
        }
        mode = Mode::Record;
        recordPath = parser.value(record);
        if (recordPath.isEmpty()) {
            *error = tr("--record needs a file name.");
            return false;
        }
    }
    if (parser.isSet(replay) || !replayPath.isEmpty()) {
        if (mode == Mode::Once || parser.isSet(netnsOption)) {
            *error = tr("--replay reads a file; it does not go with --once or --netns.");
            return false;
        }
        if (parser.isSet(replay))
            replayPath = parser.value(replay);
        if (replayPath.isEmpty()) {
            *error = tr("--replay needs a file name.");
            return false;
        }
    }
    if (parser.isSet(host)) {
        if (!replayPath.isEmpty() || parser.isSet(netnsOption) || parser.isSet(benchmarkOption)) {
            *error = tr("--host watches a remote host; it does not go with --replay, --netns or --benchmark.");
            return false;
        }
        QString why;
        if (!RemoteHost::parse(parser.value(host), &remoteHost, &why)) {
            *error = why;
            return false;
        }
        this->pushAgent = parser.isSet(pushAgentOption);
    } else if (parser.isSet(pushAgentOption)) {
        *error = tr("--push-agent goes with --host.");
        return false;
    }

    const QString formatName = parser.value(formatOption);
    if (formatName == QLatin1String("json")) {
        this->format = Format::Json;
    } else if (formatName != QLatin1String("text")) {
        *error = tr("Unknown format \"%1\": use text or json.").arg(formatName);
        return false;
    }
    if (parser.isSet(formatOption) && mode != Mode::Once) {
        *error = tr("--format applies to --once.");
        return false;
    }

    bool ok = false;
    topPorts = parser.value(top).toInt(&ok);
    if (!ok || topPorts < 0 || topPorts > 65536) {
        *error = tr("--top needs a number between 0 and 65536, not \"%1\".").arg(parser.value(top));
        return false;
    }

    ephemeralPorts = parser.isSet(ephemeral);
    if (ephemeralPorts && mode != Mode::Once) {
        *error = tr("--ephemeral-ports applies to --once.");
        return false;
    }

    includeSockets = parser.isSet(sockets);
    if (includeSockets && (mode != Mode::Once || this->format != Format::Json)) {
        *error = tr("--sockets applies to --once --format json.");
        return false;
    }

    if (parser.isSet(netnsOption)) {
        this->netns = parser.value(netnsOption);
        if (this->netns.isEmpty()) {
            *error = tr("--netns needs a name or a path.");
            return false;
        }
    }

    if (parser.isSet(states)) {
        std::string unknown;
        stateMask = tcpStateMaskFromList(parser.value(states).toStdString(), &unknown);
        if (!stateMask) {
            *error = tr("Unknown TCP state \"%1\".").arg(QString::fromStdString(unknown).trimmed());
            return false;
        }
    }

    if (parser.isSet(interval)) {
        intervalGiven = true;
        intervalSeconds = parser.value(interval).toDouble(&ok);
        if (!ok || !std::isfinite(intervalSeconds) || intervalSeconds < 0.25 || intervalSeconds > 10) {
            *error = tr("--interval needs seconds from 0.25 to 10, not \"%1\".").arg(parser.value(interval));
            return false;
        }
    }

    if (parser.isSet(screenshot)) {
        screenshotPath = parser.value(screenshot);
        if (!screenshotPath.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
            *error = tr("--screenshot needs a file name ending in .png.");
            return false;
        }
    }
    this->benchmark = parser.isSet(benchmarkOption);
    if (parser.isSet(viewOption)) {
        this->view = parser.value(viewOption);
        if (!viewNames.contains(this->view)) {
            *error = tr("Unknown view \"%1\": use one of %2.").arg(this->view, viewNames.join(QStringLiteral(", ")));
            return false;
        }
        if (screenshotPath.isEmpty()) {
            *error = tr("--view applies to --screenshot.");
            return false;
        }
    }
    if (parser.isSet(samplesOption)) {
        samplesGiven = true;
        this->samples = parser.value(samplesOption).toInt(&ok);
        if (!ok || this->samples < 1 || this->samples > 100000) {
            *error = tr("--samples needs a whole number from 1 to 100000, not \"%1\".").arg(parser.value(samplesOption));
            return false;
        }
    }
    if (parser.isSet(duration)) {
        durationSeconds = parser.value(duration).toDouble(&ok);
        if (!ok || !std::isfinite(durationSeconds) || durationSeconds <= 0 || durationSeconds > 366 * 86400.0
            || mode != Mode::Record) {
            *error = mode != Mode::Record
                ? tr("--duration applies to --record.")
                : tr("--duration needs a number of seconds above 0, not \"%1\".").arg(parser.value(duration));
            return false;
        }
    }
    if (parser.isSet(tableEvery)) {
        tableEverySeconds = parser.value(tableEvery).toInt(&ok);
        if (!ok || tableEverySeconds < 0 || tableEverySeconds > 86400 || mode != Mode::Record) {
            *error = mode != Mode::Record
                ? tr("--table-every applies to --record.")
                : tr("--table-every needs whole seconds from 0 to 86400, not \"%1\".").arg(parser.value(tableEvery));
            return false;
        }
    }
    if (parser.isSet(dumpBudgetOption)) {
        const int percent = parser.value(dumpBudgetOption).toInt(&ok);
        if (!ok || percent < 1 || percent > 100 || mode == Mode::Once) {
            *error = mode == Mode::Once
                ? tr("--dump-budget applies to the window and --record.")
                : tr("--dump-budget needs a whole percentage from 1 to 100, not \"%1\".").arg(parser.value(dumpBudgetOption));
            return false;
        }
        this->dumpBudget = percent / 100.0;
        dumpBudgetGiven = true;
    }
    // The agent sends a table every 1 to 3600 s (--table-period): 0 ("only at the start and
    // the end") and longer periods are local recordings' only.
    if (!remoteHost.host().isEmpty() && mode == Mode::Record && (tableEverySeconds < 1 || tableEverySeconds > 3600)) {
        *error = tr("With --host, --table-every needs whole seconds from 1 to 3600 (the remote agent's table "
                    "period), not \"%1\".")
                     .arg(parser.value(tableEvery));
        return false;
    }
    if (parser.isSet(scaleOption)) {
        this->scale = parser.value(scaleOption).toDouble(&ok);
        if (!ok || (this->scale != 1 && this->scale != 2) || !parser.isSet(screenshot)) {
            *error = !parser.isSet(screenshot) ? tr("--scale applies to --screenshot.") : tr("--scale takes 1 or 2.");
            return false;
        }
    }
    if ((!screenshotPath.isEmpty() || this->benchmark) && mode != Mode::Window) {
        *error = tr("--screenshot and --benchmark run the window; they do not go with --once or --record.");
        return false;
    }

    if (parser.isSet(languageOption)) {
        this->language = parser.value(languageOption);
        if (this->language != QLatin1String("zh_CN") && this->language != QLatin1String("en")) {
            *error = tr("Unknown language \"%1\": use zh_CN or en.").arg(this->language);
            return false;
        }
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
