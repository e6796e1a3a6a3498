#pragma once

// Brings "lo" up in the calling thread's network namespace (a new namespace starts with it down).
// Plain system calls only, no allocation: safe in a forked child of a multi-threaded process.
// On failure errno tells why.
namespace LoopbackInterface {
bool bringUp();
}
