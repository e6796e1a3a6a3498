#pragma once

#include <QByteArray>
#include <QRandomGenerator>

// Hostile bytes for the tests of file and datagram readers: recording frames, socket tables that
// declare more than they hold, and random mutations of real fixtures.
namespace HostileBytes {
// A recording frame: u8 type, u32 length, u32 CRC-32, payload (model/recordingformat.h).
QByteArray frame(quint8 type, const QByteArray &payload);
// A table as SocketTableCodec stores it: u32 declared inflated size, then a zlib stream of `rows`
// (u32), `addresses` (varint) and zeros up to `inflated` bytes in all. The zeros are deflated in
// chunks, so a table that inflates to hundreds of megabytes costs a few hundred kilobytes.
QByteArray zeroTable(quint32 rows, quint64 inflated, quint32 declared, quint64 addresses = 0);
// One random change of the kinds that break parsers: bit flips, 4-byte words set to length-like
// extremes (0, 1, 2^31-1, 2^32-1...), bytes cut off or repeated.
void mutate(QByteArray &bytes, QRandomGenerator &random);
}
