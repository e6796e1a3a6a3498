#include "sysctldetail.h"

#include "portbudgettext.h"
#include "snapshottextwriter.h"
#include "sysctllistmodel.h"
#include "sysctlvalue.h"

#include <QLocale>
#include <QSysInfo>

namespace {
QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}
}

QString SysctlDetail::valueOf(const SysctlListModel &model, const char *name)
{
    const int row = model.rowOf(QLatin1String(name));
    if (row >= 0)
        return model.isPresent(row) ? model.currentValue(row) : QString();
    const SysctlReading *r = model.snapshot() ? model.snapshot()->sysctl(QLatin1String(name)) : nullptr;
    return r && r->state == SysctlReading::State::Present ? r->value : QString();
}

QString SysctlDetail::kernelNote(const SysctlListModel &model, int row)
{
    const SysctlEntry &e = model.entry(row);
    const QString name = e.key();
    const QLocale locale;
    if (name == QLatin1String("net.ipv4.tcp_tw_reuse")) {
        QString note;
        const QString delay = valueOf(model, "net.ipv4.tcp_tw_reuse_delay");
        note = delay.isEmpty() ? tr("This kernel has no tcp_tw_reuse_delay: an entry can be reused once it is a "
                                    "second old, counted in whole seconds (between 0 and 1 s in practice).")
                               : tr("An entry can be reused once it is tcp_tw_reuse_delay old: %1 ms here.").arg(delay);
        if (valueOf(model, "net.ipv4.tcp_timestamps") == QLatin1String("0"))
            note += QLatin1Char(' ') + tr("tcp_timestamps is 0 here, so tcp_tw_reuse cannot take effect.");
        if (model.snapshot())
            note += QLatin1Char(' ') + PortBudgetText::forNamespace(PortBudgetSettings::fromReadings(model.snapshot()->sysctls));
        return note;
    }
    if (name == QLatin1String("net.ipv4.tcp_tw_reuse_delay") && !model.isPresent(row))
        return tr("Not on this kernel: it came in Linux 6.14.");
    if (name == QLatin1String("net.ipv4.tcp_max_tw_buckets") && model.isPresent(row)) {
        const qint64 limit = model.currentValue(row).toLongLong();
        qint64 objectSize = 256;
        if (model.snapshot() && model.snapshot()->slab.cache(SlabCache::TimeWaitV4).objectSize > 0)
            objectSize = model.snapshot()->slab.cache(SlabCache::TimeWaitV4).objectSize;
        return tr("A full table of %1 entries takes about %2 of slab here (%3 bytes per entry).")
            .arg(locale.toString(limit), SnapshotTextWriter::formatBytes(limit * objectSize))
            .arg(objectSize);
    }
    if (name == QLatin1String("net.ipv4.tcp_max_orphans") && !model.isPresent(row))
        return tr("This namespace is not the host's, so it has no tcp_max_orphans; the host's value applies.");
    if (name == QLatin1String("net.ipv4.ip_local_port_range") && model.isPresent(row)) {
        const QStringList ends = model.currentValue(row).split(QLatin1Char('-'));
        const int size = ends.size() == 2 ? ends[1].toInt() - ends[0].toInt() + 1 : 0;
        if (size > 0 && model.snapshot()) {
            return tr("%1 ports here: at most %1 connections at once from one local address to one remote "
                      "address and port.")
                       .arg(locale.toString(size))
                + QLatin1Char(' ') + PortBudgetText::forNamespace(PortBudgetSettings::fromReadings(model.snapshot()->sysctls));
        }
    }
    if (name == QLatin1String("net.ipv4.tcp_tw_recycle"))
        return tr("As expected, this kernel has no tcp_tw_recycle.");
    return QString();
}

QString SysctlDetail::html(const SysctlListModel &model, int row)
{
    const SysctlEntry &e = model.entry(row);
    QString html = QStringLiteral("<h3>%1</h3><p>%2</p>").arg(escaped(e.key()), escaped(SysctlCatalog::text(e.summary)));

    if (e.editable()) {
        QString range;
        switch (e.kind) {
        case SysctlEntry::Kind::Choice: {
            QStringList values;
            for (const SysctlChoice &choice : e.choices)
                values << QString::number(choice.value);
            range = values.join(QStringLiteral(", "));
            break;
        }
        case SysctlEntry::Kind::Integer:
            range = tr("%1 to %2 %3").arg(QLocale().toString(e.minimum), QLocale().toString(e.maximum),
                                          SysctlCatalog::text(e.unit));
            break;
        case SysctlEntry::Kind::PortRange:
            range = tr("two ports, low ≤ high, low at least ip_unprivileged_port_start");
            break;
        case SysctlEntry::Kind::PortList: range = tr("ports and ranges, e.g. 8080,9000-9010; empty for none"); break;
        case SysctlEntry::Kind::Removed: break;
        }
        const QString current = model.isPresent(row) ? SysctlValue::displayText(e, model.currentValue(row))
                                                     : SysctlCatalog::absentText(&e);
        QString fallback = SysctlValue::displayText(e, model.defaultValue(row));
        const QString rule = SysctlCatalog::defaultExplanation(e);
        if (!rule.isEmpty())
            fallback = fallback.isEmpty() ? rule : tr("%1 (%2)").arg(fallback, rule);
        html += QStringLiteral("<table cellspacing=\"2\" cellpadding=\"2\">");
        const auto row2 = [&](const QString &label, const QString &value) {
            html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(escaped(label), escaped(value));
        };
        row2(tr("Value here"), current.isEmpty() ? tr("(empty)") : current);
        row2(tr("Kernel default"), fallback.isEmpty() ? tr("(empty)") : fallback);
        row2(tr("Valid values"), range);
        row2(tr("Scope"), e.perNamespace ? tr("each network namespace has its own") : tr("global: the host's only"));
        row2(tr("Helps"), SysctlCatalog::sideText(e.helps));
        html += QStringLiteral("</table>");
        if (!e.choices.empty()) {
            html += QStringLiteral("<h4>%1</h4><ul>").arg(escaped(tr("Values")));
            for (const SysctlChoice &choice : e.choices)
                html += QStringLiteral("<li><b>%1</b> — %2</li>").arg(choice.value).arg(escaped(SysctlCatalog::text(choice.meaning)));
            html += QStringLiteral("</ul>");
        }
    }
    html += QStringLiteral("<h4>%1</h4><p>%2</p>").arg(escaped(tr("History")), escaped(SysctlCatalog::text(e.history)));
    html += QStringLiteral("<h4>%1</h4><p>%2</p>").arg(escaped(tr("On a client")), escaped(SysctlCatalog::text(e.clientAdvice)));
    html += QStringLiteral("<h4>%1</h4><p>%2</p>").arg(escaped(tr("On a server")), escaped(SysctlCatalog::text(e.serverAdvice)));
    const QString note = kernelNote(model, row);
    if (!note.isEmpty()) {
        html += QStringLiteral("<p><b>%1</b> %2</p>")
                    .arg(escaped(tr("On this kernel (%1):").arg(QSysInfo::kernelVersion())), escaped(note));
    }
    html += QStringLiteral("<p><small>%1</small></p>")
                .arg(escaped(tr("Source: the kernel's %1, checked against the running kernel.").arg(SysctlCatalog::documentation())));
    return html;
}

