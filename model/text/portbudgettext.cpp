#include "portbudgettext.h"

#include <QLocale>

QString PortBudgetText::rate(double perSecond)
{
    const QLocale locale;
    return perSecond < 10 ? locale.toString(perSecond, 'f', 1) : locale.toString(qRound64(perSecond));
}

QString PortBudgetText::delay(const PortBudget &b)
{
    if (b.delayApproximate)
        return tr("about 1 s");
    const qint64 ms = qRound64(b.reuseDelaySeconds * 1000);
    return ms % 1000 == 0 ? tr("%1 s").arg(QLocale().toString(ms / 1000)) : tr("%1 ms").arg(QLocale().toString(ms));
}

QString PortBudgetText::delayNote(const PortBudget &b)
{
    return b.delayApproximate ? tr("this kernel has no tcp_tw_reuse_delay: an entry can be taken over 0 to 1 s after "
                                   "the last timestamped segment it received (1 to 2 s on older kernels)")
                              : tr("tcp_tw_reuse_delay, counted from the entry's start of TIME-WAIT");
}

QString PortBudgetText::reuseReason(const PortBudget &b)
{
    switch (b.reuse) {
    case PortBudget::Reuse::Applies:
        return tr("tcp_tw_reuse takes over TIME-WAIT entries older than %1").arg(delay(b));
    case PortBudget::Reuse::Off: return tr("tcp_tw_reuse = 0: each port waits out the 60 s of TIME-WAIT");
    case PortBudget::Reuse::NotLoopback:
        return tr("tcp_tw_reuse = 2 covers loopback only: each port waits out the 60 s of TIME-WAIT");
    case PortBudget::Reuse::NoTimestamps:
        return tr("tcp_timestamps = 0: once the entries still carrying a peer-timestamp record from before have "
                  "expired, tcp_tw_reuse cannot act and each port waits out the 60 s of TIME-WAIT");
    case PortBudget::Reuse::Unknown: break;
    }
    return tr("tcp_tw_reuse or tcp_timestamps unreadable: counted without reuse, 60 s per port");
}

QString PortBudgetText::whenFull(const PortBudget &b)
{
    // tcp_twsk_unique() hands the entry's tw_ts_recent_stamp to the connection that takes it
    // over, and tcp_time_wait() puts it into that connection's own entry: set to 0 under load,
    // reuse goes on, port by port, until an entry expires unused.
    if (b.reuse == PortBudget::Reuse::NoTimestamps)
        return tr("With tcp_timestamps 0 from the start, a range full of TIME-WAIT towards that destination fails "
                  "connect() with EADDRNOTAVAIL. Switched to 0 under load, it may not yet: a connection that takes "
                  "over an entry inherits the entry's record of the peer's timestamp and hands it on, so reuse "
                  "goes on, without PAWS, until an entry expires unused.");
    return b.fullMeansAddressNotAvailable()
        ? tr("When every usable port holds a TIME-WAIT entry towards that destination, connect() fails with "
             "EADDRNOTAVAIL.")
        : tr("A range full of TIME-WAIT towards that destination fails connect() with EADDRNOTAVAIL only while "
             "every entry is younger than the delay; older entries are taken over (if they recorded a peer "
             "timestamp).");
}

QString PortBudgetText::summary(const PortBudget &b)
{
    if (!b.valid)
        return tr("ip_local_port_range could not be read, so no port budget can be given.");
    // Reuse needs the entry to have recorded the peer's timestamp: towards another host that
    // depends on the peer, which sockscope cannot see from here.
    const QString text = tr("About %1 new connections per second towards that destination (local address, remote "
                            "address, remote port) when this host closes first: %2.")
                             .arg(rate(b.perSecond), reuseReason(b));
    return b.reuseApplies() && !b.loopback ? text + QLatin1Char(' ') + tr("(If the peer sends TCP timestamps.)") : text;
}

QStringList PortBudgetText::worked(const PortBudget &b)
{
    QStringList lines;
    if (!b.valid) {
        lines << summary(b);
        return lines;
    }
    const QLocale locale;
    lines << tr("Usable local ports: %1 in ip_local_port_range, %2 of them reserved (ip_local_reserved_ports): "
                "%3. That many connections can exist at once towards one destination, TIME-WAIT included.")
                 .arg(locale.toString(b.rangeSize), locale.toString(b.rangeSize - b.usablePorts),
                      locale.toString(b.usablePorts));
    lines << tr("Without reuse: %1 ÷ 60 s of TIME-WAIT ≈ %2 new connections per second.")
                 .arg(locale.toString(b.usablePorts), rate(b.perSecondWithoutReuse));
    lines << tr("With reuse: %1 ÷ %2 ≈ %3 new connections per second.")
                 .arg(locale.toString(b.usablePorts), delay(b), rate(b.perSecondWithReuse));
    if (b.delayApproximate)
        lines << tr("The delay: %1.").arg(delayNote(b));
    lines << (b.reuseApplies() ? tr("For this tuple reuse applies: %1. %2") : tr("For this tuple reuse does not apply: %1. %2"))
                 .arg(reuseReason(b), whenFull(b));
    lines << tr("Each source address has its own ports towards a destination: × %1 source addresses. A program "
                "that bind()s a source address before connect() should set IP_BIND_ADDRESS_NO_PORT, or bind() "
                "picks the port without knowing the destination; the option helps only together with more "
                "source addresses and does not raise the limit towards one destination.")
                 .arg(locale.toString(b.sourceAddresses));
    lines << tr("Each remote address and port is a destination of its own: × %1 destination ports.")
                 .arg(locale.toString(b.destinationPorts));
    lines << tr("Total: %1 × %2 × %3 ≈ %4 new connections per second.")
                 .arg(rate(b.perSecond), locale.toString(b.sourceAddresses), locale.toString(b.destinationPorts),
                      rate(b.perSecondAllTuples));
    return lines;
}

QString PortBudgetText::forNamespace(const PortBudgetSettings &settings)
{
    const PortBudget loopback = PortBudget::compute(settings, {true, 1, 1});
    const PortBudget other = PortBudget::compute(settings, {false, 1, 1});
    if (!loopback.valid)
        return summary(loopback);
    if (loopback.reuse == other.reuse)
        return summary(other);
    return tr("Towards that destination (local address, remote address, remote port), when this host closes "
              "first: about %1 new connections per second to loopback (%2); about %3 to other addresses (%4).")
        .arg(rate(loopback.perSecond), reuseReason(loopback), rate(other.perSecond), reuseReason(other));
}
