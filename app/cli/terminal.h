#pragma once

#include <QString>

class NetworkNamespace;
struct CommandLineOptions;

// What the commands share at the terminal: one clear line on stderr, and the --netns they observe.
namespace Terminal {
void printError(const QString &message);
// Opens options.netns (nothing to do without one); on failure prints why and returns false.
bool openNamespace(const CommandLineOptions &options, NetworkNamespace *netns);
}
