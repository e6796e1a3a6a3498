#pragma once

struct CommandLineOptions;

// `sockscope --record FILE`: samples without a window (a server with no display) until
// --samples or --duration is reached, or Ctrl+C / SIGTERM, and leaves a complete recording.
int runRecordCommand(const CommandLineOptions &options);
