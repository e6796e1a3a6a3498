#pragma once

// Qt's own diagnostics ("QStandardPaths: XDG_RUNTIME_DIR not set …", "This plugin does not
// support propagateSizeHints()", qt.* categories) mean nothing to someone reading a snapshot or
// recording: hidden unless SOCKSCOPE_DEBUG or QT_LOGGING_RULES is set. sockscope's own messages
// go to stderr directly (Terminal::printError), never through qWarning, so nothing of ours is
// lost; critical and fatal messages always pass.
namespace QtMessages {
void quietUnlessAsked();
}
