#pragma once

struct CommandLineOptions;

// `sockscope --lab SCENARIO --headless --duration S [--set NAME=VALUE …] [--record FILE]`: runs a
// scenario of the training lab without a window (Qt Core only), then prints its checkpoints as
// JSON on stdout. Exit 0 when every checkpoint that applies held, 1 otherwise or on a failure.
int runLabHeadless(const CommandLineOptions &options);
