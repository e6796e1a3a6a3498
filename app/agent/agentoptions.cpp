#include "agentoptions.h"

#include "core/metrics/metricsrenderer.h"
#include "core/collect/textscan.h"

#include <cmath>
#include <cstdlib>
#include <cstring>

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

bool AgentOptions::parse(int argc, char **argv, std::string *error)
{
    int modes = 0;
    bool formatGiven = false, tableGiven = false, samplesGiven = false, budgetGiven = false, metricsIntervalGiven = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        std::string value;
        bool missing = false;
        if (arg == "--help" || arg == "-h") {
            mode = Mode::Help;
            return true;
        } else if (arg == "--version" || arg == "-v") {
            mode = Mode::Version;
            return true;
        } else if (arg == "--stream") {
            mode = Mode::Stream;
            ++modes;
        } else if (arg == "--once") {
            mode = Mode::Once;
            ++modes;
        } else if (arg == "--lab") {
            lab = true;
        } else if (valueOf("--sysctl-helper", argc, argv, &i, &value, &missing)) {
            if (missing || value.empty() || value[0] != '/') {
                *error = "--sysctl-helper needs an absolute path.";
                return false;
            }
            sysctlHelper = value;
        } else if (arg == "--sockets") {
            includeSockets = true;
        } else if (arg == "--ephemeral-ports") {
            ephemeralPorts = true;
        } else if (valueOf("--record", argc, argv, &i, &value, &missing)) {
            if (missing || value.empty()) {
                *error = "--record needs a file name.";
                return false;
            }
            mode = Mode::Record;
            recordPath = value;
            ++modes;
        } else if (valueOf("--format", argc, argv, &i, &value, &missing)) {
            if (missing || (value != "json" && value != "text")) {
                *error = missing ? std::string("--format needs a value: text or json.")
                                 : "Unknown format \"" + value + "\": use text or json.";
                return false;
            }
            format = value == "json" ? Format::Json : Format::Text;
            formatGiven = true;
        } else if (valueOf("--netns", argc, argv, &i, &value, &missing)) {
            if (missing || value.empty()) {
                *error = "--netns needs a name or a path.";
                return false;
            }
            netns = value;
        } else if (valueOf("--interval", argc, argv, &i, &value, &missing)) {
            if (!millisecondsOf(value, missing, MinimumIntervalMs, MaximumIntervalMs, &intervalMs)) {
                *error = "--interval needs seconds from 0.25 to 10, not \"" + value + "\".";
                return false;
            }
            intervalGiven = true;
        } else if (valueOf("--table-period", argc, argv, &i, &value, &missing)) {
            long seconds = 0;
            if (missing || !wholeNumber(value, MinimumTablePeriodMs / 1000, MaximumTablePeriodMs / 1000, &seconds)) {
                *error = "--table-period needs whole seconds from 1 to 3600, not \"" + value + "\".";
                return false;
            }
            tablePeriodMs = int(seconds * 1000);
            tableGiven = true;
        } else if (valueOf("--dump-budget", argc, argv, &i, &value, &missing)) {
            long percent = 0;
            if (missing || !wholeNumber(value, 1, 100, &percent)) {
                *error = "--dump-budget needs a whole percentage from 1 to 100, not \"" + value + "\".";
                return false;
            }
            dumpBudget = double(percent) / 100;
            budgetGiven = true;
        } else if (valueOf("--top", argc, argv, &i, &value, &missing)) {
            long top = 0;
            if (missing || !wholeNumber(value, 0, 65536, &top)) {
                *error = "--top needs a number between 0 and 65536, not \"" + value + "\".";
                return false;
            }
            topPorts = int(top);
            topGiven = true;
        } else if (valueOf("--metrics-listen", argc, argv, &i, &value, &missing)) {
            if (missing || value.empty()) {
                *error = "--metrics-listen needs [ADDRESS:]PORT, e.g. 127.0.0.1:9941.";
                return false;
            }
            if (!ListenAddress::parse(value, &metricsListen, error))
                return false;
            mode = Mode::Metrics;
            ++modes;
        } else if (valueOf("--metrics-min-interval", argc, argv, &i, &value, &missing)) {
            if (!millisecondsOf(value, missing, MinimumIntervalMs, MaximumMetricsMinimumIntervalMs, &metricsMinimumIntervalMs)) {
                *error = "--metrics-min-interval needs seconds from 0.25 to 60, not \"" + value + "\".";
                return false;
            }
            metricsIntervalGiven = true;
        } else if (valueOf("--samples", argc, argv, &i, &value, &missing)) {
            if (missing || !wholeNumber(value, 1, 100000000, &samples)) {
                *error = "--samples needs a whole number from 1 to 100000000, not \"" + value + "\".";
                return false;
            }
            samplesGiven = true;
        } else if (valueOf("--states", argc, argv, &i, &value, &missing)) {
            if (missing) {
                *error = "--states needs a list of TCP states.";
                return false;
            }
            std::string unknown;
            stateMask = tcpStateMaskFromList(value, &unknown);
            if (!stateMask) {
                *error = "Unknown TCP state \"" + unknown + "\".";
                return false;
            }
        } else {
            *error = "Unexpected argument \"" + arg + "\".";
            return false;
        }
    }
    if (modes != 1) {
        *error = modes == 0 ? "Say what to do: --stream, --once, --record FILE or --metrics-listen [ADDRESS:]PORT."
                            : "--stream, --once, --record and --metrics-listen go alone.";
        return false;
    }
    if (formatGiven && mode != Mode::Once) {
        *error = "--format applies to --once.";
        return false;
    }
    if (ephemeralPorts && mode != Mode::Once && mode != Mode::Metrics) {
        *error = "--ephemeral-ports applies to --once and --metrics-listen.";
        return false;
    }
    if (includeSockets && (mode != Mode::Once || format != Format::Json)) {
        *error = "--sockets applies to --once --format json.";
        return false;
    }
    if ((lab && (mode != Mode::Stream || !netns.empty())) || (!sysctlHelper.empty() && !lab)) {
        *error = "--lab goes with --stream (not --netns), and --sysctl-helper with --lab.";
        return false;
    }
    if (mode == Mode::Metrics) {
        if (tableGiven || samplesGiven || budgetGiven || intervalGiven) {
            *error = "--interval, --table-period, --dump-budget and --samples do not apply to --metrics-listen (see "
                     "--metrics-min-interval).";
            return false;
        }
        if (topGiven && topPorts > MetricsOptions::MaximumTopPorts) {
            *error = "--top with --metrics-listen takes 0 to 1000 (each port is a series), not " + std::to_string(topPorts) + ".";
            return false;
        }
        if (!topGiven)
            topPorts = MetricsOptions::DefaultTopPorts;
    } else if (metricsIntervalGiven) {
        *error = "--metrics-min-interval applies to --metrics-listen.";
        return false;
    }
    if ((tableGiven || samplesGiven || budgetGiven) && mode == Mode::Once) {
        *error = "--table-period, --dump-budget and --samples apply to --stream and --record.";
        return false;
    }
    return true;
}
