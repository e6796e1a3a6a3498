#pragma once

struct CommandLineOptions;

// `sockscope --once`: one snapshot (two with --interval, for rates) printed to stdout.
// Returns the process exit code: 0, or 1 with one line on stderr.
int runOnceCommand(const CommandLineOptions &options);
