#include "remotecommand.h"

#include "remote/agentbinary.h"
#include "commandlineoptions.h"
#include "core/snapshot/jsonwellformed.h"
#include "remote/remoteagentconnection.h"
#include "remote/remotesource.h"
#include "terminal.h"
#include "terminationsignals.h"
#include "bridge/untrustedtext.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QStringDecoder>
#include <QTimer>

namespace {

// A --once report is held whole and checked in one pass without building a document (a parser
// that builds one takes up to 9 times the bytes), so the report, its repaired copy and the
// buffer's growth are what a server can make this process hold. A report takes 6.4 KB measured
// at the default --top 10 (a few MB for the most --top allows, 65,536 entries a list), and ~360
// bytes a socket with --sockets (1.8 MB for 5,001 sockets: ~94 MB at the 262,144 TIME-WAIT a
// large host holds at most).
constexpr qint64 MaximumOnceBytes = qint64(64) << 20;
constexpr qint64 MaximumOnceSocketsBytes = qint64(128) << 20;

struct RemoteCommand
{
    Q_DECLARE_TR_FUNCTIONS(RemoteCommand)
};

// The agent's report comes from the remote: passed through only when it is what --once prints.
bool wellFormed(const QByteArray &bytes, CommandLineOptions::Format format)
{
    if (bytes.isEmpty())
        return false;
    if (format == CommandLineOptions::Format::Json) {
        return JsonWellFormed::isObject(std::string_view(bytes.constData(), std::size_t(bytes.size())));
    }
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(bytes);
    if (decoder.hasError())
        return false;
    // A report is lines of text: no terminal escapes or other control characters.
    for (const QChar c : text) {
        if ((c.category() == QChar::Other_Control || c.category() == QChar::Other_Format) && c != QLatin1Char('\n')
            && c != QLatin1Char('\t'))
            return false;
    }
    return true;
}

QStringList onceArguments(const CommandLineOptions &options)
{
    QStringList arguments {QStringLiteral("--once"), QStringLiteral("--format"),
                           options.format == CommandLineOptions::Format::Json ? QStringLiteral("json") : QStringLiteral("text"),
                           QStringLiteral("--top"), QString::number(options.topPorts)};
    if (options.includeSockets)
        arguments << QStringLiteral("--sockets");
    if (options.intervalGiven)
        arguments << QStringLiteral("--interval") << QString::number(options.intervalSeconds);
    return arguments + options.remoteAgentOptions();
}

}

QString remoteAgentMissingText(const RemoteHost &host, const RemoteFacts &facts, const QString &refusal)
{
    if (!refusal.isEmpty())
        return RemoteCommand::tr("%1 has no sockscope-agent: %2").arg(host.displayName(), refusal);
    return RemoteCommand::tr(
               "%1 has no sockscope-agent (%2, glibc %3). Install the sockscope-agent package there (it needs libmnl0), "
               "or run again with --push-agent to copy this sockscope's agent to ~/.cache/sockscope on it.")
        .arg(host.displayName(), facts.architecture(), facts.glibc());
}

