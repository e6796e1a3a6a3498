#pragma once

#include <cstdint>

// The recording file (docs/recording-format.md), version 2, little-endian:
//
//   "SOCKSCOPE-REC\n"  u16 version  u32 n  n bytes of UTF-8 JSON header
//   frames: u8 type  u32 length  u32 CRC-32 (zlib) of the payload  payload
//     1 SUMMARY   SummaryCodec: one per sample
//     2 SNAPSHOT  u32 n, n bytes of snapshot JSON (sockscope.snapshot/1, no sockets), then
//                 SocketTableCodec: the whole socket table, at a lower rate or on demand
//     3 MARKER    i64 ms since the epoch, UTF-8 label
//     4 END       u32 number of samples: the recording was closed normally
//     5 ERROR     i64 ms since the epoch, then varint-length-prefixed UTF-8 strings: a message
//                 code (CoreMessage's key, e.g. "sock-diag-timeout") and its arguments. What a
//                 collection that failed said (the agent's stream); older readers skip it.
//     6 LAB       UTF-8 JSON: the training lab's load figures and settings (LabFrame, model/core/lab);
//                 older readers skip it.
//     7 OWNERS    OwnerTableCodec: the owners of the rows of the SNAPSHOT frame that follows it
//                 (same row count, the table's row order); older readers skip it.
//     8 SUMMARY OWNERS  SummaryOwnersCodec: TIME-WAIT by owner (command and unit) for the SUMMARY
//                 frame that follows it, names included; only when owners were looked up. Older
//                 readers skip it.
//
// Frames are whole or absent: a reader stops at the first one cut short or damaged and keeps
// everything before it. Unknown frame types are skipped, so later versions can add some.
namespace RecordingFormat {
constexpr char Magic[] = "SOCKSCOPE-REC\n";
constexpr int MagicSize = sizeof(Magic) - 1;
constexpr std::uint16_t Version = 2;
// Version 2: SUMMARY ends with the age of its socket figures (samples between dumps reuse the
// last dump's), and a table stores cookies as ranks into their sorted list. Version 1 files
// are still read.
constexpr std::uint16_t OldestReadableVersion = 1;
constexpr int FrameHeaderSize = 9; // u8 type, u32 length, u32 CRC-32
constexpr std::uint32_t MaximumHeader = 1024 * 1024;
constexpr std::uint32_t MaximumFrame = 1024u * 1024 * 1024;
// Limits on what a file may declare, so a small hostile file cannot make the reader allocate
// gigabytes (a "decompression bomb"). A socket table holds at most 16 Mi rows (a host with
// that many TCP sockets holds tens of GB of kernel memory for them; 262,144 is the usual
// tcp_max_tw_buckets) and a row takes at least 13 bytes once inflated, so a table's declared
// inflated size must fit both 16 Mi rows and what its compressed bytes can expand to (zlib's
// deflate cannot exceed 1032:1, zlib technical details, "Maximum compression factor").
constexpr std::uint32_t MaximumTableRows = 16u * 1024 * 1024;
// state, timer, retransmits, two indices, two ports, five varints: 1 byte each (a version 1
// cookie took one more; a version 2 table of one distinct cookie stores no rank)
constexpr int MinimumRowBytes = 12;
// the same at their widest (44), a cookie's list entry (10) and rank (3), two 17-byte addresses
constexpr int MaximumRowBytes = 91;
// ...and the bytes of a table that belong to no row: version 2's count of distinct cookies.
constexpr int MaximumTableTrailer = 10;
constexpr std::uint64_t MaximumInflation = 1032;
// ...and a row takes at least one byte of the compressed table: 1032:1 alone let a table of
// 16 Mi all-zero rows come from 216 KB and take 1.5 GB as rows (72 bytes each), 7,000 times the
// file. Real tables take more than 3 bytes a row (a cookie and a timer per socket differ from
// row to row: ~3.7 bytes measured for 302,148 rows, mostly TIME-WAIT, bench_agent), so a
// table shown takes at most about 100 times its file's bytes.
constexpr int MinimumCompressedRowBytes = 1;
// Times are milliseconds since the epoch between 1970 and 9999 (what QDateTime can show); a
// sample's figures fit 2^53, so sums and differences of them can never overflow a std::int64_t.
constexpr std::int64_t MaximumTimeMs = 253402300799999;
constexpr std::int64_t MaximumFigure = std::int64_t(1) << 53;
enum FrameType : std::uint8_t {
    Summary = 1,
    Snapshot = 2,
    Marker = 3,
    End = 4,
    Error = 5,
    Lab = 6,
    Owners = 7,
    SummaryOwners = 8
};
// A SNAPSHOT frame's JSON lists at most this many owners under time_wait.by_process (with the
// rest as by_process_other): whom the agent attributed TIME-WAIT to, which its table does not carry.
constexpr int RecordedTopProcesses = 20;
// A SNAPSHOT frame's JSON is the snapshot without its sockets (totals, the 20 busiest owners and
// ports of each side, kernel facts): 3-6 KB measured, whatever the number of sockets. More is not
// a snapshot of ours, and reading it costs ~20 times its bytes in memory and ~24 ms per MiB.
constexpr std::uint32_t MaximumSnapshotJson = 1024 * 1024;
// An ERROR frame's limits: a message has a code and at most this many arguments of at most this many bytes.
constexpr std::uint32_t MaximumErrorArguments = 16;
constexpr std::uint32_t MaximumErrorText = 4096;
}
