// Built against the core targets alone (core_collect, core_snapshot, core_stream), with no Qt
// include path or library: if a core header pulled in Qt, this would not compile or link. Run by
// tests/core/check-core-has-no-qt.sh, it also does what the agent does, once: collect a
// snapshot, write its JSON, encode and decode its socket table; and reads a recording of it
// back through the one frame reader.
#include "core/stream/framereader.h"
#include "core/stream/recordingformat.h"
#include "core/stream/recordingwriter.h"
#include "core/snapshot/samplesummary.h"
#include "core/snapshot/snapshotcollector.h"
#include "core/snapshot/snapshotjsonwriter.h"
#include "core/stream/sockettablecodec.h"
#include "core/stream/summarycodec.h"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <unistd.h>

namespace {
// Counts what the reader delivers.
struct Counter : FrameVisitor
{
    int summaries = 0, tables = 0, markers = 0, ends = 0, damaged = 0;
    void header(const FrameDecoder &) override { }
    void summary(const SampleSummary &, const OwnerLabels &, const FrameDecoder::Frame &, const std::string *) override
    {
        ++summaries;
    }
    bool table(const TableFrame &) override { return ++tables > 0; }
    void marker(const MarkerFrame &) override { ++markers; }
    void end() override { ++ends; }
    void notice(const CoreMessage &) override { }
    void damage(const FrameDamage &) override { ++damaged; }
};

bool readsBack(const Snapshot &snapshot)
{
    char path[] = "/tmp/sockscope-coreonly-XXXXXX";
    const int fd = mkstemp(path);
    if (fd < 0)
        return false;
    ::close(fd);
    RecordingWriter writer;
    CoreMessage error;
    SampleSummarizer summarizer;
    const bool written = writer.open(path, {}, &error) && writer.writeSummary(summarizer.summarize(snapshot))
        && writer.writeSnapshot(snapshot) && writer.writeMarker(snapshot.wallTimeMs, "coreonly") && writer.close();
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ::unlink(path);
    FrameReader reader(FrameLimits::file());
    Counter counter;
    reader.feed(bytes);
    reader.finish();
    reader.read(counter);
    return written && counter.summaries == 1 && counter.tables == 1 && counter.markers == 1 && counter.ends == 1
        && counter.damaged == 0;
}
}

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
    if (!SnapshotJsonWriter::write(*snapshot, {}, JsonStreamWriter::toString(&json))
        || json.find("sockscope.snapshot/1") == std::string::npos) {
        std::fprintf(stderr, "coreonly: no JSON document\n");
        return 1;
    }
    std::vector<SocketRecord> back;
    if (!SocketTableCodec::decode(SocketTableCodec::encode(snapshot->sockets), &back)
        || back.size() != snapshot->sockets.size()) {
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
    if (!readsBack(*snapshot)) {
        std::fprintf(stderr, "coreonly: the recording did not read back\n");
        return 1;
    }
    std::printf("%zu sockets\n", back.size());
    return 0;
}
