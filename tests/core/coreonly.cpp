// Built against the core targets alone (core_collect, core_snapshot, core_stream), with no Qt
// include path or library: if a core header pulled in Qt, this would not compile or link. Run by
// tests/core/check-core-has-no-qt.sh, it also does what the agent does, once: collect a
// snapshot, write its JSON, encode and decode its socket table.
#include "recordingformat.h"
#include "samplesummary.h"
#include "snapshotcollector.h"
#include "snapshotjsonwriter.h"
#include "sockettablecodec.h"
#include "summarycodec.h"

#include <cstdio>
#include <string>
#include <vector>

int main()
{
    SnapshotCollector collector({});
    CoreMessage error;
    const auto snapshot = collector.collect(&error);
    if (!snapshot) {
        std::fprintf(stderr, "coreonly: %s\n", coreMessagePlain(error).c_str());
        return 1;
    }
    std::string json;
    if (!SnapshotJsonWriter::write(*snapshot, {}, JsonStreamWriter::toString(&json)) || json.find("sockscope.snapshot/1") == std::string::npos) {
        std::fprintf(stderr, "coreonly: no JSON document\n");
        return 1;
    }
    std::vector<SocketRecord> back;
    if (!SocketTableCodec::decode(SocketTableCodec::encode(snapshot->sockets), &back) || back.size() != snapshot->sockets.size()) {
        std::fprintf(stderr, "coreonly: the socket table did not come back\n");
        return 1;
    }
    SampleSummarizer summarizer;
    SampleSummary summary;
    if (!SummaryCodec::decode(SummaryCodec::encode(summarizer.summarize(*snapshot)), &summary)
        || summary.totalSockets != snapshot->totalSockets()) {
        std::fprintf(stderr, "coreonly: the summary did not come back\n");
        return 1;
    }
    std::printf("%zu sockets\n", back.size());
    return 0;
}
