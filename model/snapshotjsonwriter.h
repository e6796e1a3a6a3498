#pragma once

class JsonStreamWriter;
class QIODevice;
struct Snapshot;
struct SocketRecord;

// The `--format json` document (schema "sockscope.snapshot/1", documented in README.md).
namespace SnapshotJsonWriter {
struct Options
{
    int topPorts = 10;
    bool includeSockets = false;
};
// Returns false when the device refused the output.
bool write(const Snapshot &snapshot, const Options &options, QIODevice *device);
// One socket as an object of the "sockets" array.
void writeSocket(JsonStreamWriter &json, const SocketRecord &record);
}
