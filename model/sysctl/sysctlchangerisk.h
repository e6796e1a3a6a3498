#pragma once

#include <QCoreApplication>
#include <QMap>
#include <QString>
#include <QStringList>

#include <vector>

struct Snapshot;

// What the observed namespace shows now, as far as judging a sysctl change needs it.
struct SysctlRiskFigures
{
    QMap<QString, QString> current; // name -> value in catalog form, for the sysctls present
    qint64 timeWaitEntries = -1; // sockstat `tw` (TIME-WAIT and orphaned FIN-WAIT-2); -1 unknown
    bool listenersKnown = false; // the snapshot listed LISTEN sockets
    quint32 largestBacklog = 0; // the largest listener backlog (min(listen() backlog, somaxconn then))
    quint16 largestBacklogPort = 0;

    static SysctlRiskFigures fromSnapshot(const Snapshot &snapshot);
};

// A value the kernel accepts but that hurts: the warning names the consequence.
struct SysctlRisk
{
    enum class Kind {
        NoPortForConnect, // the reserved ports cover the whole ephemeral range
        NoTimeWait, // tcp_max_tw_buckets 0
        TimeWaitFull, // tcp_max_tw_buckets at or below the entries in use
        BacklogCapped, // somaxconn below the largest listener backlog
        SynCookiesOff, // tcp_syncookies 0
    };
    Kind kind;
    QString name; // the sysctl the warning is about
    QString text; // in the current language
};

// Judges the pending changes (name -> canonical value) before Apply: which are dangerous, and
// whether the change is large enough to ask once for confirmation.
class SysctlChangeRisk
{
    Q_DECLARE_TR_FUNCTIONS(SysctlChangeRisk)

public:
    static constexpr int ManySettings = 3; // this many settings at once is a large change
    static constexpr qint64 LargeFactor = 10;

    static std::vector<SysctlRisk> risks(const QMap<QString, QString> &pending, const SysctlRiskFigures &figures);
    // Why the change is large (empty when it is not): many settings, a tenfold step, a port range
    // cut by more than half, or kept after reboot.
    static QStringList largeReasons(const QMap<QString, QString> &pending, bool persist, const SysctlRiskFigures &figures);
};
