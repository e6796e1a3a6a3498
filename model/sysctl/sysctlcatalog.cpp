#include "sysctl/sysctlcatalog.h"

#include "wording/coremessagetext.h"
#include "core/collect/kerneldefaults.h"
#include "sysctl/sysctlentries.h"

#include <QLocale>

namespace {

std::vector<SysctlEntry> build()
{
    std::vector<SysctlEntry> all = SysctlEntries::timeWait();
    for (auto part : {SysctlEntries::portsAndQueues(), SysctlEntries::timeWaitGuards()})
        all.insert(all.end(), part.begin(), part.end());
    return all;
}

// The documented default for Linux 6.18, derived from the observed namespace's hash size where
// the kernel derives it so (tcp_set_hashinfo: max_tw_buckets = entries / 2, max_syn_backlog =
// max(128, entries / 128); tcp_init: tcp_max_orphans = entries / 2).
QString documentedRule(const SysctlEntry &entry, qint64 establishedHash)
{
    switch (entry.defaultRule) {
    case SysctlEntry::DefaultRule::Fixed: return QLatin1String(entry.fixedDefault ? entry.fixedDefault : "");
    case SysctlEntry::DefaultRule::HalfEstablishedHash:
        return establishedHash > 0 ? QString::number(establishedHash / 2) : QString();
    case SysctlEntry::DefaultRule::SynBacklogFromHash:
        return establishedHash > 0 ? QString::number(qMax<qint64>(128, establishedHash / 128)) : QString();
    }
    return QString();
}

// A hash-derived default seen in a fresh namespace holds for the observed one only when both use
// a hash of the same size (a namespace made with tcp_child_ehash_entries set has its own).
bool detectedApplies(const SysctlEntry &entry, const KernelDefaults &detected, qint64 establishedHash)
{
    if (!entry.perNamespace || !detected.has(entry.name))
        return false;
    return entry.defaultRule == SysctlEntry::DefaultRule::Fixed || establishedHash <= 0
        || establishedHash == detected.establishedHash;
}

}

bool SysctlEntry::mayBeAbsent() const
{
    // tcp_tw_reuse_delay is new in 6.14; tcp_max_orphans exists only in the initial namespace.
    return qstrcmp(name, "net.ipv4.tcp_tw_reuse_delay") == 0 || qstrcmp(name, "net.ipv4.tcp_max_orphans") == 0;
}

QString SysctlCatalog::absentText(const SysctlEntry *entry)
{
    if (entry && entry->kind == SysctlEntry::Kind::Removed)
        return tr("not present on this kernel: removed in Linux 4.12");
    if (entry && !entry->perNamespace)
        return tr("not in this namespace: it is global, only the host's namespace has it");
    return tr("not present on this kernel");
}

QString SysctlCatalog::absentShortText(const SysctlEntry *entry)
{
    if (entry && !entry->perNamespace)
        return tr("host's only");
    return tr("not present");
}

const std::vector<SysctlEntry> &SysctlCatalog::entries()
{
    static const std::vector<SysctlEntry> catalog = build();
    return catalog;
}

const SysctlEntry *SysctlCatalog::find(const QString &name)
{
    for (const SysctlEntry &entry : entries()) {
        if (name == QLatin1String(entry.name))
            return &entry;
    }
    return nullptr;
}

QStringList SysctlCatalog::readableNames()
{
    QStringList names;
    for (const SysctlEntry &entry : entries()) {
        if (entry.kind != SysctlEntry::Kind::Removed)
            names << entry.key();
    }
    return names;
}

QString SysctlCatalog::text(const char *source)
{
    return source ? QCoreApplication::translate("SysctlCatalog", source) : QString();
}

QString SysctlCatalog::sideText(SysctlEntry::Side side)
{
    switch (side) {
    case SysctlEntry::Side::Client: return tr("client");
    case SysctlEntry::Side::Server: return tr("server");
    case SysctlEntry::Side::Both: return tr("client and server");
    }
    return QString();
}

QString SysctlCatalog::defaultValue(const SysctlEntry &entry, const KernelDefaults &detected, qint64 establishedHash)
{
    return detectedApplies(entry, detected, establishedHash) ? QString::fromStdString(detected.value(entry.name)) : QString();
}

