#include "core/collect/coremessage.h"

#include <array>
#include <cstring>

namespace {
constexpr std::array<const char *, static_cast<std::size_t>(CoreMessageCode::COUNT)> Keys = {
    "none",
    "system-error",
    "worded-text",
    "sock-diag-missing",
    "sock-diag-open-failed",
    "sock-diag-bind-failed",
    "sock-diag-send-failed",
    "sock-diag-reply-too-large",
    "sock-diag-timeout",
    "sock-diag-read-failed",
    "sock-diag-refused",
    "sock-diag-no-tcp-diag",
    "sock-diag-no-ipv6",
    "sock-diag-interrupted-twice",
    "sock-diag-replies-lost-twice",
    "sock-diag-bad-error-number",
    "sock-diag-truncated-error",
    "sock-diag-truncated-payload",
    "sock-diag-malformed-attribute",
    "sock-diag-trailing-bytes",
    "proc-unreadable",
    "sockstat-no-tcp-line",
    "counters-column-mismatch",
    "counters-not-a-number",
    "slabinfo-unknown-format",
    "slabinfo-malformed-row",
    "slabinfo-malformed-number",
    "slabinfo-root-only",
    "slabinfo-unreadable",
    "slab-estimated",
    "slab-basis-btf",
    "slab-basis-typical",
    "netns-empty-name",
    "netns-bad-name",
    "netns-open-failed",
    "netns-not-network",
    "netns-enter-denied",
    "netns-enter-failed",
    "defaults-no-answer",
    "defaults-failed",
    "recording-open-failed",
    "recording-not-regular",
    "recording-not-owned",
    "recording-write-failed",
    "agent-unknown-command",
    "agent-bad-number",
    "agent-line-too-long",
    "lab-namespace-failed",
    "lab-bad-setting",
    "lab-sysctl-failed",
    "frame-cut-short",
    "frame-too-large",
    "frame-checksum",
    "frame-undecodable",
    "table-description-too-large",
    "table-too-many-rows",
    "markers-dropped",
};
}

const char *coreMessageKey(CoreMessageCode code)
{
    const auto index = static_cast<std::size_t>(code);
    return index < Keys.size() ? Keys[index] : Keys[0];
}

CoreMessageCode coreMessageCodeFromKey(const std::string &key)
{
    for (std::size_t i = 0; i < Keys.size(); ++i) {
        if (key == Keys[i])
            return static_cast<CoreMessageCode>(i);
    }
    return CoreMessageCode::None;
}

std::string coreMessagePlain(const CoreMessage &message)
{
    std::string text = coreMessageKey(message.code);
    for (const std::string &arg : message.args)
        text += ": " + arg;
    return text;
}

std::string errnoText(int errorNumber)
{
    char buffer[256] = {};
    // The GNU strerror_r returns the text, which may or may not be in `buffer`.
    return std::string(strerror_r(errorNumber, buffer, sizeof buffer));
}
