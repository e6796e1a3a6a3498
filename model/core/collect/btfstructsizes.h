#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

// Sizes of kernel structs from the kernel's own BTF (/sys/kernel/btf/vmlinux, readable by
// everyone). Lets an unprivileged user estimate slab memory with this kernel's object sizes
// when /proc/slabinfo is root-only.
namespace BtfStructSizes {
// Returns the size of each named struct found in `btf` (raw BTF bytes); missing names are absent.
std::map<std::string, std::int64_t> find(std::string_view btf, const std::vector<std::string> &structNames);
// Sizes of the structs behind the TCP slab caches (tcp_timewait_sock, tcp_sock, tcp_request_sock
// and their IPv6 forms) in the running kernel; empty when its BTF is unavailable. Read once.
std::map<std::string, std::int64_t> socketStructsOfRunningKernel();
}
