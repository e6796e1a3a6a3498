// CommandLineOptions, the training lab: `--lab [SCENARIO] [--headless --duration S] [--set NAME=VALUE …]
// [--record FILE] [--lang L]`. Everything is checked here, before a lab is made: a bad --set is a
// usage error (exit 2), never a lab half set up.
#include "commandlineoptions.h"

#include "core/lab/labloadsettings.h"
#include "lab/labscenario.h"
#include "sysctl/sysctlcatalog.h"
#include "sysctl/sysctlvalue.h"

#include <cmath>

bool CommandLineOptions::parseLab(const QCommandLineParser &parser, QString *error)
{
    if (!parser.isSet(QStringLiteral("lab"))) {
        *error = tr("--headless and --set go with --lab.");
        return false;
    }
    lab = true;
    const QStringList others {QStringLiteral("once"),   QStringLiteral("replay"),    QStringLiteral("host"),
                              QStringLiteral("netns"),  QStringLiteral("benchmark"), QStringLiteral("push-agent"),
                              QStringLiteral("states"), QStringLiteral("format"),    QStringLiteral("table-every")};
    for (const QString &other : others) {
        if (parser.isSet(other)) {
            *error = tr("--lab does not go with --%1.").arg(other);
            return false;
        }
    }
    if (!labScenario.isEmpty() && !LabScenario::find(labScenario)) {
        *error =
            tr("Unknown lab scenario \"%1\": use one of %2.").arg(labScenario, LabScenario::names().join(QStringLiteral(", ")));
        return false;
    }
    for (const QString &pair : parser.values(QStringLiteral("set"))) {
        const QString name = pair.section(QLatin1Char('='), 0, 0);
        const QString value = pair.section(QLatin1Char('='), 1);
        if (!pair.contains(QLatin1Char('='))) {
            *error = tr("--set needs NAME=VALUE, not \"%1\".").arg(pair);
            return false;
        }
        if (!name.contains(QLatin1Char('.'))) {
            // A load setting: checked by the same code the lab's agent uses.
            LabLoadSettings settings;
            std::string bad;
            if (!settings.apply({pair.toStdString()}, &bad)) {
                *error = tr("--set %1: not a load setting the lab knows (rate, concurrency, closer, keepalive, request, "
                            "target, sources, bind-no-port, backlog, accept) or a value out of its range.")
                             .arg(pair);
                return false;
            }
            labLoad << pair;
            continue;
        }
        const SysctlEntry *entry = SysctlCatalog::find(name);
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
        labSysctls << name + QLatin1Char('=') + canonical;
    }
    if (parser.isSet(QStringLiteral("headless"))) {
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
    } else if (parser.isSet(QStringLiteral("duration")) || parser.isSet(QStringLiteral("record"))) {
        *error = tr("With --lab, --duration and --record go with --headless.");
        return false;
    }
    if (parser.isSet(QStringLiteral("lang"))) {
        language = parser.value(QStringLiteral("lang"));
        if (language != QLatin1String("zh_CN") && language != QLatin1String("en")) {
            *error = tr("Unknown language \"%1\": use zh_CN or en.").arg(language);
            return false;
        }
    }
    if (parser.isSet(QStringLiteral("screenshot"))) {
        screenshotPath = parser.value(QStringLiteral("screenshot"));
        if (mode == Mode::LabHeadless || !screenshotPath.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
            *error = tr("--screenshot needs a file name ending in .png, and a window (not --headless).");
            return false;
        }
        bool ok = true;
        if (parser.isSet(QStringLiteral("samples")))
            samples = parser.value(QStringLiteral("samples")).toInt(&ok);
        if (!ok || samples < 1 || samples > 100000) {
            *error =
                tr("--samples needs a whole number from 1 to 100000, not \"%1\".").arg(parser.value(QStringLiteral("samples")));
            return false;
        }
    }
    return true;
}
