#pragma once

#include <QString>

class RemoteFacts;
class RemoteHost;
struct CommandLineOptions;

// What the user reads when `host` has no agent and none is copied: `refusal` when ours cannot
// be copied there, else what to install or that --push-agent copies it.
QString remoteAgentMissingText(const RemoteHost &host, const RemoteFacts &facts, const QString &refusal);

// `sockscope --host H --once` and `--host H --record FILE`: the same output as for this machine,
// collected by sockscope-agent on H over the system ssh. Without an agent there, --push-agent
// copies ours; otherwise what to install is said and the exit code is 1.
int runRemoteOnce(const CommandLineOptions &options);
int runRemoteRecord(const CommandLineOptions &options);
