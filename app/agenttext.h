#pragma once

#include "coremessage.h"

#include <string>

struct Snapshot;

// The agent's words: it has no translations, so a message is its code and arguments (the window
// words it), and `--once --format text` is a short English report in the spirit of `ss -s`.
namespace AgentText {
std::string message(const CoreMessage &message);
std::string report(const Snapshot &snapshot, int topPorts);
}
