#include "core/collect/procfile.h"

#include "core/collect/coremessage.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

ProcFile ProcFile::read(const std::string &path)
{
    ProcFile file;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        file.status = (err == ENOENT || err == ENOTDIR) ? Status::Absent
            : (err == EACCES || err == EPERM)           ? Status::PermissionDenied
                                                        : Status::Failed;
        file.error = errnoText(err);
        return file;
    }
    // /proc files report size 0; read until EOF.
    char chunk[16384];
    for (;;) {
        const ssize_t got = ::read(fd, chunk, sizeof(chunk));
        if (got > 0) {
            file.contents.append(chunk, std::size_t(got));
            continue;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            const int err = errno;
            file.status = (err == EACCES || err == EPERM) ? Status::PermissionDenied : Status::Failed;
            file.error = errnoText(err);
            ::close(fd);
            file.contents.clear();
            return file;
        }
        break;
    }
    ::close(fd);
    file.status = Status::Ok;
    return file;
}

std::string ProcFile::threadNetPath(const char *file)
{
    return std::string("/proc/thread-self/net/") + file;
}
