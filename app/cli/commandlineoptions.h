#pragma once

#include "remote/remotehost.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSize>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

struct OptionRule;

// What the user asked for on the command line, checked.
struct CommandLineOptions
{
    Q_DECLARE_TR_FUNCTIONS(CommandLineOptions)

public:
    enum class Mode { Window, Once, Record, Help, Version, LabHeadless };
    enum class Format { Text, Json };

    Mode mode = Mode::Window;
    Format format = Format::Text;
    int topPorts = 10;
    bool includeSockets = false;
    bool ephemeralPorts = false; // --ephemeral-ports
    QString netns;
    quint32 stateMask = 0; // 0: every state
    double intervalSeconds = 1.0;
    bool intervalGiven = false;
    QString language; // "zh_CN", "en", or empty for the desktop's
    QString screenshotPath; // --screenshot: save the window (or --view) after --samples and exit
    // --incident-bundle: save an incident bundle into this new folder after --samples and exit
    QString incidentBundlePath;
    // --screenshot or --incident-bundle: the window runs unattended, writes its files and exits.
    bool unattendedOutput() const { return !screenshotPath.isEmpty() || !incidentBundlePath.isEmpty(); }
    QString view = QStringLiteral("window");
    int samples = 3;
    bool samplesGiven = false;
    bool benchmark = false; // --benchmark: print GUI-thread time per refresh after --samples
    QString recordPath; // --record: headless recording
    double durationSeconds = 0;
    int tableEverySeconds = 300;
    // --dump-budget: the share of one CPU socket dumps may use (DumpPacer), as the agent's option.
    double dumpBudget = 0.05;
    bool dumpBudgetGiven = false;
    QString replayPath; // --replay: the window on a recording, no kernel access
    RemoteHost remoteHost; // --host (empty host(): this machine)
    bool pushAgent = false; // --push-agent: copy our agent where the remote has none
    double scale = 0; // --scale for --screenshot: device pixel ratio (0: the screen's)
    // --size WxH for --screenshot: the window laid out at this size (logical pixels) before the
    // picture; empty: as it opens on this screen.
    QSize screenshotSize;
    static constexpr int ScreenshotMinWidth = 640;
    static constexpr int ScreenshotMinHeight = 400;
    static constexpr int ScreenshotMaxWidth = 7680;
    static constexpr int ScreenshotMaxHeight = 4320;
    // "1280x800" (or with ×) within the bounds above; false and why otherwise.
    static bool parseScreenshotSize(const QString &text, QSize *size, QString *error);
    // --lab [SCENARIO]: the training lab, in the window or with --headless (commandlinelab.cpp).
    bool lab = false;
    QString labScenario; // empty: the window lets the trainer pick one
    QStringList labSysctls; // --set NAME=VALUE for a sysctl, in the helper's form
    QStringList labLoad; // --set KEY=VALUE for the load (rate=30, closer=client ...)

    QString helpText;

    // The first steps of both programs, sockscope and the window's sockscope-window: Qt's own
    // messages quieted, the names QSettings and --version use; returns the arguments as text.
    static QStringList startProgram(int argc, char *argv[]);
    // --lang must act before the first translated string (the usage text), so it is looked for
    // ahead of the full parse; the full parse still validates it.
    static QString requestedLanguage(const QStringList &arguments);
    // parse(); for bad arguments, prints the one thing that is wrong and where to read more (not
    // the whole help) and returns false (exit code 2).
    bool parseOrExplain(const QStringList &arguments, const QStringList &viewNames);
    // Returns false and a one-line reason for bad arguments (exit code 2).
    // viewNames: what --view accepts (the window's parts).
    bool parse(const QStringList &arguments, const QStringList &viewNames, QString *error);
    // With --host: what the remote agent is told of --states and, for --record, --table-every
    // (its --table-period), so no option is dropped on the way there.
    QStringList remoteAgentOptions() const;

private:
    // The translated message of the first of `rules` (optionrules.h) the options break; empty
    // when they break none.
    static QString brokenRule(const std::vector<OptionRule> &rules, const std::function<bool(const QString &)> &isSet);
    // The options, by what they are for (their help text is the order they are added in).
    static void addOutputOptions(QCommandLineParser &parser);
    static void addWindowOptions(QCommandLineParser &parser, const QStringList &viewNames);
    static void addRemoteAndLabOptions(QCommandLineParser &parser);
    // The sections of parse(), once the option rules hold: each takes its options' values.
    bool takePositional(const QCommandLineParser &parser, QString *error); // FILE, or the lab's scenario
    bool parseMode(const QCommandLineParser &parser, QString *error); // --once, --record, --replay, --host
    bool parseOutput(const QCommandLineParser &parser, QString *error); // --format, --top, --netns, ...
    bool parseWindow(const QCommandLineParser &parser, const QStringList &viewNames, QString *error);
    bool parseRecording(const QCommandLineParser &parser, QString *error); // --duration, --table-every, ...
    bool parseLanguage(const QCommandLineParser &parser, QString *error);
    // --lab and what goes with it, once the parser has read the arguments (commandlinelab.cpp).
    bool parseLab(const QCommandLineParser &parser, QString *error);
    bool parseLabSet(const QString &pair, QString *error); // one --set NAME=VALUE
    bool parseLabHeadless(const QCommandLineParser &parser, QString *error);
    bool parseLabScreenshot(const QCommandLineParser &parser, QString *error);
};