QString SysctlCatalog::documentedDefault(const SysctlEntry &entry, qint64 establishedHash)
{
    return entry.editable() ? documentedRule(entry, establishedHash) : QString();
}

SysctlCatalog::DefaultSource SysctlCatalog::defaultSource(const SysctlEntry &entry, const KernelDefaults &detected,
                                                          qint64 establishedHash)
{
    if (!entry.editable())
        return DefaultSource::Unknown;
    if (detectedApplies(entry, detected, establishedHash))
        return DefaultSource::Detected;
    return documentedRule(entry, establishedHash).isNull() ? DefaultSource::Unknown : DefaultSource::Documented;
}

QString SysctlCatalog::defaultExplanation(const SysctlEntry &entry)
{
    switch (entry.defaultRule) {
    case SysctlEntry::DefaultRule::Fixed:
        return entry.fixedDefault ? tr("%1, documented for Linux 6.18").arg(QLatin1String(entry.fixedDefault)) : QString();
    case SysctlEntry::DefaultRule::HalfEstablishedHash:
        return tr("half the TCP established-hash size, documented for Linux 6.18");
    case SysctlEntry::DefaultRule::SynBacklogFromHash:
        return tr("the TCP established-hash size / 128, at least 128, documented for Linux 6.18");
    }
    return QString();
}

QString SysctlCatalog::defaultExplanation(const SysctlEntry &entry, const KernelDefaults &detected, qint64 establishedHash)
{
    switch (defaultSource(entry, detected, establishedHash)) {
    case DefaultSource::Detected:
        return detected.method == KernelDefaults::Method::NetworkNamespace
            ? tr("read from a fresh network namespace made by sockscope on this kernel")
            : tr("read from a fresh network namespace made by sockscope (inside a user namespace) on this kernel");
    case DefaultSource::Documented: break;
    case DefaultSource::Unknown: return QString();
    }
    QString why;
    if (!entry.perNamespace)
        why = tr("a global setting: a fresh namespace does not have it");
    else if (!detected.ok())
        why = tr("no throwaway namespace could be made: %1").arg(CoreMessageText::text(detected.error));
    else if (!detected.has(entry.name))
        why = tr("a fresh namespace does not have this file");
    else
        why = tr("this namespace's TCP established hash differs from a fresh namespace's");
    QString rule;
    if (entry.defaultRule == SysctlEntry::DefaultRule::HalfEstablishedHash)
        rule = tr("half the TCP established-hash size");
    else if (entry.defaultRule == SysctlEntry::DefaultRule::SynBacklogFromHash)
        rule = tr("the TCP established-hash size / 128, at least 128");
    return rule.isEmpty() ? tr("documented for Linux 6.18, not detected (%1)").arg(why)
                          : tr("documented for Linux 6.18: %1; not detected (%2)").arg(rule, why);
}

QString SysctlCatalog::editingRange(const SysctlEntry &entry)
{
    QString range;
    const QLocale locale;
    switch (entry.kind) {
    case SysctlEntry::Kind::Choice: {
        QStringList values;
        for (const SysctlChoice &choice : entry.choices)
            values << QString::number(choice.value);
        range = values.join(QStringLiteral(", "));
        break;
    }
    case SysctlEntry::Kind::Integer:
        range = entry.unit
            ? tr("%1 to %2 (%3)").arg(locale.toString(entry.minimum), locale.toString(entry.maximum), text(entry.unit))
            : tr("%1 to %2").arg(locale.toString(entry.minimum), locale.toString(entry.maximum));
        break;
    case SysctlEntry::Kind::PortRange: range = tr("two ports, low ≤ high, low at least ip_unprivileged_port_start"); break;
    case SysctlEntry::Kind::PortList: range = tr("ports and ranges, e.g. 8080,9000-9010; empty for none"); break;
    case SysctlEntry::Kind::Removed: return QString();
    }
    return entry.kernelRange ? tr("%1. %2").arg(range, text(entry.kernelRange))
                             : tr("%1 (the kernel accepts the same)").arg(range);
}

std::vector<std::string> SysctlCatalog::detectedNames()
{
    std::vector<std::string> names;
    for (const SysctlEntry &entry : entries()) {
        if (entry.perNamespace && entry.editable())
            names.emplace_back(entry.name);
    }
    return names;
}
