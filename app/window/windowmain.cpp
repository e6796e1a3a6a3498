// sockscope-window: the window, and ssh's askpass prompt. sockscope runs it through exec with its
// own arguments, already checked; they are parsed again here (a few microseconds) rather than
// handed over in some other form.
#include "askpasscommand.h"
#include "remote/askpassprompt.h"
#include "cli/commandlineoptions.h"
#include "languages.h"
#include "views/window/mainwindow.h"
#include "views/window/plainmessage.h"
#include "recording/recording.h"
#include "cli/terminal.h"
#include "windowcommand.h"

#include <QApplication>
#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QSettings>

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

}

int main(int argc, char *argv[])
{
    const QStringList arguments = CommandLineOptions::startProgram(argc, argv);
    if (AskpassPrompt::isInvocation(arguments, QProcessEnvironment::systemEnvironment()))
        return runAskpassCommand(argc, argv);
    const QString language = CommandLineOptions::requestedLanguage(arguments);

    CommandLineOptions options;
    std::shared_ptr<Recording> replay;
    QString replayError;
    {
        // Arguments are checked without a display: a QApplication would abort where there is
        // none before a wrong option could even be reported.
        QCoreApplication core(argc, argv);
        Languages::apply(language);
        if (!options.parseOrExplain(arguments, MainWindow::viewNames()))
            return 2;
        if (options.mode != CommandLineOptions::Mode::Window) {
            Terminal::printError(CommandLineOptions::tr("sockscope-window shows the window only; run sockscope for the rest."));
            return 2;
        }
        // The recording is read here, before any QApplication: a file that cannot be opened is
        // reported even where there is no display (Qt's platform plugin would abort first).
        if (!options.replayPath.isEmpty()) {
            replay = std::make_shared<Recording>();
            if (!replay->read(options.replayPath, &replayError)) {
                Terminal::printError(replayError);
                if (!hasScreen() || options.unattendedOutput())
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
