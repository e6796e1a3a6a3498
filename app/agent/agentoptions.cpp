#include "agentoptions.h"

#include "core/metrics/metricsrenderer.h"
#include "core/collect/textscan.h"
#include "optionrules.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <set>
#include <vector>

namespace {

// "--name value" or "--name=value"; false when `arg` is not this option.
bool valueOf(const char *name, int argc, char **argv, int *i, std::string *value, bool *missing)
{
    const std::size_t length = std::strlen(name);
    const char *arg = argv[*i];
    if (std::strncmp(arg, name, length) != 0)
        return false;
    if (arg[length] == '=') {
        *value = arg + length + 1;
        return true;
    }
    if (arg[length] != '\0')
        return false;
    if (*i + 1 >= argc) {
        *missing = true;
        return true;
    }
    *value = argv[++*i];
    return true;
}

bool wholeNumber(const std::string &text, long low, long high, long *out)
{
    std::int64_t value = 0;
    if (!TextScan::toInt64(text, &value) || value < low || value > high)
        return false;
    *out = long(value);
    return true;
}

// Seconds with a fraction ("0.25"), as whole milliseconds within [lowMs, highMs].
bool millisecondsOf(const std::string &text, bool missing, int lowMs, int highMs, int *out)
{
    char *end = nullptr;
    const double seconds = missing ? 0 : std::strtod(text.c_str(), &end);
    if (missing || text.empty() || *end != '\0' || !std::isfinite(seconds) || seconds * 1000 < lowMs || seconds * 1000 > highMs)
        return false;
    *out = int(std::lround(seconds * 1000));
    return true;
}

}

const char *AgentOptions::usage()
{
    return "Usage: sockscope-agent --stream | --once [--format json|text] | --record FILE\n"
           "                       [--netns NAME|PATH] [--interval SECONDS] [--states LIST]\n"
           "                       [--table-period SECONDS] [--dump-budget PERCENT] [--top N] [--ephemeral-ports]\n"
           "                       [--sockets]\n"
           "                       [--samples N]\n"
           "       sockscope-agent --metrics-listen [ADDRESS:]PORT [--metrics-min-interval SECONDS]\n"
           "                       [--netns NAME|PATH] [--states LIST] [--top N] [--ephemeral-ports]\n"
           "Collects what the Linux TCP stack does with its sockets, for sockscope on another machine.\n"
           "  --stream           the recording format on stdout: header, then a summary every interval and\n"
           "                     the socket table every --table-period; commands on stdin, one a line:\n"
           "                     interval MS, table-period MS, table, pause, resume. Ends when stdin closes.\n"
           "  --once             one snapshot as sockscope --once prints it (--format json or text)\n"
           "  --record FILE      the same frames as --stream into FILE, until SIGINT/SIGTERM or --samples\n"
           "  --metrics-listen [ADDRESS:]PORT\n"
           "                     a Prometheus exporter: GET /metrics on ADDRESS (default 127.0.0.1; numeric,\n"
           "                     IPv6 in brackets; 0.0.0.0 or [::] for every address), until SIGINT/SIGTERM\n"
           "  --metrics-min-interval SECONDS\n"
           "                     scrapes within this long of a collection share it, 0.25 to 60 (default 1)\n"
           "  --netns NAME|PATH  observe another network namespace (/var/run/netns/NAME or a path)\n"
           "  --interval SECONDS between samples, 0.25 to 10 (default 1; with --once: rates over it)\n"
           "  --states LIST      only these TCP states, filtered in the kernel (e.g. time-wait,established)\n"
           "  --table-period S   seconds between socket tables in --stream/--record (default 10)\n"
           "  --dump-budget P    with --stream/--record: the share of one CPU that socket dumps and tables may\n"
           "                     take, 1 to 100 % (default 5). Samples between dumps read the /proc\n"
           "                     counters afresh and repeat the last dump's socket figures, marked with\n"
           "                     their age; 100 dumps every sample.\n"
           "  --top N            ports and port tuples listed by --once (default 10) or exported\n"
           "                     one by one by --metrics-listen (default 20, at most 1000; the rest as \"other\")\n"
           "  --ephemeral-ports  with --once and --metrics-listen: list the ports inside ip_local_port_range\n"
           "                     one by one, not as one \"ephemeral\" entry (for remote ports this host's\n"
           "                     range stands for the peers', which is not known)\n"
           "  --sockets          with --once --format json: list every socket\n"
           "  --samples N        with --stream/--record: stop after N samples\n"
           "  --lab              with --stream: a training lab in namespaces of its own (user, network, PID),\n"
           "                     with load on port 8080; more commands: lab load KEY=VALUE..., lab sysctl NAME=VALUE...\n"
           "  --sysctl-helper P  with --lab: the sockscope-sysctl-helper that lab sysctl runs inside the lab\n"
           "  --version, --help\n";
}

