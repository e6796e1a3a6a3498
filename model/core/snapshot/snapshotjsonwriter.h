#pragma once

#include "core/collect/coremessage.h"
#include "core/snapshot/jsonstreamwriter.h"

#include <functional>
#include <string>

struct Snapshot;
struct SocketOwnership;
struct SocketRecord;

// The `--format json` document (schema "sockscope.snapshot/1", documented in docs/json-schema.md).
namespace SnapshotJsonWriter {
// How a message of the core becomes the text of "warnings", "slabinfo_error" and
// "estimate_basis": the window and CLI word it in the user's language; without one, the code
// and its arguments (coreMessagePlain).
using Wording = std::function<std::string(const CoreMessage &)>;

struct Options
{
    int topPorts = 10;
    int topProcesses = -1; // time_wait.by_process: -1 for as many as topPorts
    bool includeSockets = false;
    // time_wait.by_local_port/by_remote_port list the ports inside ip_local_port_range one by
    // one; by default they are one entry {"port": null, "ephemeral": [low, high], "count": N}.
    bool ephemeralPorts = false;
    Wording wording;
};
// Returns false when the sink refused the output.
bool write(const Snapshot &snapshot, const Options &options, JsonStreamWriter::Sink sink);
// One socket as an object of the "sockets" array.
// `ownership` (may be null) and `index`: whose socket it is ("owner": null or an object).
void writeSocket(JsonStreamWriter &json, const SocketRecord &record, const SocketOwnership *ownership = nullptr,
                 std::size_t index = 0);
// The machine the program runs on, as the document names it: gethostname(), uname's release.
std::string hostName();
std::string kernelRelease();
// "2026-11-25T01:04:50.123Z"
std::string isoTimeUtc(std::int64_t msSinceEpoch);
}
