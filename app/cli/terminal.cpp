#include "terminal.h"
#include "wording/coremessagetext.h"

#include "commandlineoptions.h"
#include "core/collect/networknamespace.h"
#include "bridge/untrustedtext.h"

#include <QTextStream>

namespace Terminal {

void printError(const QString &message)
{
    // Messages quote file names and arguments, which may hold terminal escape sequences (a file
    // from a ticket named "\e]0;…\a" retitles the terminal, "\e[2J" clears it): one plain line.
    QTextStream(stderr) << QStringLiteral("sockscope: ") << UntrustedText::plain(message, 4096) << Qt::endl;
}

bool openNamespace(const CommandLineOptions &options, NetworkNamespace *netns)
{
    CoreMessage error;
    if (options.netns.isEmpty() || netns->open(options.netns.toStdString(), &error))
        return true;
    printError(CoreMessageText::text(error));
    return false;
}

}
