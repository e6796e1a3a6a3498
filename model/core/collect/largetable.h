#pragma once

#include <cstddef>

namespace LargeTable {

// Faults in a freshly allocated table of `bytes` at `data` before it is filled, on huge pages
// where the system gives them on request. Tables under 1 MiB are left alone.
void prefault(void *data, std::size_t bytes);

}
