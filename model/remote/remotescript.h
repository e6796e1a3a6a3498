#pragma once

#include <QString>
#include <QStringList>

// The POSIX sh programs ssh hands to the remote login shell. The script text is a constant and
// travels single-quoted; the only values (a sha256 in hex, the agent's fixed options) follow it
// as positional parameters, so nothing the user or the remote supplies is ever parsed as code.
// Their results reach us on stderr as one machine-readable line, so that stdout stays the
// agent's byte stream from its first byte.
namespace RemoteScript {
// Exit codes chosen away from ssh's own 255 and from the agent's 0/1/2 (success, runtime, usage);
// the scripts in remotescript.cpp write them literally.
constexpr int NoAgentExit = 86;
constexpr int AgentCorruptExit = 87;
constexpr int PushFailedExit = 88;

// Runs `sockscope-agent` from the remote PATH, else ~/.cache/sockscope/agent-<sha256> once
// sha256sum has checked it, else prints "SOCKSCOPE-NO-AGENT arch=… glibc=… libmnl=yes|no".
QString runAgent(const QString &sha256, const QStringList &agentArguments);
// Reads the agent from stdin into a mktemp file (umask 077), checks its sha256, chmod 700 and
// renames it to agent-<sha256>; prints "SOCKSCOPE-PUSHED" on stderr when the copy is in place.
QString pushAgent(const QString &sha256);
// `text` as one sh word: single quotes, an inner quote written '\''.
QString quoted(const QString &text);
}
