#pragma once

#include <QString>

// The window is a program of its own, sockscope-window: Qt Gui, Widgets, Charts and what they
// pull in (53 shared libraries, some 30 ms to map and relocate) load only when a window is
// shown, never for --once, --record, --help or the headless lab. It is installed in
// libexec/sockscope and, in a build tree, sits beside sockscope.
namespace WindowProgram {
// Where it is: beside this program, else where an install puts it relative to this program's
// directory (so a tree installed under any prefix, or staged with DESTDIR, finds its own).
QString path();
// Runs it in place of this process with the same arguments and environment (the same pid, so
// ssh, waiting on sockscope as its askpass program, waits on the window's prompt). Returns only
// when it cannot be started: prints why, and the exit code (1).
int replaceThisProcess(char *argv[]);
}
