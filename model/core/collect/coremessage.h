#pragma once

#include <string>
#include <vector>

// What the core has to tell (an error, a warning, where a figure came from), as a code and its
// arguments, never as a sentence: the core has no translations. The window and the CLI word a
// message through tr() in one place (model/wording/coremessagetext.*); the agent sends the code
// and arguments in its stream and the window words them there.
enum class CoreMessageCode {
    None,
    SystemError, // [errno text]
    WordedText, // [text worded elsewhere: read back from a recording's JSON, shown as it is]
    // sock_diag
    SockDiagMissing, // [errno text]
    SockDiagOpenFailed, // [errno text]
    SockDiagBindFailed, // [errno text]
    SockDiagSendFailed, // [errno text]
    SockDiagReplyTooLarge, // [buffer bytes]
    SockDiagTimeout, // [seconds]
    SockDiagReadFailed, // [errno text]
    SockDiagRefused, // [family "IPv4"/"IPv6", errno text]
    SockDiagNoTcpDiag,
    SockDiagNoIpv6,
    SockDiagInterruptedTwice,
    SockDiagRepliesLostTwice,
    SockDiagBadErrorNumber, // [number]
    SockDiagTruncatedError,
    SockDiagTruncatedPayload, // [bytes, expected bytes]
    SockDiagMalformedAttribute,
    SockDiagTrailingBytes, // [bytes]
    // /proc and /sys
    ProcUnreadable, // [path, errno text]
    SockstatNoTcpLine,
    CountersColumnMismatch, // [file, table, names, values]
    CountersNotANumber, // [file, table, column, text]
    SlabinfoUnknownFormat,
    SlabinfoMalformedRow, // [cache]
    SlabinfoMalformedNumber, // [cache]
    SlabinfoRootOnly,
    SlabinfoUnreadable, // [errno text]
    SlabEstimated, // [reason's key, reason's arguments...]
    SlabBasisBtf,
    SlabBasisTypical,
    // network namespaces
    NetnsEmptyName,
    NetnsBadName, // [spec]
    NetnsOpenFailed, // [path, errno text]
    NetnsNotNetwork, // [path]
    NetnsEnterDenied, // [spec]
    NetnsEnterFailed, // [spec, errno text]
    // kernel defaults detection
    DefaultsNoAnswer,
    DefaultsFailed,
    // recording / stream
    RecordingOpenFailed, // [path, errno text]
    RecordingNotRegular, // [path]
    RecordingNotOwned, // [path]
    RecordingWriteFailed, // [path, errno text]
    // the agent's commands on stdin
    AgentUnknownCommand, // [the line]
    AgentBadNumber, // [command, text, lowest, highest]
    AgentLineTooLong, // [most bytes a line may have]
    // the training lab (sockscope-agent --lab)
    LabNamespaceFailed, // [what was being done, errno text]
    LabBadSetting, // [the word]
    LabSysctlFailed, // [what went wrong]
    // a recording's or a stream's frames (FrameReader): every reader words damage the same way
    FrameCutShort, // [byte]
    FrameTooLarge, // [byte, bytes declared, most bytes read]
    FrameChecksum, // [byte]
    FrameUndecodable, // [byte]
    TableDescriptionTooLarge, // [byte, KiB, most KiB read]
    TableTooManyRows, // [byte, rows, most rows read]
    MarkersDropped, // [most markers read]
    COUNT
};

struct CoreMessage
{
    CoreMessageCode code = CoreMessageCode::None;
    std::vector<std::string> args;

    bool isEmpty() const { return code == CoreMessageCode::None; }
    bool operator==(const CoreMessage &other) const { return code == other.code && args == other.args; }
};

// Stable names for files and streams ("sock-diag-timeout"); never translated.
const char *coreMessageKey(CoreMessageCode code);
// The code of a key; None when unknown (a newer agent's code, say).
CoreMessageCode coreMessageCodeFromKey(const std::string &key);
// A message for machines and for a program without translations: "key: arg1: arg2".
std::string coreMessagePlain(const CoreMessage &message);
// errno as the C library words it (strerror_r: safe in the collecting thread).
std::string errnoText(int errorNumber);
