#pragma once

#include <cstdint>
#include <string>

struct SocketOwner;

// An owner as TIME-WAIT over time names it: a command and its systemd unit or container, without
// the pid. A service's workers and its restarts are one line in a chart (and one series in the
// exporter, which labels them the same way), where pids would split it into many short ones.
struct OwnerLabel
{
    std::string command; // empty for an owner known only by its cgroup
    std::string unit;

    static OwnerLabel of(const SocketOwner &owner);
    // A 64-bit FNV-1a hash of command and unit: what a summary stores instead of the names.
    std::uint64_t key() const { return keyOf(command, unit); }
    // The same without making a label (once per owner per sample in the summarizer).
    static std::uint64_t keyOf(const std::string &command, const std::string &unit);
    bool operator==(const OwnerLabel &other) const { return command == other.command && unit == other.unit; }
};
