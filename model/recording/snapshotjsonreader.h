#pragma once

#include <QByteArray>

struct Snapshot;

// Reads back what SnapshotJsonWriter wrote (schema sockscope.snapshot/1): time, namespace,
// kernel figures, counters, slab, sysctls. Sockets and the counts derived from them are not
// taken from the JSON; a recording keeps the records themselves (SocketTableCodec).
namespace SnapshotJsonReader {
bool read(const QByteArray &json, Snapshot *snapshot, QString *error);
}
