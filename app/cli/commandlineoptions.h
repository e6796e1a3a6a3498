#pragma once

#include "remote/remotehost.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

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
    // --lab and what goes with it, once the parser has read the arguments.
    bool parseLab(const QCommandLineParser &parser, QString *error);
};
