#include "lab/labfigures.h"

#include "bridge/untrustedtext.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {
constexpr int MaximumPayload = 256 * 1024;
constexpr int MaximumEntries = 64;

QMap<QString, qint64> counts(const QJsonObject &object)
{
    QMap<QString, qint64> out;
    for (auto it = object.begin(); it != object.end() && out.size() < MaximumEntries; ++it)
        out.insert(it.key().left(32), qMax<qint64>(0, it.value().toInteger()));
    return out;
}
}

qint64 LabFigures::failures() const
{
    qint64 total = 0;
    for (const qint64 count : connectErrors)
        total += count;
    for (const qint64 count : bindErrors)
        total += count;
    return total;
}

bool LabFigures::parse(const QByteArray &payload, LabFigures *figures)
{
    if (payload.size() > MaximumPayload)
        return false;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(UntrustedText::wellFormedUtf8(payload), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return false;
    const QJsonObject root = document.object();
    LabFigures out;
    out.timeMs = root.value(QLatin1String("time_ms")).toInteger();
    const QJsonObject load = root.value(QLatin1String("load")).toObject();
    for (auto it = load.begin(); it != load.end() && out.load.size() < MaximumEntries; ++it)
        out.load.insert(it.key().left(32), it.value().toString().left(32));
    const QJsonObject f = root.value(QLatin1String("figures")).toObject();
    const auto number = [&f](const char *name) { return qMax<qint64>(0, f.value(QLatin1String(name)).toInteger()); };
    out.attempts = number("attempts");
    out.connected = number("connected");
    out.connectedWithTimestamps = number("connected_with_timestamps");
    out.completed = number("completed");
    out.accepted = number("accepted");
    out.timeouts = number("timeouts");
    out.clientsOpen = number("clients_open");
    out.serverOpen = number("server_open");
    out.held = number("held");
    out.listenError = f.value(QLatin1String("listen_error")).toString().left(32);
    out.connectErrors = counts(root.value(QLatin1String("connect_errors")).toObject());
    out.bindErrors = counts(root.value(QLatin1String("bind_errors")).toObject());
    if (root.contains(QLatin1String("sysctl_report"))) {
        out.hasSysctlReport = true;
        out.sysctlReport = root.value(QLatin1String("sysctl_report")).toString().toUtf8();
        out.sysctlStatus = root.value(QLatin1String("sysctl_status")).toInt();
    }
    *figures = out;
    return true;
}
