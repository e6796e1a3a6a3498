#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <vector>

// The sysctls that govern TIME-WAIT and port exhaustion: what each controls, what its values
// mean, its default, valid range, scope, history and advice, checked against the kernel's
// Documentation/networking/ip-sysctl.rst and the running kernel. Texts are kept as translatable
// sources and translated when shown, so a language switch retranslates them.
struct SysctlChoice
{
    qint64 value;
    const char *meaning;
};

struct SysctlEntry
{
    enum class Kind {
        Choice,    // one of a few integers with meanings
        Integer,   // a number in [minimum, maximum]
        PortRange, // "low high" (ip_local_port_range)
        PortList,  // ports and ranges, comma-separated (ip_local_reserved_ports)
        Removed,   // no longer in the kernel: explanation only
    };
    enum class Side { Client, Server, Both };
    // Some defaults scale with memory: the kernel derives them from its TCP established-hash size.
    enum class DefaultRule { Fixed, HalfEstablishedHash, SynBacklogFromHash };

    const char *name;
    Kind kind;
    qint64 minimum;
    qint64 maximum;
    std::vector<SysctlChoice> choices;
    DefaultRule defaultRule;
    const char *fixedDefault; // the kernel's default, as the file shows it (Fixed)
    bool perNamespace;
    Side helps;
    const char *unit; // translatable, e.g. "seconds"; null for none
    const char *summary;
    const char *history;
    const char *clientAdvice;
    const char *serverAdvice;

    QString key() const { return QLatin1String(name); }
    bool editable() const { return kind != Kind::Removed; }
    // Files the kernel does not always have: persisted with a "-" prefix so sysctl.d skips them.
    bool mayBeAbsent() const;
};

class SysctlCatalog
{
    Q_DECLARE_TR_FUNCTIONS(SysctlCatalog)

public:
    static const std::vector<SysctlEntry> &entries();
    static const SysctlEntry *find(const QString &name);
    // The names a snapshot reads (everything but removed entries).
    static QStringList readableNames();
    // A catalog text in the current language.
    static QString text(const char *source);
    static QString sideText(SysctlEntry::Side side);
    // Why a file is missing: a global sysctl is only in the host's initial namespace, so seen
    // from a child namespace it is not "missing from this kernel". `entry` may be null.
    static QString absentText(const SysctlEntry *entry);
    static QString absentShortText(const SysctlEntry *entry);
    // The default on this kernel, as the file would show it; `establishedHash` is the size of
    // the TCP established hash (|tcp_ehash_entries|), 0 when unknown.
    static QString defaultValue(const SysctlEntry &entry, qint64 establishedHash);
    // How the default is derived, for people ("half the TCP established-hash size").
    static QString defaultExplanation(const SysctlEntry &entry);
    static QString documentation() { return QStringLiteral("Documentation/networking/ip-sysctl.rst"); }
};
