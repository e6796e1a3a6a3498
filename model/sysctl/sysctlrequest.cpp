#include "sysctl/sysctlrequest.h"

#include <QSet>

bool SysctlRequest::parse(const QStringList &pairs, const SysctlValue::Limits &limits, std::vector<SysctlChange> *changes,
                          QStringList *refusals)
{
    changes->clear();
    if (pairs.isEmpty()) {
        *refusals << tr("Nothing to change: give name=value pairs.");
        return false;
    }
    if (pairs.size() > MaximumPairs) {
        *refusals << tr("Too many changes at once: %1 (at most %2).").arg(pairs.size()).arg(MaximumPairs);
        return false;
    }
    QSet<QString> seen;
    for (const QString &pair : pairs) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            *refusals << tr("\"%1\" is not name=value.").arg(pair);
            continue;
        }
        const QString name = pair.left(equals);
        const QString value = pair.mid(equals + 1);
        const SysctlEntry *entry = SysctlCatalog::find(name);
        if (!entry) {
            *refusals << tr("\"%1\" is not a sysctl sockscope manages.").arg(name);
            continue;
        }
        if (seen.contains(name)) {
            *refusals << tr("%1 is given twice.").arg(name);
            continue;
        }
        seen.insert(name);
        QString canonical, error;
        if (!SysctlValue::validate(*entry, value, limits, &canonical, &error)) {
            *refusals << error;
            continue;
        }
        changes->push_back({entry, canonical});
    }
    if (!refusals->isEmpty()) {
        changes->clear();
        return false;
    }
    return true;
}

QStringList SysctlRequest::toArguments(const std::vector<SysctlChange> &changes)
{
    QStringList arguments;
    for (const SysctlChange &change : changes)
        arguments << change.entry->key() + QLatin1Char('=') + change.value;
    return arguments;
}
