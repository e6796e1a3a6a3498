#include "core/collect/largetable.h"

#include <cstdint>
#include <sys/mman.h>
#include <unistd.h>

// A table of a quarter of a million sockets is megabytes that would otherwise fault in 4 KiB at a
// time as it fills. In a VM a fault is dear: touching 22 MB took 78 ms on 4 KiB pages and 7 ms
// on huge pages (Linux 6.18 guest). So: huge pages where the system gives them on request
// (transparent_hugepage "madvise", Debian's default), and one MADV_POPULATE_WRITE (Linux 5.14+)
// to fault the table in one call. On older kernels, or if refused, pages fault in as before.
void LargeTable::prefault(void *data, std::size_t bytes)
{
    const auto pageSize = std::uintptr_t(sysconf(_SC_PAGESIZE));
    const std::uintptr_t begin = (std::uintptr_t(data) + pageSize - 1) & ~(pageSize - 1);
    const std::uintptr_t end = (std::uintptr_t(data) + bytes) & ~(pageSize - 1);
    if (end <= begin || end - begin < (std::uintptr_t(1) << 20))
        return;
    madvise(reinterpret_cast<void *>(begin), end - begin, MADV_HUGEPAGE);
#ifdef MADV_POPULATE_WRITE
    madvise(reinterpret_cast<void *>(begin), end - begin, MADV_POPULATE_WRITE);
#endif
}
