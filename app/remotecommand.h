#pragma once

struct CommandLineOptions;

// `sockscope --host H --once` and `--host H --record FILE`: the same output as for this machine,
// collected by sockscope-agent on H over the system ssh. Without an agent there, --push-agent
// copies ours; otherwise what to install is said and the exit code is 1.
int runRemoteOnce(const CommandLineOptions &options);
int runRemoteRecord(const CommandLineOptions &options);
