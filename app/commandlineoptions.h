#pragma once

#include "remotehost.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

// What the user asked for on the command line, checked.
struct CommandLineOptions
{
    Q_DECLARE_TR_FUNCTIONS(CommandLineOptions)

public:
    enum class Mode { Window, Once, Record, Help, Version };
    enum class Format { Text, Json };

    Mode mode = Mode::Window;
    Format format = Format::Text;
    int topPorts = 10;
    bool includeSockets = false;
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
    QString replayPath; // --replay: the window on a recording, no kernel access
    RemoteHost remoteHost; // --host (empty host(): this machine)
    bool pushAgent = false; // --push-agent: copy our agent where the remote has none
    double scale = 0; // --scale for --screenshot: device pixel ratio (0: the screen's)

    QString helpText;

    // Returns false and a one-line reason for bad arguments (exit code 2).
    // viewNames: what --view accepts (the window's parts).
    bool parse(const QStringList &arguments, const QStringList &viewNames, QString *error);
    // With --host: what the remote agent is told of --states and, for --record, --table-every
    // (its --table-period), so no option is dropped on the way there.
    QStringList remoteAgentOptions() const;

};
