#pragma once

#include "remote/remotefacts.h"

#include <QCoreApplication>
#include <QProcess>
#include <QString>

// How one ssh run ended, told apart by ssh's exit status (255 is ssh's own failure; anything
// else is the remote command's) and the machine-readable line our remote scripts print.
struct SshOutcome
{
    Q_DECLARE_TR_FUNCTIONS(SshOutcome)

public:
    enum class Kind {
        Finished, // the remote command ran and exited (exitCode is the agent's)
        NoAgent, // no agent on the remote: facts say what it has
        AgentCorrupt, // the cached copy failed its sha256 check and was not run
        PushFailed,
        ConnectionFailed, // ssh could not connect or authenticate, or the link died
        FailedToStart, // no ssh program
        Crashed, // ssh killed by a signal (also: stopped by us)
        TooMuchOutput, // killed by us: the remote command wrote more than SshLauncher's output limit
    };

    Kind kind = Kind::FailedToStart;
    int exitCode = -1;
    RemoteFacts facts; // NoAgent only
    QString message; // for the user; ssh's own last lines where it failed

    static SshOutcome classify(QProcess::ExitStatus status, int exitCode, const QByteArray &stderrText);
    static SshOutcome failedToStart(const QString &program, const QString &reason);
    // What a user may be shown of a remote's stderr: its last three non-empty lines, each plain text.
    static QString lastLines(const QByteArray &stderrText);
    static SshOutcome tooMuchOutput(qint64 limitBytes);
};
