#pragma once

#include "recording/recording.h"

struct CommandLineOptions;

// The window: live sampling of the observed namespace, or `replay` (read before the window,
// see main) when --replay was given. With --screenshot it saves a PNG after --samples
// refreshes and exits; with --benchmark it prints GUI-thread timings instead.
int runWindowCommand(const CommandLineOptions &options, const std::shared_ptr<Recording> &replay);
