#include "commandlineoptions.h"

#include "tcpstate.h"

#include <QCommandLineParser>

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
    const QCommandLineOption format(QStringLiteral("format"), tr("Output of --once: text or json."),
                                    tr("format"), QStringLiteral("text"));
    const QCommandLineOption top(QStringLiteral("top"), tr("How many ports and port tuples to list (default 10)."),
                                 tr("N"), QStringLiteral("10"));
    const QCommandLineOption sockets(QStringLiteral("sockets"), tr("With --once --format json: list every socket."));
    const QCommandLineOption netns(QStringLiteral("netns"),
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
    const QCommandLineOption language(QStringLiteral("lang"), tr("Language: zh_CN or en (default: the desktop's)."),
                                      tr("language"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        tr("Render the window after --samples refreshes, save it as PNG and exit."),
                                        tr("file.png"));
    const QCommandLineOption view(QStringLiteral("view"),
                                  tr("With --screenshot: one part of the window (%1).")
                                      .arg(viewNames.join(QStringLiteral(", "))),
                                  tr("name"));
    const QCommandLineOption samples(QStringLiteral("samples"),
                                     tr("With --screenshot or --benchmark: refreshes to wait for (default 3)."),
                                     tr("N"));
    const QCommandLineOption benchmark(QStringLiteral("benchmark"),
                                       tr("Run the window for --samples refreshes and print the GUI-thread time of "
                                          "each refresh and the peak memory."));
    parser.addOptions({once, format, top, sockets, netns, states, interval, language, screenshot, view, samples, benchmark});
    helpText = parser.helpText();

    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return false;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *error = tr("Unexpected argument \"%1\".").arg(parser.positionalArguments().first());
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
    mode = parser.isSet(once) ? Mode::Once : Mode::Window;

    const QString formatName = parser.value(format);
    if (formatName == QLatin1String("json")) {
        this->format = Format::Json;
    } else if (formatName != QLatin1String("text")) {
        *error = tr("Unknown format \"%1\": use text or json.").arg(formatName);
        return false;
    }
    if (parser.isSet(format) && mode != Mode::Once) {
        *error = tr("--format applies to --once.");
        return false;
    }

    bool ok = false;
    topPorts = parser.value(top).toInt(&ok);
    if (!ok || topPorts < 0 || topPorts > 65536) {
        *error = tr("--top needs a whole number from 0 to 65536, not \"%1\".").arg(parser.value(top));
        return false;
    }

    includeSockets = parser.isSet(sockets);
    if (includeSockets && (mode != Mode::Once || this->format != Format::Json)) {
        *error = tr("--sockets applies to --once --format json.");
        return false;
    }

    if (parser.isSet(netns)) {
        this->netns = parser.value(netns);
        if (this->netns.isEmpty()) {
            *error = tr("--netns needs a name or a path.");
            return false;
        }
    }

    if (parser.isSet(states)) {
        for (const QString &name : parser.value(states).split(QLatin1Char(','))) {
            const TcpState state = tcpStateFromName(name);
            if (state == TcpState::Unknown) {
                *error = tr("Unknown TCP state \"%1\".").arg(name.trimmed());
                return false;
            }
            stateMask |= tcpStateBit(state);
            // ss and the kernel call request sockets SYN-RECV: asking for one asks for both.
            if (state == TcpState::SynRecv || state == TcpState::NewSynRecv)
                stateMask |= tcpStateBit(TcpState::SynRecv) | tcpStateBit(TcpState::NewSynRecv);
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
    this->benchmark = parser.isSet(benchmark);
    if (parser.isSet(view)) {
        this->view = parser.value(view);
        if (!viewNames.contains(this->view)) {
            *error = tr("Unknown view \"%1\": use one of %2.").arg(this->view, viewNames.join(QStringLiteral(", ")));
            return false;
        }
        if (screenshotPath.isEmpty()) {
            *error = tr("--view applies to --screenshot.");
            return false;
        }
    }
    if (parser.isSet(samples)) {
        samplesGiven = true;
        this->samples = parser.value(samples).toInt(&ok);
        if (!ok || this->samples < 1 || this->samples > 100000) {
            *error = tr("--samples needs a whole number from 1 to 100000, not \"%1\".").arg(parser.value(samples));
            return false;
        }
    }
    if ((!screenshotPath.isEmpty() || this->benchmark) && mode != Mode::Window) {
        *error = tr("--screenshot and --benchmark run the window; they do not go with --once.");
        return false;
    }

    if (parser.isSet(language)) {
        this->language = parser.value(language);
        if (this->language != QLatin1String("zh_CN") && this->language != QLatin1String("en")) {
            *error = tr("Unknown language \"%1\": use zh_CN or en.").arg(this->language);
            return false;
        }
    }
    return true;
}
