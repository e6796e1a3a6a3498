#include "windowprogram.h"

#include "terminal.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <unistd.h>

QString WindowProgram::path()
{
    // Not QCoreApplication::applicationDirPath(): ssh's askpass call comes before any QCoreApplication.
    const QString directory = QFileInfo(QFileInfo(QStringLiteral("/proc/self/exe")).symLinkTarget()).path();
    const QString beside = directory + QStringLiteral("/sockscope-window");
    if (QFileInfo(beside).isExecutable())
        return beside;
    return QDir::cleanPath(directory + QStringLiteral("/" SOCKSCOPE_WINDOW_FROM_BINDIR "/sockscope-window"));
}

int WindowProgram::replaceThisProcess(char *argv[])
{
    const QByteArray program = QFile::encodeName(path());
    execv(program.constData(), argv);
    const int error = errno;
    Terminal::printError(QCoreApplication::translate("WindowProgram", "Cannot start the window, %1: %2.")
                             .arg(QFile::decodeName(program), QString::fromLocal8Bit(std::strerror(error))));
    return 1;
}
