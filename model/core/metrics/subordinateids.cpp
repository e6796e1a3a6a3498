#include "core/metrics/subordinateids.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>

namespace {

bool decimal(const std::string &text, std::uint64_t *value)
{
    if (text.empty() || text.size() > 10)
        return false;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *value);
    return error == std::errc() && end == text.data() + text.size();
}

}

void SubordinateIds::parse(const std::string &text)
{
    m_ranges.clear();
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        const std::string line = text.substr(start, end - start);
        start = end + 1;
        const std::size_t first = line.find(':');
        const std::size_t second = first == std::string::npos ? first : line.find(':', first + 1);
        if (second == std::string::npos || first == 0)
            continue;
        Range range;
        std::uint64_t count = 0;
        if (!decimal(line.substr(first + 1, second - first - 1), &range.first) || !decimal(line.substr(second + 1), &count)
            || count == 0)
            continue;
        range.end = range.first + count;
        range.owner = line.substr(0, first);
        m_ranges.push_back(std::move(range));
    }
    std::sort(m_ranges.begin(), m_ranges.end(), [](const Range &a, const Range &b) { return a.first < b.first; });
}

void SubordinateIds::refresh(const std::string &path)
{
    struct stat info
    {
    };
    const bool present = ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
    if (present && info.st_dev == m_device && info.st_ino == m_inode && info.st_size == m_size
        && info.st_mtim.tv_sec == m_modified.tv_sec && info.st_mtim.tv_nsec == m_modified.tv_nsec)
        return;
    m_device = present ? info.st_dev : 0;
    m_inode = present ? info.st_ino : 0;
    m_size = present ? info.st_size : -1;
    m_modified = present ? info.st_mtim : timespec {};
    std::string text;
    const int fd = present ? ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK) : -1;
    if (fd >= 0) {
        char buffer[8192];
        ssize_t got;
        while (text.size() < MaximumFileBytes && (got = ::read(fd, buffer, sizeof buffer)) > 0)
            text.append(buffer, std::size_t(got));
        ::close(fd);
        text.resize(std::min(text.size(), MaximumFileBytes));
    }
    parse(text);
}

const std::string &SubordinateIds::ownerOf(std::uint32_t uid) const
{
    static const std::string none;
    // The last range starting at or before uid; ranges of different users do not overlap
    // (useradd gives them apart), and if a file says otherwise the lowest start wins.
    auto after = std::upper_bound(m_ranges.begin(), m_ranges.end(), std::uint64_t(uid),
                                  [](std::uint64_t value, const Range &range) { return value < range.first; });
    while (after != m_ranges.begin()) {
        --after;
        if (uid < after->end)
            return after->owner;
    }
    return none;
}
