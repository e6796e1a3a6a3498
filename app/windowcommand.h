#pragma once

struct CommandLineOptions;

// The window: live sampling of the observed namespace. With --screenshot it saves a PNG after
// --samples refreshes and exits; with --benchmark it prints GUI-thread timings instead.
int runWindowCommand(const CommandLineOptions &options);
