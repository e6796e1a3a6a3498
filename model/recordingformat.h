#pragma once

#include <QtGlobal>

// The recording file (README, "Recording file format"), version 1, little-endian:
//
//   "SOCKSCOPE-REC\n"  u16 version  u32 n  n bytes of UTF-8 JSON header
//   frames: u8 type  u32 length  u32 CRC-32 (zlib) of the payload  payload
//     1 SUMMARY   SummaryCodec: one per sample
//     2 SNAPSHOT  u32 n, n bytes of snapshot JSON (sockscope.snapshot/1, no sockets), then
//                 SocketTableCodec: the whole socket table, at a lower rate or on demand
//     3 MARKER    i64 ms since the epoch, UTF-8 label
//     4 END       u32 number of samples: the recording was closed normally
//
// Frames are whole or absent: a reader stops at the first one cut short or damaged and keeps
// everything before it. Unknown frame types are skipped, so later versions can add some.
namespace RecordingFormat {
constexpr char Magic[] = "SOCKSCOPE-REC\n";
constexpr int MagicSize = sizeof(Magic) - 1;
constexpr quint16 Version = 1;
constexpr int FrameHeaderSize = 9; // u8 type, u32 length, u32 CRC-32
constexpr quint32 MaximumHeader = 1024 * 1024;
constexpr quint32 MaximumFrame = 1024u * 1024 * 1024;
enum FrameType : quint8 { Summary = 1, Snapshot = 2, Marker = 3, End = 4 };
}
