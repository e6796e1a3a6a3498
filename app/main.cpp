#include "commandlineoptions.h"
#include "oncecommand.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTextStream>
#include <QTranslator>

#include <memory>

namespace {

// Chinese for zh_CN, English otherwise; the desktop's language unless --lang says.
void installTranslators(QCoreApplication &app, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    if (locale.language() != QLocale::Chinese)
        return;
    auto own = new QTranslator(&app);
    if (own->load(QLocale(QStringLiteral("zh_CN")), QStringLiteral("sockscope"), QStringLiteral("_"),
                  QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(own);
    auto qt = new QTranslator(&app);
    if (qt->load(QLocale(QStringLiteral("zh_CN")), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

}

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sockscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SOCKSCOPE_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("sockscope"));

    // --lang must act before the first translated string, so look for it ahead of the full parse.
    const qsizetype langAt = arguments.indexOf(QStringLiteral("--lang"));
    QString language;
    if (langAt > 0 && langAt + 1 < arguments.size())
        language = arguments.at(langAt + 1);
    for (const QString &argument : arguments) {
        if (argument.startsWith(QLatin1String("--lang=")))
            language = argument.mid(7);
    }
    installTranslators(app, language);

    CommandLineOptions options;
    QString error;
    if (!options.parse(arguments, &error)) {
        QTextStream(stderr) << QStringLiteral("sockscope: ") << error << QStringLiteral("\n\n") << options.helpText;
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
    case CommandLineOptions::Mode::Window:
        break;
    }
    QTextStream(stderr) << QStringLiteral("sockscope: ")
                        << QCoreApplication::translate("main", "The window is not built yet; use --once.") << Qt::endl;
    return 1;
}
