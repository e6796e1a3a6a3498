#include "askpasscommand.h"
#include "askpassprompt.h"
#include "commandlineoptions.h"
#include "labcommand.h"
#include "languages.h"
#include "mainwindow.h"
#include "oncecommand.h"
#include "qtmessages.h"
#include "plainmessage.h"
#include "recordcommand.h"
#include "remotecommand.h"
#include "recording.h"
#include "terminal.h"
#include "windowcommand.h"

#include <QApplication>
#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QSettings>
#include <QTextStream>


namespace {

// A screen someone looks at: what a desktop launcher gives. Without DISPLAY, WAYLAND_DISPLAY
// or QT_QPA_PLATFORM, QGuiApplication aborts; offscreen and minimal are for tests and scripts.
bool hasScreen()
{
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    if (platform.startsWith("offscreen") || platform.startsWith("minimal"))
        return false;
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") || !platform.isEmpty();
}

// --lang must act before the first translated string (the usage text), so it is looked for
// ahead of the full parse; the full parse still validates it.
QString requestedLanguage(const QStringList &arguments)
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

}

int main(int argc, char *argv[])
{
    QtMessages::quietUnlessAsked();
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    QCoreApplication::setApplicationName(QStringLiteral("sockscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SOCKSCOPE_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("sockscope"));
    // Started by ssh for a host-key or password prompt (SshCommand sets the environment).
    if (AskpassPrompt::isInvocation(arguments, QProcessEnvironment::systemEnvironment()))
        return runAskpassCommand(argc, argv);
    const QString language = requestedLanguage(arguments);

    CommandLineOptions options;
    std::shared_ptr<Recording> replay;
    QString replayError;
    {
        // Arguments are checked, and terminal commands run, without a display: a QApplication
        // would abort where there is none before a wrong option could even be reported.
        QCoreApplication core(argc, argv);
        Languages::apply(language);
        QString error;
        if (!options.parse(arguments, MainWindow::viewNames(), &error)) {
            // The one thing that is wrong, and where to read more; not the whole help.
            Terminal::printError(error);
            QTextStream(stderr) << CommandLineOptions::tr("Try '%1 --help'.").arg(QStringLiteral("sockscope")) << QLatin1Char('\n');
            return 2;
        }
        switch (options.mode) {
        case CommandLineOptions::Mode::Help:
            QTextStream(stdout) << options.helpText;
            return 0;
        case CommandLineOptions::Mode::Version:
            QTextStream(stdout) << QStringLiteral("sockscope " SOCKSCOPE_VERSION "\n");
            return 0;
        case CommandLineOptions::Mode::Once:
            return options.remoteHost.host().isEmpty() ? runOnceCommand(options) : runRemoteOnce(options);
        case CommandLineOptions::Mode::Record:
            return options.remoteHost.host().isEmpty() ? runRecordCommand(options) : runRemoteRecord(options);
        case CommandLineOptions::Mode::LabHeadless:
            return runLabHeadless(options);
        case CommandLineOptions::Mode::Window:
            break;
        }
        // The recording is read here, before any QApplication: a file that cannot be opened is
        // reported even where there is no display (Qt's platform plugin would abort first).
        if (!options.replayPath.isEmpty()) {
            replay = std::make_shared<Recording>();
            if (!replay->read(options.replayPath, &replayError)) {
                Terminal::printError(replayError);
                if (!hasScreen() || !options.screenshotPath.isEmpty())
                    return 1;
            }
        }
    }

    QApplication app(argc, argv);
    Languages::apply(language.isEmpty() ? QSettings().value(QStringLiteral("language")).toString() : language);
    if (!replayError.isEmpty()) {
        // Started from a desktop launcher or file manager, stderr goes nowhere anyone reads.
        PlainMessage::warning(nullptr, QCoreApplication::translate("MainWindow", "Open recording"), replayError);
        return 1;
    }
    return runWindowCommand(options, replay);
}
