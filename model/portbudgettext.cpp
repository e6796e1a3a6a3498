#include "portbudgettext.h"

#include <QLocale>

QString PortBudgetText::rate(double perSecond)
{
    const QLocale locale;
    return perSecond < 10 ? locale.toString(perSecond, 'f', 1) : locale.toString(qRound64(perSecond));
}

QString PortBudgetText::delay(const PortBudget &b)
{
    return b.delayApproximate ? tr("about 1 s") : tr("%1 ms").arg(QLocale().toString(qRound64(b.reuseDelaySeconds * 1000)));
}

QString PortBudgetText::delayNote(const PortBudget &b)
{
    return b.delayApproximate ? tr("this kernel has no tcp_tw_reuse_delay: an entry becomes reusable 0 to 1 s after "
                                   "the last timestamped segment it received")
                              : tr("tcp_tw_reuse_delay, counted from the entry's start of TIME-WAIT");
}

QString PortBudgetText::reuseReason(const PortBudget &b)
{
    switch (b.reuse) {
    case PortBudget::Reuse::Applies:
        return tr("tcp_tw_reuse lets connect() take over a TIME-WAIT entry once it is older than %1, so a range "
                  "full of TIME-WAIT is not EADDRNOTAVAIL here (%2; the peer must send timestamps too)")
            .arg(delay(b), delayNote(b));
    case PortBudget::Reuse::Off:
        return tr("tcp_tw_reuse is 0: each local port stays taken for the 60 s of TIME-WAIT, and a range full of "
                  "TIME-WAIT makes connect() fail with EADDRNOTAVAIL");
    case PortBudget::Reuse::NotLoopback:
        return tr("tcp_tw_reuse is 2, which covers only loopback (127.0.0.0/8, ::1, or a socket bound to lo): "
                  "each local port stays taken for the 60 s of TIME-WAIT, and a range full of TIME-WAIT makes "
                  "connect() fail with EADDRNOTAVAIL");
    case PortBudget::Reuse::NoTimestamps:
        return tr("tcp_timestamps is 0, so TIME-WAIT entries record no peer timestamp and tcp_tw_reuse cannot "
                  "take them over: each local port stays taken for 60 s");
    case PortBudget::Reuse::Unknown: break;
    }
    return tr("tcp_tw_reuse or tcp_timestamps could not be read: counted without reuse, 60 s per port");
}

QString PortBudgetText::summary(const PortBudget &b)
{
    if (!b.valid)
        return tr("ip_local_port_range could not be read, so no port budget can be given.");
    return tr("About %1 new connections per second towards that destination (local address, remote address, "
              "remote port) when this host closes first: %2.")
        .arg(rate(b.perSecond), reuseReason(b));
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
    lines << (b.reuseApplies() ? tr("For this tuple reuse applies: %1.") : tr("For this tuple reuse does not apply: %1."))
                 .arg(reuseReason(b));
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