QString SysctlDetail::conceptsHtml(const SysctlListModel &model)
{
    // The budget itself comes from PortBudget, with this namespace's tcp_tw_reuse and delay.
    const QString portRate = model.snapshot()
        ? PortBudgetText::forNamespace(PortBudgetSettings::fromReadings(model.snapshot()->sysctls))
        : tr("(ip_local_port_range size) ÷ 60 without tcp_tw_reuse, (size) ÷ the reuse delay with it");
    const QString delay = valueOf(model, "net.ipv4.tcp_tw_reuse_delay");
    const QString delayHere = delay.isEmpty() ? tr("this kernel has no tcp_tw_reuse_delay: the delay is one second, "
                                                   "counted in whole seconds")
                                              : tr("on this kernel, tcp_tw_reuse_delay = %1 ms").arg(delay);
    const QString sections[][2] = {
        {tr("TIME-WAIT lasts 60 seconds on Linux"),
         tr("The length is TCP_TIMEWAIT_LEN, fixed at 60 s when the kernel is built; no sysctl changes it (not "
            "tcp_fin_timeout, and it is not the textbook 2 × MSL of 2 minutes). An entry can last longer: a segment "
            "arriving within the old connection's window restarts its timer. The socket table shows each entry's "
            "time left.")},
        {tr("tcp_fin_timeout is not the TIME-WAIT timeout"),
         tr("It limits how long an orphaned connection waits in FIN-WAIT-2 for the peer's FIN.")},
        {tr("The side that closes first holds TIME-WAIT"),
         tr("A server that closes first (HTTP without keep-alive) holds the entries on its own listening port: "
            "cheap and harmless up to tcp_max_tw_buckets. A client that closes first holds them on ephemeral "
            "ports: each keeps that local port busy towards that destination for 60 s unless tcp_tw_reuse "
            "takes it over. %1")
             .arg(portRate)},
        {tr("tcp_tw_reuse helps only outgoing connections"),
         tr("Only connect() consults it, when it picks a local port. It needs TCP timestamps; its default 2 "
            "means loopback only; it lets connect() take over an entry older than the reuse delay (%1) and does "
            "not make TIME-WAIT shorter. A server gains nothing from it.")
             .arg(delayHere)},
        {tr("SO_REUSEADDR, SO_REUSEPORT and IP_BIND_ADDRESS_NO_PORT are different things"),
         tr("SO_REUSEADDR lets bind() take a port whose old connections are still in TIME-WAIT (restarting a "
            "server); it fails only while a listener holds the address. SO_REUSEPORT (Linux 3.9) lets several "
            "sockets of the same user bind one port, and the kernel spreads connections among them. "
            "IP_BIND_ADDRESS_NO_PORT (Linux 4.2) lets a client bind a source address but leave the port to "
            "connect(), so one port serves several destinations: the client-side remedy for running out of "
            "ports. IP_LOCAL_PORT_RANGE (Linux 6.3) narrows the range for one socket. None of them shortens "
            "TIME-WAIT.")},
        {tr("tcp_tw_recycle is gone"),
         tr("It was removed in Linux 4.12 after breaking clients behind NAT. Advice to turn it on is out of date; "
            "on a current kernel the setting does not exist.")},
        {tr("TIME-WAIT costs little memory"),
         tr("An entry is a small structure of about 256 bytes (tw_sock_TCP in /proc/slabinfo): 262,144 entries "
            "take about 64 MiB. What runs out first is a client's local ports, not memory.")},
    };
    QString html = QStringLiteral("<h3>%1</h3>").arg(tr("What trainees mix up").toHtmlEscaped());
    for (const auto &section : sections)
        html += QStringLiteral("<h4>%1</h4><p>%2</p>").arg(section[0].toHtmlEscaped(), section[1].toHtmlEscaped());
    html += QStringLiteral("<p><small>%1</small></p>")
                .arg(tr("Sources: the kernel's Documentation/networking/ip-sysctl.rst; tcp(7), socket(7), ip(7).").toHtmlEscaped());
    return html;
}
