#include "wording/portbudgettext.h"

#include <QLocale>

namespace {
QString q(const std::string &text)
{
    return QString::fromStdString(text);
}
std::string s(const QString &text)
{
    return text.toStdString();
}
}

PortBudgetPhrases PortBudgetText::phrases()
{
    PortBudgetPhrases p;
    p.noRange = s(tr("ip_local_port_range could not be read, so no port budget can be given."));
    p.summary = s(tr("About %1 new connections per second towards that destination (local address, remote "
                     "address, remote port) when this host closes first: %2."));
    p.ifPeerTimestamps = s(tr("(If the peer sends TCP timestamps.)"));
    p.loopbackAndOther = s(tr("Towards that destination (local address, remote address, remote port), when this host "
                              "closes first: about %1 new connections per second to loopback (%2); about %3 to other "
                              "addresses (%4)."));
    p.reuseApplies = s(tr("tcp_tw_reuse takes over TIME-WAIT entries older than %1"));
    p.reuseOff = s(tr("tcp_tw_reuse = 0: each port waits out the 60 s of TIME-WAIT"));
    p.reuseNotLoopback = s(tr("tcp_tw_reuse = 2 covers loopback only: each port waits out the 60 s of TIME-WAIT"));
    p.reuseNoTimestamps = s(tr("tcp_timestamps = 0: once the entries still carrying a peer-timestamp record from "
                               "before have expired, tcp_tw_reuse cannot act and each port waits out the 60 s of "
                               "TIME-WAIT"));
    p.reuseUnknown = s(tr("tcp_tw_reuse or tcp_timestamps unreadable: counted without reuse, 60 s per port"));
    p.delayAbout = s(tr("about 1 s"));
    p.delaySeconds = s(tr("%1 s"));
    p.delayMilliseconds = s(tr("%1 ms"));
    p.number = [](double value, int decimals) {
        const QLocale locale;
        return s(decimals ? locale.toString(value, 'f', decimals) : locale.toString(qRound64(value)));
    };
    return p;
}

QString PortBudgetText::rate(double perSecond)
{
    return q(PortBudgetWords::rate(perSecond, phrases()));
}

QString PortBudgetText::delay(const PortBudget &b)
{
    return q(PortBudgetWords::delay(b, phrases()));
}

QString PortBudgetText::delayNote(const PortBudget &b)
{
    return b.delayApproximate ? tr("this kernel has no tcp_tw_reuse_delay: an entry can be taken over 0 to 1 s after "
                                   "the last timestamped segment it received (1 to 2 s on older kernels)")
                              : tr("tcp_tw_reuse_delay, counted from the entry's start of TIME-WAIT");
}

QString PortBudgetText::reuseReason(const PortBudget &b)
{
    return q(PortBudgetWords::reuseReason(b, phrases()));
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
    return q(PortBudgetWords::summary(b, phrases()));
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
                 .arg(locale.toString(b.rangeSize), locale.toString(b.rangeSize - b.usablePorts), locale.toString(b.usablePorts));
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
    return q(PortBudgetWords::forNamespace(settings, phrases()));
}
