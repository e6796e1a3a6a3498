#include "remote/sshoutcome.h"

#include "remote/remotescript.h"
#include "bridge/untrustedtext.h"

#include <QList>

// ssh's stderr (and whatever a remote's login scripts print there) is text from elsewhere: the
// last few non-empty lines, each made plain.
QString SshOutcome::lastLines(const QByteArray &stderrText)
{
    QStringList lines;
    const QList<QByteArray> all = stderrText.split('\n');
    for (auto it = all.crbegin(); it != all.crend() && lines.size() < 3; ++it) {
        const QByteArray line = it->trimmed();
        if (!line.isEmpty() && !line.startsWith("SOCKSCOPE-"))
            lines.prepend(UntrustedText::plain(QString::fromUtf8(line)));
    }
    return lines.join(QLatin1Char('\n'));
}

SshOutcome SshOutcome::classify(QProcess::ExitStatus status, int exitCode, const QByteArray &stderrText)
{
    SshOutcome outcome;
    outcome.exitCode = exitCode;
    const QString details = lastLines(stderrText);
    if (status != QProcess::NormalExit) {
        outcome.kind = Kind::Crashed;
        outcome.message = tr("The ssh connection was ended.");
    } else if (exitCode == 255) {
        outcome.kind = Kind::ConnectionFailed;
        outcome.message = details.isEmpty() ? tr("ssh could not connect.") : tr("ssh could not connect: %1").arg(details);
    } else if (exitCode == RemoteScript::NoAgentExit && RemoteFacts::parse(stderrText, &outcome.facts)) {
        outcome.kind = Kind::NoAgent;
        outcome.message = tr("sockscope-agent is not installed on the remote host.");
    } else if (exitCode == RemoteScript::AgentCorruptExit && stderrText.contains("SOCKSCOPE-AGENT-CORRUPT")) {
        outcome.kind = Kind::AgentCorrupt;
        outcome.message = tr("The agent copy in ~/.cache/sockscope on the remote host does not match its "
                             "checksum and was not run; it can be copied again.");
    } else if (exitCode == RemoteScript::PushFailedExit) {
        outcome.kind = Kind::PushFailed;
        outcome.message = stderrText.contains("SOCKSCOPE-PUSH-MISMATCH")
            ? tr("The agent arrived damaged on the remote host (checksum mismatch) and was removed.")
            : tr("The agent could not be copied to ~/.cache/sockscope on the remote host: %1").arg(details);
    } else {
        outcome.kind = Kind::Finished;
        outcome.message = details;
    }
    return outcome;
}

SshOutcome SshOutcome::tooMuchOutput(qint64 limitBytes)
{
    SshOutcome outcome;
    outcome.kind = Kind::TooMuchOutput;
    outcome.message = tr("The remote host sent more than %1 KiB where a short answer was expected; the connection "
                         "was ended.")
                          .arg(limitBytes / 1024);
    return outcome;
}

SshOutcome SshOutcome::failedToStart(const QString &program, const QString &reason)
{
    SshOutcome outcome;
    outcome.kind = Kind::FailedToStart;
    outcome.message = tr("Cannot run %1: %2").arg(program, reason);
    return outcome;
}
