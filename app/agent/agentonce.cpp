#include "agentonce.h"

#include "core/snapshot/snapshotcollector.h"
#include "core/snapshot/snapshotjsonwriter.h"
#include "core/snapshot/snapshottextreport.h"

#include <chrono>
#include <cstdio>

namespace AgentOnce {

int run(const AgentOptions &options, const std::string &namespaceLabel)
{
    SnapshotCollector collector({options.stateMask, namespaceLabel});
    CoreMessage error;
    const std::chrono::milliseconds interval(options.intervalGiven ? options.intervalMs : 0);
    std::shared_ptr<Snapshot> snapshot = collector.collectWithRates(interval, &error);
    if (!snapshot) {
        std::fprintf(stderr, "sockscope-agent: %s\n", coreMessagePlain(error).c_str());
        return 1;
    }
    bool written = false;
    if (options.format == AgentOptions::Format::Json) {
        SnapshotJsonWriter::Options json;
        json.topPorts = options.topPorts;
        json.includeSockets = options.includeSockets;
        json.ephemeralPorts = options.ephemeralPorts;
        written = SnapshotJsonWriter::write(*snapshot, json, JsonStreamWriter::toFile(stdout));
    } else {
        // The agent has no translations: the report's English patterns (the port budget line
        // included, worded as the window's), messages as their codes (the JSON's too).
        SnapshotTextLabels labels;
        labels.program = "sockscope-agent";
        const std::string text = SnapshotTextReport::format(*snapshot, options.topPorts, labels, options.ephemeralPorts);
        written = std::fwrite(text.data(), 1, text.size(), stdout) == text.size();
    }
    if (std::fflush(stdout) != 0 || !written) {
        std::fprintf(stderr, "sockscope-agent: writing the snapshot failed.\n");
        return 1;
    }
    return 0;
}

}
