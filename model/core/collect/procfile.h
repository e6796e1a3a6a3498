#pragma once

#include <string>

// Reads small kernel text files (/proc, /sys) in one go. Says why a file could not be read, so
// "not on this kernel" and "not allowed" are states the UI can show, not silent zeros.
struct ProcFile
{
    enum class Status { Ok, Absent, PermissionDenied, Failed };

    Status status = Status::Failed;
    std::string contents;
    std::string error; // errno text when status != Ok

    bool ok() const { return status == Status::Ok; }

    static ProcFile read(const std::string &path);
    // The calling thread's /proc/net: after setns() in a collecting thread, /proc/net (which
    // follows the process's main thread) would show the wrong namespace.
    static std::string threadNetPath(const char *file);
};