namespace {

const char *const labRule = "--lab goes with --stream (not --netns), and --sysctl-helper with --lab.";
const char *const notForMetrics = "--interval, --table-period, --dump-budget and --samples do not apply to --metrics-listen "
                                  "(see --metrics-min-interval).";
const char *const streamAndRecordOnly = "--table-period, --dump-budget and --samples apply to --stream and --record.";

const std::vector<OptionRule> &rules()
{
    using Kind = OptionRule::Kind;
    static const std::vector<OptionRule> rules {
        {"--format", Kind::Needs, {"--once"}, "--format applies to --once."},
        {"--sockets", Kind::Needs, {"--once"}, "--sockets applies to --once --format json."},
        {"--ephemeral-ports",
         Kind::Needs,
         {"--once", "--metrics-listen"},
         "--ephemeral-ports applies to --once and --metrics-listen."},
        {"--lab", Kind::Needs, {"--stream"}, labRule},
        {"--lab", Kind::NotWith, {"--netns"}, labRule},
        {"--sysctl-helper", Kind::Needs, {"--lab"}, labRule},
        {"--interval", Kind::NotWith, {"--metrics-listen"}, notForMetrics},
        {"--table-period", Kind::NotWith, {"--metrics-listen"}, notForMetrics},
        {"--dump-budget", Kind::NotWith, {"--metrics-listen"}, notForMetrics},
        {"--samples", Kind::NotWith, {"--metrics-listen"}, notForMetrics},
        {"--metrics-min-interval", Kind::Needs, {"--metrics-listen"}, "--metrics-min-interval applies to --metrics-listen."},
        {"--table-period", Kind::NotWith, {"--once"}, streamAndRecordOnly},
        {"--dump-budget", Kind::NotWith, {"--once"}, streamAndRecordOnly},
        {"--samples", Kind::NotWith, {"--once"}, streamAndRecordOnly},
    };
    return rules;
}

// What to do: --stream, --once, --record FILE, --metrics-listen ADDRESS, and --lab with its helper.
// Returns false when `argv[*i]` is not one of these (`error` empty) or is one given wrongly.
bool takeModeOption(AgentOptions &options, int argc, char **argv, int *i, std::string *error)
{
    const std::string arg = argv[*i];
    std::string value;
    bool missing = false;
    if (arg == "--stream" || arg == "--once") {
        options.mode = arg == "--stream" ? AgentOptions::Mode::Stream : AgentOptions::Mode::Once;
    } else if (arg == "--lab") {
        options.lab = true;
    } else if (valueOf("--sysctl-helper", argc, argv, i, &value, &missing)) {
        if (missing || value.empty() || value[0] != '/')
            *error = "--sysctl-helper needs an absolute path.";
        options.sysctlHelper = value;
    } else if (valueOf("--record", argc, argv, i, &value, &missing)) {
        if (missing || value.empty())
            *error = "--record needs a file name.";
        options.mode = AgentOptions::Mode::Record;
        options.recordPath = value;
    } else if (valueOf("--metrics-listen", argc, argv, i, &value, &missing)) {
        if (missing || value.empty())
            *error = "--metrics-listen needs [ADDRESS:]PORT, e.g. 127.0.0.1:9941.";
        else
            ListenAddress::parse(value, &options.metricsListen, error);
        options.mode = AgentOptions::Mode::Metrics;
    } else {
        return false;
    }
    return error->empty();
}

// What to collect and how often. Returns false when `argv[*i]` is not one of these (`error`
// empty) or has a bad value.
bool takeCollectOption(AgentOptions &options, int argc, char **argv, int *i, std::string *error)
{
    std::string value;
    bool missing = false;
    long number = 0;
    if (std::strcmp(argv[*i], "--sockets") == 0) {
        options.includeSockets = true;
    } else if (std::strcmp(argv[*i], "--ephemeral-ports") == 0) {
        options.ephemeralPorts = true;
    } else if (valueOf("--format", argc, argv, i, &value, &missing)) {
        if (missing || (value != "json" && value != "text"))
            *error = missing ? std::string("--format needs a value: text or json.")
                             : "Unknown format \"" + value + "\": use text or json.";
        options.format = value == "json" ? AgentOptions::Format::Json : AgentOptions::Format::Text;
    } else if (valueOf("--netns", argc, argv, i, &value, &missing)) {
        if (missing || value.empty())
            *error = "--netns needs a name or a path.";
        options.netns = value;
    } else if (valueOf("--interval", argc, argv, i, &value, &missing)) {
        if (!millisecondsOf(value, missing, AgentOptions::MinimumIntervalMs, AgentOptions::MaximumIntervalMs,
                            &options.intervalMs))
            *error = "--interval needs seconds from 0.25 to 10, not \"" + value + "\".";
        options.intervalGiven = true;
    } else if (valueOf("--table-period", argc, argv, i, &value, &missing)) {
        if (missing
            || !wholeNumber(value, AgentOptions::MinimumTablePeriodMs / 1000, AgentOptions::MaximumTablePeriodMs / 1000, &number))
            *error = "--table-period needs whole seconds from 1 to 3600, not \"" + value + "\".";
        options.tablePeriodMs = int(number * 1000);
    } else if (valueOf("--dump-budget", argc, argv, i, &value, &missing)) {
        if (missing || !wholeNumber(value, 1, 100, &number))
            *error = "--dump-budget needs a whole percentage from 1 to 100, not \"" + value + "\".";
        options.dumpBudget = double(number) / 100;
    } else if (valueOf("--top", argc, argv, i, &value, &missing)) {
        if (missing || !wholeNumber(value, 0, 65536, &number))
            *error = "--top needs a number between 0 and 65536, not \"" + value + "\".";
        options.topPorts = int(number);
        options.topGiven = true;
    } else if (valueOf("--metrics-min-interval", argc, argv, i, &value, &missing)) {
        if (!millisecondsOf(value, missing, AgentOptions::MinimumIntervalMs, AgentOptions::MaximumMetricsMinimumIntervalMs,
                            &options.metricsMinimumIntervalMs))
            *error = "--metrics-min-interval needs seconds from 0.25 to 60, not \"" + value + "\".";
    } else if (valueOf("--samples", argc, argv, i, &value, &missing)) {
        if (missing || !wholeNumber(value, 1, 100000000, &options.samples))
            *error = "--samples needs a whole number from 1 to 100000000, not \"" + value + "\".";
    } else if (valueOf("--states", argc, argv, i, &value, &missing)) {
        std::string unknown;
        options.stateMask = missing ? 0 : tcpStateMaskFromList(value, &unknown);
        if (!options.stateMask)
            *error = missing ? std::string("--states needs a list of TCP states.") : "Unknown TCP state \"" + unknown + "\".";
    } else {
        return false;
    }
    return error->empty();
}

// The option's name as the rules say it: "--top" of "--top=5".
std::string optionName(const char *arg)
{
    const std::string text = arg;
    return text.substr(0, text.find('='));
}

// What the options given say together: one mode, the rules, and the values that depend on the mode.
bool checkTogether(AgentOptions &options, const std::set<std::string> &given, int modes, std::string *error)
{
    if (modes != 1) {
        *error = modes == 0 ? "Say what to do: --stream, --once, --record FILE or --metrics-listen [ADDRESS:]PORT."
                            : "--stream, --once, --record and --metrics-listen go alone.";
        return false;
    }
    const char *other = nullptr;
    if (const OptionRule *broken = firstBrokenRule(
            rules(), [&given](const char *name) { return given.count(name) > 0; }, &other)) {
        *error = broken->message;
        return false;
    }
    if (options.includeSockets && options.format != AgentOptions::Format::Json) {
        *error = "--sockets applies to --once --format json.";
        return false;
    }
    if (options.mode != AgentOptions::Mode::Metrics)
        return true;
    if (options.topGiven && options.topPorts > MetricsOptions::MaximumTopPorts) {
        *error =
            "--top with --metrics-listen takes 0 to 1000 (each port is a series), not " + std::to_string(options.topPorts) + ".";
        return false;
    }
    if (!options.topGiven)
        options.topPorts = MetricsOptions::DefaultTopPorts;
    return true;
}

}

bool AgentOptions::parse(int argc, char **argv, std::string *error)
{
    std::set<std::string> given;
    int modes = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--help" || arg == "-h" || arg == "--version" || arg == "-v") {
            mode = arg == "--help" || arg == "-h" ? Mode::Help : Mode::Version;
            return true;
        }
        const std::string name = optionName(argv[i]);
        if (!takeModeOption(*this, argc, argv, &i, error)
            && (!error->empty() || !takeCollectOption(*this, argc, argv, &i, error))) {
            if (error->empty())
                *error = "Unexpected argument \"" + arg + "\".";
            return false;
        }
        if (name == "--stream" || name == "--once" || name == "--record" || name == "--metrics-listen")
            ++modes;
        given.insert(name);
    }
    return checkTogether(*this, given, modes, error);
}
