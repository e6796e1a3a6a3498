// CommandLineOptions, the training lab: `--lab [SCENARIO] [--headless --duration S] [--set NAME=VALUE …]
// [--record FILE] [--lang L]`. Everything is checked here, before a lab is made: a bad --set is a
// usage error (exit 2), never a lab half set up.
#include "commandlineoptions.h"

#include "core/lab/labloadsettings.h"
#include "lab/labscenario.h"
#include "optionrules.h"
#include "sysctl/sysctlcatalog.h"
#include "sysctl/sysctlvalue.h"

#include <cmath>

namespace {

const char *const goWithLab = QT_TRANSLATE_NOOP("CommandLineOptions", "--headless and --set go with --lab.");
const char *const goWithHeadless =
    QT_TRANSLATE_NOOP("CommandLineOptions", "With --lab, --duration and --record go with --headless.");

// What goes with --lab and what does not.
const std::vector<OptionRule> &labRules()
{
    using Kind = OptionRule::Kind;
    static const std::vector<OptionRule> rules {
        {"headless", Kind::Needs, {"lab"}, goWithLab},
        {"set", Kind::Needs, {"lab"}, goWithLab},
        {"lab",
         Kind::NotWith,
         {"once", "replay", "host", "netns", "benchmark", "push-agent", "states", "format", "table-every", "incident-bundle"},
         QT_TRANSLATE_NOOP("CommandLineOptions", "--lab does not go with --%1.")},
        {"duration", Kind::Needs, {"headless"}, goWithHeadless},
        {"record", Kind::Needs, {"headless"}, goWithHeadless},
        {"screenshot",
         Kind::NotWith,
         {"headless"},
         QT_TRANSLATE_NOOP("CommandLineOptions",
                           "--screenshot needs a file name ending in .png, and a window (not --headless).")},
    };
    return rules;
}

// The catalog's entry for NAME as --set gives it: the full name (net.ipv4.tcp_tw_reuse), or the
// last part alone (tcp_tw_reuse), as the pane and the kernel's documentation name them.
const SysctlEntry *sysctlNamed(const QString &name)
{
    if (name.contains(QLatin1Char('.')))
        return SysctlCatalog::find(name);
    for (const SysctlEntry &entry : SysctlCatalog::entries()) {
        if (QLatin1String(entry.name).endsWith(QString(QLatin1Char('.') + name)))
            return &entry;
    }
    return nullptr;
}

}

bool CommandLineOptions::parseLab(const QCommandLineParser &parser, QString *error)
{
    *error = brokenRule(labRules(), [&parser](const QString &name) { return parser.isSet(name); });
    if (!error->isEmpty())
        return false;
    lab = true;
    if (!labScenario.isEmpty() && !LabScenario::find(labScenario)) {
        *error =
            tr("Unknown lab scenario \"%1\": use one of %2.").arg(labScenario, LabScenario::names().join(QStringLiteral(", ")));
        return false;
    }
    for (const QString &pair : parser.values(QStringLiteral("set"))) {
        if (!parseLabSet(pair, error))
            return false;
    }
    if (parser.isSet(QStringLiteral("headless")) && !parseLabHeadless(parser, error))
        return false;
    if (parser.isSet(QStringLiteral("lang"))) {
        language = parser.value(QStringLiteral("lang"));
        if (language != QLatin1String("zh_CN") && language != QLatin1String("en")) {
            *error = tr("Unknown language \"%1\": use zh_CN or en.").arg(language);
            return false;
        }
    }
    return !parser.isSet(QStringLiteral("screenshot")) || parseLabScreenshot(parser, error);
}

bool CommandLineOptions::parseLabSet(const QString &pair, QString *error)
{
    if (!pair.contains(QLatin1Char('='))) {
        *error = tr("--set needs NAME=VALUE, not \"%1\".").arg(pair);
        return false;
    }
    const QString name = pair.section(QLatin1Char('='), 0, 0);
    const QString value = pair.section(QLatin1Char('='), 1);
    const SysctlEntry *entry = sysctlNamed(name);
    if (!name.contains(QLatin1Char('.')) && !entry) {
        // A load setting: checked by the same code the lab's agent uses.
        LabLoadSettings settings;
        std::string bad;
        if (!settings.apply({pair.toStdString()}, &bad)) {
            *error = tr("--set %1: not a load setting the lab knows (rate, concurrency, closer, keepalive, request, "
                        "target, sources, bind-no-port, backlog, accept) or a value out of its range; a sysctl is "
                        "given by its name, e.g. net.ipv4.tcp_tw_reuse=1 or tcp_tw_reuse=1.")
                         .arg(pair);
            return false;
        }
        labLoad << pair;
        return true;
    }
    QString canonical, why;
    if (!entry || !entry->perNamespace) {
        *error = entry ? tr("--set %1: %2 is the host's only; it cannot be changed in the lab.").arg(pair, name)
                       : tr("--set %1: %2 is not a sysctl sockscope knows.").arg(pair, name);
        return false;
    }
    if (!SysctlValue::validate(*entry, value, SysctlValue::Limits(), &canonical, &why)) {
        *error = tr("--set %1: %2").arg(pair, why);
        return false;
    }
    labSysctls << QLatin1String(entry->name) + QLatin1Char('=') + canonical;
    return true;
}

bool CommandLineOptions::parseLabHeadless(const QCommandLineParser &parser, QString *error)
{
    mode = Mode::LabHeadless;
    if (labScenario.isEmpty()) {
        *error = tr("--lab --headless needs a scenario: %1.").arg(LabScenario::names().join(QStringLiteral(", ")));
        return false;
    }
    bool ok = false;
    durationSeconds = parser.value(QStringLiteral("duration")).toDouble(&ok);
    if (!parser.isSet(QStringLiteral("duration")) || !ok || !std::isfinite(durationSeconds) || durationSeconds < 1
        || durationSeconds > 3600) {
        *error = tr("--lab --headless needs --duration from 1 to 3600 seconds.");
        return false;
    }
    recordPath = parser.value(QStringLiteral("record"));
    if (parser.isSet(QStringLiteral("record")) && recordPath.isEmpty()) {
        *error = tr("--record needs a file name.");
        return false;
    }
    return true;
}

bool CommandLineOptions::parseLabScreenshot(const QCommandLineParser &parser, QString *error)
{
    screenshotPath = parser.value(QStringLiteral("screenshot"));
    if (!screenshotPath.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
        *error = tr("--screenshot needs a file name ending in .png, and a window (not --headless).");
        return false;
    }
    bool ok = true;
    if (parser.isSet(QStringLiteral("samples")))
        samples = parser.value(QStringLiteral("samples")).toInt(&ok);
    if (!ok || samples < 1 || samples > 100000) {
        *error = tr("--samples needs a whole number from 1 to 100000, not \"%1\".").arg(parser.value(QStringLiteral("samples")));
        return false;
    }
    return true;
}
