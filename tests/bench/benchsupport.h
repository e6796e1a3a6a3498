#pragma once

#include "privatenetworknamespace.h"

#include <QByteArray>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/types.h>
#include <unistd.h>
#include <vector>

// What every benchmark here does first: read "--name value" options and move into a namespace
// of its own (the population it builds must not touch the host).
namespace BenchSupport {

inline QByteArray option(int argc, char *argv[], const char *name, const char *fallback)
{
    for (int i = 1; i + 1 < argc; ++i) {
        if (QByteArray(argv[i]) == name)
            return argv[i + 1];
    }
    return fallback;
}

inline int intOption(int argc, char *argv[], const char *name, int fallback)
{
    const QByteArray value = option(argc, argv, name, nullptr);
    return value.isNull() ? fallback : value.toInt();
}

inline bool enterPrivateNamespace()
{
    QString error;
    if (PrivateNetworkNamespace::enterFresh(&error))
        return true;
    std::fprintf(stderr, "bench: %s\n", qPrintable(error));
    return false;
}

inline double monotonicMs()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

inline double medianOf(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// utime + stime of a process and all its threads (/proc/PID/stat fields 14 and 15).
inline double processCpuMs(pid_t pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::stringstream text;
    text << in.rdbuf();
    const std::string stat = text.str();
    const std::size_t close = stat.rfind(')');
    if (close == std::string::npos)
        return 0;
    std::istringstream fields(stat.substr(close + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; fields >> field; ++i) {
        if (i == 14 || i == 15)
            ticks += std::strtod(field.c_str(), nullptr);
    }
    return ticks * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

inline int fail(const QString &error)
{
    std::fprintf(stderr, "bench: %s\n", qPrintable(error));
    return 1;
}

}
