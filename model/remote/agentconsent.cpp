#include "remote/agentconsent.h"

#include "remote/remotehost.h"

namespace {

// QSettings gives '/' and '\' meaning in keys and INI files mangle others: the host as hex.
QString key(const RemoteHost &host)
{
    return QStringLiteral("remote/pushAgent/") + QString::fromLatin1(host.displayName().toUtf8().toHex());
}

}

AgentConsent::Answer AgentConsent::answer(const QSettings &settings, const RemoteHost &host)
{
    const QVariant value = settings.value(key(host));
    if (!value.isValid())
        return Answer::NotAsked;
    return value.toBool() ? Answer::Allowed : Answer::Refused;
}

void AgentConsent::remember(QSettings &settings, const RemoteHost &host, bool allowed)
{
    settings.setValue(key(host), allowed);
}

void AgentConsent::forget(QSettings &settings, const RemoteHost &host)
{
    settings.remove(key(host));
}
