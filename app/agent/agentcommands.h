#pragma once

#include "core/collect/coremessage.h"

#include <cstddef>
#include <string>

// The stream's commands on stdin, one a line: "interval MS", "table-period MS", "table",
// "pause", "resume", and the lab's "lab ..." (AgentLab). Bytes come in as they arrive; a line longer than MaximumLine is dropped
// whole (answered once), never kept growing.
class AgentCommands
{
public:
    static constexpr std::size_t MaximumLine = 256;

    struct Command
    {
        enum class Kind { None, Interval, TablePeriod, Table, Pause, Resume, Lab, Invalid };
        Kind kind = Kind::None;
        int milliseconds = 0;
        std::string words; // Lab: the line after "lab " (sockscope-agent --lab reads it)
        CoreMessage error; // Invalid: what to answer
    };

    // Takes bytes read from stdin.
    void feed(const char *data, std::size_t length);
    // The next complete line's command (Kind::None for a blank line); false when no whole line waits.
    bool next(Command *command);

private:
    static Command parse(const std::string &line);

    std::string m_pending; // bytes after the last newline
    std::size_t m_lineLength = 0; // bytes of the last, unfinished line in m_pending
    bool m_discarding = false; // inside a line that grew too long
};
