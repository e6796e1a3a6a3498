// sockscope: the command line, Qt Core only. --once, --record, the headless lab and the remote
// commands run here; the window (and ssh's askpass prompt) is sockscope-window, which this
// program becomes through exec (windowprogram.h says why).
#include "remote/askpassprompt.h"
#include "commandlineoptions.h"
#include "labcommand.h"
#include "languages.h"
#include "oncecommand.h"
#include "recordcommand.h"
#include "remotecommand.h"
#include "windowprogram.h"
#include "views/window/windowviews.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QTextStream>

int main(int argc, char *argv[])
{
    const QStringList arguments = CommandLineOptions::startProgram(argc, argv);
    // Started by ssh for a host-key or password prompt (SshCommand sets the environment).
    if (AskpassPrompt::isInvocation(arguments, QProcessEnvironment::systemEnvironment()))
        return WindowProgram::replaceThisProcess(argv);

    QCoreApplication core(argc, argv);
    Languages::apply(CommandLineOptions::requestedLanguage(arguments));
    CommandLineOptions options;
    if (!options.parseOrExplain(arguments, WindowViews::names()))
        return 2;
    switch (options.mode) {
    case CommandLineOptions::Mode::Help: QTextStream(stdout) << options.helpText; return 0;
    case CommandLineOptions::Mode::Version: QTextStream(stdout) << QStringLiteral("sockscope " SOCKSCOPE_VERSION "\n"); return 0;
    case CommandLineOptions::Mode::Once:
        return options.remoteHost.host().isEmpty() ? runOnceCommand(options) : runRemoteOnce(options);
    case CommandLineOptions::Mode::Record:
        return options.remoteHost.host().isEmpty() ? runRecordCommand(options) : runRemoteRecord(options);
    case CommandLineOptions::Mode::LabHeadless: return runLabHeadless(options);
    case CommandLineOptions::Mode::Window: break;
    }
    return WindowProgram::replaceThisProcess(argv);
}
