#pragma once

// sockscope run by ssh as its SSH_ASKPASS program (see AskpassPrompt::isInvocation): shows the
// prompt in a dialog, prints the answer on stdout and returns 0, or returns 1 when cancelled or
// when there is no display to ask on (ssh then fails instead of waiting on a terminal).
int runAskpassCommand(int argc, char *argv[]);
