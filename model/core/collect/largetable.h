#pragma once

#include <cstddef>

namespace LargeTable {

// Faults in a freshly allocated table of `bytes` at `data` before it is filled, in one call.
// It writes nothing the program can see, so another thread may fill the table meanwhile.
// Tables under 1 MiB are left alone.
void prefault(void *data, std::size_t bytes);

}
