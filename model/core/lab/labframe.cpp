#include "core/lab/labframe.h"

#include "core/snapshot/jsonstreamwriter.h"

#include <cerrno>

std::string LabFrame::errnoName(int number)
{
    switch (number) {
    case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
    case EADDRINUSE: return "EADDRINUSE";
    case ECONNREFUSED: return "ECONNREFUSED";
    case ECONNRESET: return "ECONNRESET";
    case ETIMEDOUT: return "ETIMEDOUT";
    case EMFILE: return "EMFILE";
    case ENFILE: return "ENFILE";
    case ENOBUFS: return "ENOBUFS";
    case EAGAIN: return "EAGAIN";
    case EINVAL: return "EINVAL";
    case EPERM: return "EPERM";
    default: return "E" + std::to_string(number);
    }
}

namespace {

void writeErrors(JsonStreamWriter &json, const char *name, const std::map<int, std::int64_t> &errors)
{
    json.key(name);
    json.beginObject(true);
    for (const auto &entry : errors)
        json.field(LabFrame::errnoName(entry.first).c_str(), entry.second);
    json.endObject();
}

std::string encodeFrame(std::int64_t timeMs, const LabLoadSettings &settings, const LabLoad::Figures &figures,
                        const std::string *report, int status)
{
    std::string out;
    JsonStreamWriter json(JsonStreamWriter::toString(&out));
    json.beginObject(true);
    json.field("time_ms", timeMs);
    json.key("load");
    json.beginObject(true);
    for (const std::string &word : settings.words()) {
        const std::size_t equals = word.find('=');
        json.field(word.substr(0, equals).c_str(), word.substr(equals + 1));
    }
    json.endObject();
    json.key("figures");
    json.beginObject(true);
    json.field("attempts", figures.attempts);
    json.field("connected", figures.connected);
    json.field("connected_with_timestamps", figures.connectedWithTimestamps);
    json.field("completed", figures.completed);
    json.field("accepted", figures.accepted);
    json.field("timeouts", figures.timeouts);
    json.field("clients_open", figures.clientsOpen);
    json.field("server_open", figures.serverOpen);
    json.field("held", figures.held);
    json.field("listen_error", figures.listenError ? LabFrame::errnoName(figures.listenError) : std::string());
    json.endObject();
    writeErrors(json, "connect_errors", figures.connectErrors);
    writeErrors(json, "bind_errors", figures.bindErrors);
    if (report) {
        json.field("sysctl_report", report->substr(0, LabFrame::MaximumReport));
        json.field("sysctl_status", status);
    }
    json.endObject();
    json.flush();
    return out;
}

}

std::string LabFrame::encode(std::int64_t timeMs, const LabLoadSettings &settings, const LabLoad::Figures &figures)
{
    return encodeFrame(timeMs, settings, figures, nullptr, 0);
}

std::string LabFrame::encodeWithReport(std::int64_t timeMs, const LabLoadSettings &settings, const LabLoad::Figures &figures,
                                       const std::string &report, int status)
{
    return encodeFrame(timeMs, settings, figures, &report, status);
}
