#include "commandlineoptions.h"
#include "languages.h"
#include "mainwindow.h"
#include "oncecommand.h"
#include "qtmessages.h"
#include "recordcommand.h"
#include "windowcommand.h"

#include <QApplication>
#include <QCoreApplication>
#include <QSettings>
#include <QTextStream>


namespace {

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
    const QString language = requestedLanguage(arguments);

    CommandLineOptions options;
    {
        // Arguments are checked, and terminal commands run, without a display: a QApplication
        // would abort where there is none before a wrong option could even be reported.
        QCoreApplication core(argc, argv);
        Languages::apply(language);
        QString error;
        if (!options.parse(arguments, MainWindow::viewNames(), &error)) {
            // The one thing that is wrong, and where to read more; not the whole help.
            QTextStream(stderr) << QStringLiteral("sockscope: ") << error << QLatin1Char('\n')
                                << CommandLineOptions::tr("Try '%1 --help'.").arg(QStringLiteral("sockscope"))
                                << QLatin1Char('\n');
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
            return runOnceCommand(options);
        case CommandLineOptions::Mode::Record:
            return runRecordCommand(options);
        case CommandLineOptions::Mode::Window:
            break;
        }
    }

    QApplication app(argc, argv);
    Languages::apply(language.isEmpty() ? QSettings().value(QStringLiteral("language")).toString() : language);
    return runWindowCommand(options);
}
