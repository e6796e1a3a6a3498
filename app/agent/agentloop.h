#pragma once

#include "agentoptions.h"
#include "core/stream/recordingwriter.h"

// --stream and --record: sample every interval into the recording format, on stdout (commands
// read from stdin) or into a file. Returns the exit status.
namespace AgentLoop {
// What a training lab (sockscope-agent --lab, AgentLab) adds to the loop: its "lab ..." commands,
// and a frame of its own after each sample. Each returns false when the output broke.
class Extension
{
public:
    virtual ~Extension() = default;
    virtual bool command(const std::string &words, RecordingWriter &writer) = 0;
    virtual bool afterSample(RecordingWriter &writer) = 0;
};

int run(const AgentOptions &options, const std::string &namespaceLabel, Extension *extension = nullptr);
}
