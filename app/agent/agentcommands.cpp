#include "agentcommands.h"

#include "agentoptions.h"
#include "core/collect/textscan.h"

void AgentCommands::feed(const char *data, std::size_t length)
{
    for (std::size_t i = 0; i < length; ++i) {
        const char c = data[i];
        if (m_discarding) {
            if (c == '\n')
                m_discarding = false;
            continue;
        }
        m_pending += c;
        // The line being read, not what is pending: one read() may bring many short commands.
        m_lineLength = c == '\n' ? 0 : m_lineLength + 1;
        if (m_lineLength > MaximumLine) {
            // Answered as a line of its own, then everything up to the next newline is dropped.
            m_pending.erase(m_pending.size() - m_lineLength);
            m_pending += "\x01too-long\n";
            m_lineLength = 0;
            m_discarding = true;
        }
    }
}

bool AgentCommands::next(Command *command)
{
    const std::size_t newline = m_pending.find('\n');
    if (newline == std::string::npos)
        return false;
    const std::string line = m_pending.substr(0, newline);
    m_pending.erase(0, newline + 1);
    if (line == "\x01too-long") {
        *command = Command();
        command->kind = Command::Kind::Invalid;
        command->error = {CoreMessageCode::AgentLineTooLong, {std::to_string(MaximumLine)}};
        return true;
    }
    *command = parse(line);
    return true;
}

AgentCommands::Command AgentCommands::parse(const std::string &line)
{
    Command command;
    const std::vector<std::string_view> words = TextScan::words(line);
    if (words.empty()) {
        command.kind = Command::Kind::None; // a blank line asks nothing
        return command;
    }
    const auto number = [&](Command::Kind kind, int low, int high) {
        std::int64_t value = 0;
        if (words.size() == 2 && TextScan::toInt64(words[1], &value) && value >= low && value <= high) {
            command.kind = kind;
            command.milliseconds = int(value);
        } else {
            command.kind = Command::Kind::Invalid;
            command.error = {CoreMessageCode::AgentBadNumber,
                             {std::string(words[0]), words.size() > 1 ? std::string(words[1]) : std::string(),
                              std::to_string(low), std::to_string(high)}};
        }
        return command;
    };
    if (words[0] == "interval")
        return number(Command::Kind::Interval, AgentOptions::MinimumIntervalMs, AgentOptions::MaximumIntervalMs);
    if (words[0] == "table-period")
        return number(Command::Kind::TablePeriod, AgentOptions::MinimumTablePeriodMs, AgentOptions::MaximumTablePeriodMs);
    if (words[0] == "lab" && words.size() > 1) {
        command.kind = Command::Kind::Lab;
        command.words = line.substr(line.find("lab") + 3);
        return command;
    }
    if (words.size() == 1 && words[0] == "table")
        command.kind = Command::Kind::Table;
    else if (words.size() == 1 && words[0] == "pause")
        command.kind = Command::Kind::Pause;
    else if (words.size() == 1 && words[0] == "resume")
        command.kind = Command::Kind::Resume;
    else {
        command.kind = Command::Kind::Invalid;
        // Only printable ASCII of the line goes back, so the answer cannot carry control bytes.
        std::string shown;
        for (const char c : line.substr(0, 64))
            shown += (c >= 0x20 && c < 0x7f) ? c : '?';
        command.error = {CoreMessageCode::AgentUnknownCommand, {shown}};
    }
    return command;
}
