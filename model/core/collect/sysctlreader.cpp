#include "core/collect/sysctlreader.h"

#include "core/collect/procfile.h"
#include "core/collect/textscan.h"

#include <cerrno>

namespace SysctlReader {

const std::vector<std::string> &snapshotSet()
{
    // tcp_tw_recycle is read too, though removed in 4.12: whether this kernel still has it is
    // told from the file, not assumed from the version.
    static const std::vector<std::string> names = {
        "net.ipv4.tcp_tw_reuse",
        "net.ipv4.tcp_tw_reuse_delay",
        "net.ipv4.tcp_fin_timeout",
        "net.ipv4.tcp_max_tw_buckets",
        "net.ipv4.tcp_timestamps",
        "net.ipv4.ip_local_port_range",
        "net.ipv4.ip_local_reserved_ports",
        "net.ipv4.tcp_max_orphans",
        "net.ipv4.tcp_orphan_retries",
        "net.ipv4.tcp_syncookies",
        "net.ipv4.tcp_max_syn_backlog",
        "net.core.somaxconn",
        "net.ipv4.tcp_rfc1337",
        "net.ipv4.tcp_ehash_entries",
        "net.ipv4.ip_unprivileged_port_start",
        "net.ipv4.tcp_tw_recycle",
    };
    return names;
}

std::string procPath(const std::string &name)
{
    // ^[a-z0-9_]+(\.[a-z0-9_]+)+$
    bool component = false;
    int dots = 0;
    for (const char c : name) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
            component = true;
        } else if (c == '.' && component) {
            component = false;
            ++dots;
        } else {
            return {};
        }
    }
    if (!component || dots == 0)
        return {};
    std::string path = "/proc/sys/" + name;
    for (std::size_t i = 10; i < path.size(); ++i) {
        if (path[i] == '.')
            path[i] = '/';
    }
    return path;
}

SysctlReading read(const std::string &name)
{
    SysctlReading reading;
    reading.name = name;
    const std::string path = procPath(name);
    if (path.empty()) {
        reading.state = SysctlReading::State::Unreadable;
        reading.error = errnoText(EINVAL);
        return reading;
    }
    const ProcFile file = ProcFile::read(path);
    switch (file.status) {
    case ProcFile::Status::Ok:
        reading.state = SysctlReading::State::Present;
        reading.value = TextScan::simplified(file.contents);
        break;
    case ProcFile::Status::Absent:
        // Not on this kernel (tcp_tw_reuse_delay before 6.14), or global-only and hidden in a
        // child namespace (tcp_max_orphans).
        reading.state = SysctlReading::State::Absent;
        break;
    case ProcFile::Status::PermissionDenied:
    case ProcFile::Status::Failed:
        reading.state = SysctlReading::State::Unreadable;
        reading.error = file.error;
        break;
    }
    return reading;
}

}
