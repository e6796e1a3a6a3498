#include "agentheader.h"

#include "core/collect/kerneldefaults.h"
#include "core/collect/networknamespace.h"
#include "core/collect/sysctlreader.h"

#include <memory>
#include <unistd.h>

namespace {

const char *methodKey(KernelDefaults::Method method)
{
    switch (method) {
    case KernelDefaults::Method::NetworkNamespace: return "netns";
    case KernelDefaults::Method::UserAndNetworkNamespace: return "userns";
    case KernelDefaults::Method::None: break;
    }
    return "none";
}

const char *offsetsKey(KernelDefaults::TimestampOffsets offsets)
{
    switch (offsets) {
    case KernelDefaults::TimestampOffsets::PerConnection: return "connection";
    case KernelDefaults::TimestampOffsets::PerAddressPair: return "pair";
    case KernelDefaults::TimestampOffsets::NoOffset: return "none";
    case KernelDefaults::TimestampOffsets::Unknown: break;
    }
    return "unknown";
}

void writeDefaults(JsonStreamWriter &json, const KernelDefaults &defaults)
{
    json.key("kernel_defaults");
    json.beginObject(true);
    json.field("method", methodKey(defaults.method));
    if (!defaults.ok()) {
        json.field("error", coreMessageKey(defaults.error.code));
        json.key("error_args");
        json.beginArray(true);
        for (const std::string &arg : defaults.error.args)
            json.value(arg);
        json.endArray();
    }
    json.field("established_hash", defaults.establishedHash);
    json.field("timestamp_offsets", offsetsKey(defaults.timestampOffsets));
    json.key("values");
    json.beginObject(true);
    for (const auto &[name, value] : defaults.values)
        json.field(name.c_str(), value);
    json.endObject();
    json.key("absent");
    json.beginArray(true);
    for (const std::string &name : defaults.absent)
        json.value(name);
    json.endArray();
    json.endObject();
}

}

namespace AgentHeader {

RecordingWriter::Header make(const std::string &namespaceLabel, int intervalMs, std::uint32_t stateMask)
{
    RecordingWriter::Header header;
    header.namespaceLabel = namespaceLabel;
    header.namespaceId = NetworkNamespace::callingThreadNamespaceId();
    header.intervalMs = intervalMs;
    header.stateMask = stateMask;
    // The per-namespace sysctls a snapshot reads; global ones come back as absent.
    auto defaults = std::make_shared<KernelDefaults>(KernelDefaults::detect(SysctlReader::snapshotSet()));
    const bool slabinfo = ::access("/proc/slabinfo", R_OK) == 0;
    header.extra = [defaults, slabinfo](JsonStreamWriter &json) {
        json.key("agent");
        json.beginObject(true);
        json.field("version", SOCKSCOPE_VERSION);
        json.field("uid", std::uint64_t(::geteuid()));
        json.endObject();
        json.field("slabinfo_readable", slabinfo);
        writeDefaults(json, *defaults);
    };
    return header;
}

}
