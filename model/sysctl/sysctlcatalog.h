#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <string>
#include <vector>

struct KernelDefaults;

// The sysctls that govern TIME-WAIT and port exhaustion: what each controls, what its values
// mean, its default, the values sockscope lets you set and what the kernel accepts, scope,
// history and advice, checked against the kernel sources of Linux 6.18 and measured in private
// network namespaces. Texts are kept as translatable sources and translated when shown, so a
// language switch retranslates them. Entries live in sysctlentries*.cpp, by subsystem.
struct SysctlChoice
{
    qint64 value;
    const char *label; // a few words, for a choice list ("clients may reuse TIME-WAIT ports")
    const char *meaning; // the whole of it, shown beside the list and in the explanation
};

struct SysctlEntry
{
    enum class Kind {
        Choice, // one of a few integers with meanings
        Integer, // a number in [minimum, maximum]
        PortRange, // "low high" (ip_local_port_range)
        PortList, // ports and ranges, comma-separated (ip_local_reserved_ports)
        Removed, // no longer in current kernels: explanation only (its file is still read)
    };
    enum class Side { Client, Server, Both };
    // How the documented default is derived (used only where detection is impossible): some
    // scale with the TCP established-hash size (tcp_set_hashinfo, net/ipv4/tcp_ipv4.c).
    enum class DefaultRule { Fixed, HalfEstablishedHash, SynBacklogFromHash };

    const char *name;
    Kind kind;
    qint64 minimum; // sockscope's editing limits, not necessarily the kernel's (see kernelRange)
    qint64 maximum;
    std::vector<SysctlChoice> choices;
    DefaultRule defaultRule;
    const char *fixedDefault; // documented for Linux 6.18, as the file shows it (Fixed)
    bool perNamespace;
    Side helps;
    const char *unit; // translatable, e.g. "seconds"; null for none
    const char *summary;
    const char *history;
    const char *clientAdvice;
    const char *serverAdvice;
    // What the kernel accepts beyond sockscope's limits (measured on 6.18); null when the same.
    const char *kernelRange;

    QString key() const { return QLatin1String(name); }
    bool editable() const { return kind != Kind::Removed; }
    // Files the kernel does not always have: persisted with a "-" prefix so sysctl.d skips them.
    bool mayBeAbsent() const;
};

class SysctlCatalog
{
    Q_DECLARE_TR_FUNCTIONS(SysctlCatalog)

public:
    // Where a default comes from. Detected: read from a fresh network namespace on this kernel
    // (KernelDefaults). Documented: sockscope's documentation for Linux 6.18, because detection
    // was impossible (global sysctl, no namespace could be made, or this namespace's own hash
    // differs from a fresh one's); it may not match this kernel.
    enum class DefaultSource { Detected, Documented, Unknown };

    static const std::vector<SysctlEntry> &entries();
    static const SysctlEntry *find(const QString &name);
    // The names a snapshot reads as settings (everything but removed entries).
    static QStringList readableNames();
    // A catalog text in the current language.
    static QString text(const char *source);
    static QString sideText(SysctlEntry::Side side);
    // Why a file is missing: a global sysctl is only in the host's initial namespace, so seen
    // from a child namespace it is not "missing from this kernel". `entry` may be null.
    static QString absentText(const SysctlEntry *entry);
    static QString absentShortText(const SysctlEntry *entry);

    // THE kernel default of `entry`, as the file would show it: the value a fresh network
    // namespace has on the watched kernel (`detected`, delivered by the source with its kernel
    // facts). Empty when it could not be detected (see defaultSource()): sockscope then does not
    // claim one, and "Reset to kernel default" has nothing to put.
    // `establishedHash` is |tcp_ehash_entries| of the observed namespace (0 when unknown): the
    // hash-derived defaults are only taken from the fresh namespace when its hash has the same size.
    static QString defaultValue(const SysctlEntry &entry, const KernelDefaults &detected, qint64 establishedHash);
    static DefaultSource defaultSource(const SysctlEntry &entry, const KernelDefaults &detected, qint64 establishedHash);
    // The catalog's per-namespace sysctls: what a source detects in a fresh namespace.
    static std::vector<std::string> detectedNames();
    // sockscope's documentation for Linux 6.18 (for display, labelled as such, where defaultValue()
    // is empty); may not match this kernel.
    static QString documentedDefault(const SysctlEntry &entry, qint64 establishedHash);
    // How the default was obtained, for people ("read from a fresh network namespace", or why it is
    // only the documented one).
    static QString defaultExplanation(const SysctlEntry &entry, const KernelDefaults &detected, qint64 establishedHash);
    // The documented default or its rule, labelled "documented for Linux 6.18", for a default this
    // kernel does not show; empty when there is none.
    static QString defaultExplanation(const SysctlEntry &entry);
    // The "sockscope lets you set" row: sockscope's editing limits, and where the kernel accepts more.
    static QString editingRange(const SysctlEntry &entry);
    static QString documentation() { return QStringLiteral("Documentation/networking/ip-sysctl.rst"); }
};
