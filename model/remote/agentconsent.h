#pragma once

#include <QSettings>

class RemoteHost;

// Whether the user let sockscope copy its agent to a host, remembered per host (the window asks
// once; the CLI's --push-agent does not ask). Keyed by RemoteHost::displayName(), so "web1" and
// "alice@web1" are asked separately: they may well be different accounts.
namespace AgentConsent {
enum class Answer { NotAsked, Allowed, Refused };

Answer answer(const QSettings &settings, const RemoteHost &host);
void remember(QSettings &settings, const RemoteHost &host, bool allowed);
void forget(QSettings &settings, const RemoteHost &host);
}
