#pragma once

#include "agentloop.h"
#include "core/lab/labload.h"

#include <string>

// sockscope-agent --lab, inside the lab's namespaces: the load generator, its "lab load ..."
// commands, "lab sysctl NAME=VALUE ..." run through the sysctl helper in the lab (root there,
// nobody outside), and a LAB frame after every sample.
class AgentLab : public AgentLoop::Extension
{
public:
    explicit AgentLab(std::string sysctlHelper);

    bool start(CoreMessage *error);
    bool command(const std::string &words, RecordingWriter &writer) override;
    bool afterSample(RecordingWriter &writer) override;

private:
    bool applySysctls(const std::vector<std::string> &pairs, RecordingWriter &writer);

    std::string m_sysctlHelper;
    LabLoad m_load;
    LabLoadSettings m_settings;
};
