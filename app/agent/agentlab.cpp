#include "agentlab.h"

#include "core/lab/labframe.h"
#include "core/stream/recordingformat.h"
#include "core/collect/textscan.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

std::int64_t wallMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// Runs `argv` with its standard output read into *out (at most LabFrame::MaximumReport bytes);
// returns its exit status, or -1 when it could not run.
int runCapturing(const std::vector<std::string> &arguments, std::string *out)
{
    std::vector<char *> argv;
    for (const std::string &argument : arguments)
        argv.push_back(const_cast<char *>(argument.c_str()));
    argv.push_back(nullptr);
    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0)
        return -1;
    const pid_t child = ::fork();
    if (child < 0) {
        ::close(pipeFds[0]);
        ::close(pipeFds[1]);
        return -1;
    }
    if (child == 0) {
        // Only async-signal-safe calls here: the load generator's thread exists in the parent.
        ::dup2(pipeFds[1], STDOUT_FILENO);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(pipeFds[1]);
    char buffer[4096];
    for (;;) {
        const ssize_t got = ::read(pipeFds[0], buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        if (out->size() < LabFrame::MaximumReport)
            out->append(buffer, std::size_t(got));
    }
    ::close(pipeFds[0]);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}

AgentLab::AgentLab(std::string sysctlHelper)
    : m_sysctlHelper(std::move(sysctlHelper))
{
}

bool AgentLab::start(CoreMessage *error)
{
    // Idle until told: the window (or sockscope --lab --headless) sets the scenario's load.
    m_settings.running = false;
    return m_load.listen(m_settings, error);
}

bool AgentLab::command(const std::string &words, RecordingWriter &writer)
{
    m_load.startThread(); // the stream's header is out: the agent forks no more but for the helper
    const std::vector<std::string_view> split = TextScan::words(words);
    std::vector<std::string> rest;
    for (std::size_t i = 1; i < split.size(); ++i)
        rest.emplace_back(split[i]);
    std::string bad;
    if (!split.empty() && split[0] == "load") {
        if (!m_settings.apply(rest, &bad))
            return writer.writeError(wallMs(), {CoreMessageCode::LabBadSetting, {bad}});
        m_load.setSettings(m_settings);
        return writer.appendFrame(RecordingFormat::Lab, LabFrame::encode(wallMs(), m_settings, m_load.figures()));
    }
    if (!split.empty() && split[0] == "sysctl" && !rest.empty())
        return applySysctls(rest, writer);
    return writer.writeError(wallMs(), {CoreMessageCode::LabBadSetting, {std::string(words.substr(0, 64))}});
}

bool AgentLab::applySysctls(const std::vector<std::string> &pairs, RecordingWriter &writer)
{
    if (m_sysctlHelper.empty())
        return writer.writeError(wallMs(), {CoreMessageCode::LabSysctlFailed, {"no sysctl helper was named"}});
    // The helper checks names and values against its catalog, writes, reads back and puts
    // everything back if one fails. It runs as root of the lab's user namespace, in the lab's
    // network namespace: what it may write is this namespace's files, nothing of the host.
    for (const std::string &pair : pairs)
        if (pair.empty() || pair[0] == '-' || pair.find('=') == std::string::npos)
            return writer.writeError(wallMs(), {CoreMessageCode::LabSysctlFailed, {"not NAME=VALUE: " + pair.substr(0, 64)}});
    std::vector<std::string> arguments {m_sysctlHelper, "apply"};
    arguments.insert(arguments.end(), pairs.begin(), pairs.end());
    std::string report;
    const int status = runCapturing(arguments, &report);
    if (status < 0)
        return writer.writeError(wallMs(), {CoreMessageCode::LabSysctlFailed, {m_sysctlHelper + ": " + std::strerror(errno)}});
    // A listener's backlog is capped by somaxconn when listen() is called: call it again.
    for (const std::string &pair : pairs)
        if (TextScan::startsWith(pair, "net.core.somaxconn="))
            m_load.relisten();
    return writer.appendFrame(RecordingFormat::Lab,
                              LabFrame::encodeWithReport(wallMs(), m_settings, m_load.figures(), report, status));
}

bool AgentLab::afterSample(RecordingWriter &writer)
{
    m_load.startThread();
    return writer.appendFrame(RecordingFormat::Lab, LabFrame::encode(wallMs(), m_settings, m_load.figures()));
}
