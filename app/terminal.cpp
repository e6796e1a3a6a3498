#include "terminal.h"

#include "commandlineoptions.h"
#include "networknamespace.h"

#include <QTextStream>

namespace Terminal {

void printError(const QString &message)
{
    QTextStream(stderr) << QStringLiteral("sockscope: ") << message << Qt::endl;
}

bool openNamespace(const CommandLineOptions &options, NetworkNamespace *netns)
{
    QString error;
    if (options.netns.isEmpty() || netns->open(options.netns, &error))
        return true;
    printError(error);
    return false;
}

}