int runRemoteOnce(const CommandLineOptions &options)
{
    const RemoteHost &host = options.remoteHost;
    RemoteAgentConnection connection(host, AgentBinary::ours(), onceArguments(options));
    QByteArray report;
    const qint64 maximumBytes = options.includeSockets ? MaximumOnceSocketsBytes : MaximumOnceBytes;
    bool tooLong = false;
    int exitCode = 1;
    QObject::connect(&connection, &RemoteAgentConnection::started, qApp, [&] {
        QProcess *process = connection.process();
        process->closeWriteChannel(); // --once reads no commands
        QObject::connect(process, &QProcess::readyReadStandardOutput, qApp, [&, process] {
            report += process->readAllStandardOutput();
            if (report.size() > maximumBytes && !tooLong) {
                tooLong = true;
                process->kill();
            }
        });
    });
    QObject::connect(&connection, &RemoteAgentConnection::noAgent, qApp, [&](const RemoteFacts &facts, const QString &refusal) {
        if (options.pushAgent && refusal.isEmpty()) {
            connection.pushAgent();
            return;
        }
        Terminal::printError(remoteAgentMissingText(host, facts, refusal));
        QCoreApplication::exit(1);
    });
    QObject::connect(&connection, &RemoteAgentConnection::pushFinished, qApp, [&](bool ok, const QString &message) {
        if (!ok) {
            Terminal::printError(message);
            QCoreApplication::exit(1);
        }
    });
    QObject::connect(&connection, &RemoteAgentConnection::finished, qApp, [&](const SshOutcome &outcome) {
        if (QProcess *process = connection.process())
            report += process->readAllStandardOutput();
        // An older agent wrote a process's name as it found it: bytes that are not UTF-8 become
        // U+FFFD here, so its report is still shown (and parses).
        report = UntrustedText::wellFormedUtf8(report);
        if (tooLong) {
            Terminal::printError(RemoteCommand::tr("%1 sent more than %2 MB for one report; it was not shown.")
                                     .arg(host.displayName())
                                     .arg(maximumBytes >> 20));
        } else if (outcome.kind != SshOutcome::Kind::Finished || outcome.exitCode != 0) {
            Terminal::printError(
                outcome.message.isEmpty()
                    ? RemoteCommand::tr("sockscope-agent on %1 failed (status %2).").arg(host.displayName()).arg(outcome.exitCode)
                    : outcome.message);
        } else if (!wellFormed(report, options.format)) {
            Terminal::printError(RemoteCommand::tr("%1 did not answer with a sockscope report.").arg(host.displayName()));
        } else {
            QFile out;
            if (out.open(stdout, QIODevice::WriteOnly) && out.write(report) == report.size() && out.flush())
                exitCode = 0;
        }
        QCoreApplication::exit(exitCode);
    });
    QTimer::singleShot(0, &connection, &RemoteAgentConnection::start);
    return QCoreApplication::exec() == 0 ? exitCode : 1;
}

int runRemoteRecord(const CommandLineOptions &options)
{
    TerminationSignals signalsWatcher;
    const RemoteHost &host = options.remoteHost;
    RemoteSource source(host, AgentBinary::ours());
    source.setStreamArguments(options.remoteAgentOptions());
    int exitCode = 0;
    int samples = 0;
    bool recording = false;
    bool pushing = false; // the source ended for the copy; it starts again after it
    const auto finish = [&](int code) {
        exitCode = qMax(exitCode, code);
        if (recording)
            source.stopRecording(); // whole frames only: the writer appends frame by frame
        source.stop();
        QCoreApplication::exit(exitCode);
    };
    QObject::connect(&signalsWatcher, &TerminationSignals::received, qApp, [&] { finish(0); });
    QObject::connect(&source, &Source::recordingFailed, qApp, [&](const QString &error) {
        recording = false;
        Terminal::printError(error);
        finish(1);
    });
    QObject::connect(&source, &Source::sampleReady, qApp, [&](const SamplePtr &) {
        if (!recording) {
            recording = true;
            source.startRecording(options.recordPath);
            if (options.durationSeconds > 0)
                QTimer::singleShot(int(options.durationSeconds * 1000), qApp, [&] { finish(0); });
        }
        if (options.samplesGiven && ++samples >= options.samples)
            finish(0);
    });
    QObject::connect(&source, &RemoteSource::noAgent, qApp, [&](const RemoteFacts &facts, const QString &refusal) {
        if (options.pushAgent && refusal.isEmpty()) {
            pushing = true;
            source.pushAgent();
            return;
        }
        Terminal::printError(remoteAgentMissingText(host, facts, refusal));
        finish(1);
    });
    QObject::connect(&source, &RemoteSource::pushFinished, qApp, [&](bool ok, const QString &message) {
        pushing = false;
        if (!ok) {
            Terminal::printError(message);
            finish(1);
        }
    });
    QObject::connect(&source, &Source::failed, qApp, [&](const QString &error) {
        Terminal::printError(error);
        finish(1);
    });
    // Before the first sample, a connection that fails is the answer (nothing to reconnect to).
    QObject::connect(&source, &Source::stateChanged, qApp, [&](Source::State state) {
        if ((state == Source::State::Lost || state == Source::State::Ended) && !recording && !pushing) {
            Terminal::printError(source.stateReason());
            finish(1);
        }
    });
    source.start(int(options.intervalSeconds * 1000));
    QCoreApplication::exec();
    return exitCode;
}
