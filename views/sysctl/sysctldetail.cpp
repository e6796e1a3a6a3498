#include "views/sysctl/sysctldetail.h"

#include "core/collect/kerneldefaults.h"
#include "wording/mixupcatalog.h"
#include "wording/portbudgettext.h"
#include "wording/seeityourself.h"
#include "report/snapshottextwriter.h"
#include "itemmodels/sysctllistmodel.h"
#include "sysctl/sysctlvalue.h"

#include <QLocale>
#include <QSysInfo>

namespace {
QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}
}

QString SysctlDetail::valueOf(const SysctlListModel &model, const char *name, QStringList *read)
{
    if (read && !read->contains(QLatin1String(name)))
        *read << QLatin1String(name);
    const int row = model.rowOf(QLatin1String(name));
    if (row >= 0 && model.entry(row).editable())
        return model.isPresent(row) ? model.currentValue(row) : QString();
    const SysctlReading *r = model.snapshot() ? model.snapshot()->sysctl(name) : nullptr;
    return r && r->state == SysctlReading::State::Present ? QString::fromStdString(r->value) : QString();
}

QString SysctlDetail::timestampNote(const KernelDefaults &defaults)
{
    switch (defaults.timestampOffsets) {
    case KernelDefaults::TimestampOffsets::PerConnection:
        return tr("Measured in a throwaway namespace: with tcp_timestamps=1 this kernel gives each connection its "
                  "own random offset, even between the same two addresses.");
    case KernelDefaults::TimestampOffsets::PerAddressPair:
        return tr("Measured in a throwaway namespace: with tcp_timestamps=1 this kernel gives all connections "
                  "between the same two addresses the same random offset.");
    case KernelDefaults::TimestampOffsets::NoOffset:
        return tr("Measured in a throwaway namespace: with tcp_timestamps=1 this kernel added no offset.");
    case KernelDefaults::TimestampOffsets::Unknown: break;
    }
    return tr("sockscope could not measure how this kernel chooses the offset.");
}

QString SysctlDetail::kernelNote(const SysctlListModel &model, int row, QStringList *read)
{
    const QString name = model.entry(row).key();
    const bool present = model.isPresent(row);
    if (name == QLatin1String("net.ipv4.tcp_tw_reuse"))
        return reuseNote(model, read);
    if (name == QLatin1String("net.ipv4.tcp_fin_timeout") && present)
        return finTimeoutNote(model.currentValue(row));
    if (name == QLatin1String("net.ipv4.tcp_tw_reuse_delay") && !present)
        return tr("Not on this kernel: it came in Linux 6.14.");
    if (name == QLatin1String("net.ipv4.tcp_timestamps"))
        return timestampNote(model.kernelFacts().defaults);
    if (name == QLatin1String("net.ipv4.tcp_max_tw_buckets") && present)
        return timeWaitTableNote(model, model.currentValue(row).toLongLong());
    if (name == QLatin1String("net.ipv4.tcp_max_orphans") && !present)
        return tr("This namespace is not the host's, so it has no tcp_max_orphans; the host's value applies.");
    if (name == QLatin1String("net.ipv4.ip_local_port_range") && present)
        return portRangeNote(model, model.currentValue(row));
    if (name == QLatin1String("net.ipv4.tcp_tw_recycle"))
        return recycleNote(model, read);
    return QString();
}

QString SysctlDetail::reuseNote(const SysctlListModel &model, QStringList *read)
{
    QString note;
    const QString reuse = valueOf(model, "net.ipv4.tcp_tw_reuse", read);
    if (reuse == QLatin1String("2"))
        note = tr("tcp_tw_reuse is 2 here: connect() takes over TIME-WAIT entries of loopback traffic only.") + QLatin1Char(' ');
    const QString delay = valueOf(model, "net.ipv4.tcp_tw_reuse_delay", read);
    note += delay.isEmpty() ? tr("This kernel has no tcp_tw_reuse_delay (it came in 6.14): an entry can be taken "
                                 "over 0 to 1 s after the last timestamped segment it received (1 to 2 s on "
                                 "older kernels), counted in whole seconds.")
                            : tr("An entry can be taken over %1 ms after it entered TIME-WAIT (tcp_tw_reuse_delay).").arg(delay);
    if (valueOf(model, "net.ipv4.tcp_timestamps", read) == QLatin1String("0"))
        note += QLatin1Char(' ')
            + tr("tcp_timestamps is 0 here: new connections record no peer timestamp, and an entry "
                 "without one is never taken over. A connection that takes over an "
                 "entry inherits the entry's record and hands it on, though, so reuse "
                 "under way before the switch goes on, without PAWS, until the entries "
                 "expire unused.");
    if (model.snapshot())
        note += QLatin1Char(' ') + PortBudgetText::forNamespace(PortBudgetSettings::fromReadings(model.snapshot()->sysctls));
    return note;
}

// tcp_close()/tcp_keepalive_timer(): above TCP_TIMEWAIT_LEN the wait is spent twice, first on the
// full socket's keepalive timer, then as a timewait entry (measured in tst_kernelfacts).
QString SysctlDetail::finTimeoutNote(const QString &current)
{
    const QLocale locale;
    bool ok = false;
    const int value = current.toInt(&ok);
    if (ok && value > 60) {
        return tr("%1 s here: an orphaned FIN-WAIT-2 connection waits %2 s for the peer's FIN, %3 s as a full "
                  "socket and then %3 s as a timewait entry.")
            .arg(locale.toString(value), locale.toString(2 * (value - 60)), locale.toString(value - 60));
    }
    if (ok && value > 0) {
        return tr("%1 s here: an orphaned FIN-WAIT-2 connection waits %1 s for the peer's FIN (at least "
                  "3.5 × RTO), as a timewait entry.")
            .arg(locale.toString(value));
    }
    return QString();
}

QString SysctlDetail::timeWaitTableNote(const SysctlListModel &model, qint64 limit)
{
    const QLocale locale;
    const Snapshot *s = model.snapshot().get();
    qint64 objectSize = 0;
    if (s && s->slab.cache(SlabCache::TimeWaitV4).objectSize > 0)
        objectSize = s->slab.cache(SlabCache::TimeWaitV4).objectSize;
    QString note;
    if (objectSize > 0) {
        note = tr("A full table of %1 entries takes about %2 of slab here (%3 bytes per entry).")
                   .arg(locale.toString(limit), SnapshotTextWriter::formatBytes(limit * objectSize))
                   .arg(objectSize);
    }
    if (s && s->sockstat.valid) {
        note += (note.isEmpty() ? QString() : QStringLiteral(" "))
            + tr("The table holds %1 entries now (sockstat tw: TIME-WAIT and orphaned FIN-WAIT-2); %2 of the "
                 "socket table's rows are TIME-WAIT.")
                  .arg(locale.toString(s->sockstat.tcpTimeWait), locale.toString(s->count(TcpState::TimeWait)));
    }
    return note;
}

QString SysctlDetail::portRangeNote(const SysctlListModel &model, const QString &current)
{
    const QLocale locale;
    const QStringList ends = current.split(QLatin1Char('-'));
    const int size = ends.size() == 2 ? ends[1].toInt() - ends[0].toInt() + 1 : 0;
    if (size <= 0)
        return QString();
    // connect() skips the reserved ports (inet_is_local_reserved_port), so they lower the limit;
    // the port budget has already counted them.
    const PortBudgetSettings settings =
        model.snapshot() ? PortBudgetSettings::fromReadings(model.snapshot()->sysctls) : PortBudgetSettings {};
    const PortBudget budget = PortBudget::compute(settings, {});
    const bool known = budget.valid && budget.rangeSize == size;
    QString note;
    if (known && budget.usablePorts < size) {
        note = tr("%1 ports here, %2 of them reserved (ip_local_reserved_ports): at most %3 connections at a "
                  "time from one local address to one remote address and port.")
                   .arg(locale.toString(size), locale.toString(size - budget.usablePorts), locale.toString(budget.usablePorts));
    } else if (known) {
        note = tr("%1 ports here: at most %1 connections at a time from one local address to one remote "
                  "address and port.")
                   .arg(locale.toString(size));
    } else {
        note = tr("%1 ports here: at most %1 connections at a time from one local address to one remote address "
                  "and port, less the ip_local_reserved_ports inside the range.")
                   .arg(locale.toString(size));
    }
    if (model.snapshot())
        note += QLatin1Char(' ') + PortBudgetText::forNamespace(settings);
    return note;
}

QString SysctlDetail::recycleNote(const SysctlListModel &model, QStringList *read)
{
    const QString name = QStringLiteral("net.ipv4.tcp_tw_recycle");
    const SysctlReading *r = model.snapshot() ? model.snapshot()->sysctl(name.toStdString()) : nullptr;
    if (read)
        *read << name;
    if (!r)
        return QString();
    if (r->state == SysctlReading::State::Present)
        return tr("This kernel still has tcp_tw_recycle (value %1): it predates the removal. Keep it 0.")
            .arg(QString::fromStdString(r->value));
    if (r->state == SysctlReading::State::Absent)
        return tr("This kernel has no /proc/sys/net/ipv4/tcp_tw_recycle.");
    return QString();
}

QString SysctlDetail::readout(const SysctlListModel &model, const QStringList &names)
{
    QStringList parts;
    for (const QString &name : names) {
        const SysctlReading *r = model.snapshot() ? model.snapshot()->sysctl(name.toStdString()) : nullptr;
        if (!r)
            continue;
        switch (r->state) {
        case SysctlReading::State::Present:
            parts << tr("%1 = %2").arg(name, r->value.empty() ? tr("(empty)") : QString::fromStdString(r->value));
            break;
        case SysctlReading::State::Absent: parts << tr("%1: no such file").arg(name); break;
        case SysctlReading::State::Unreadable: parts << tr("%1: unreadable").arg(name); break;
        }
    }
    return parts.join(QStringLiteral("; "));
}

QString SysctlDetail::commandsHtml(const QString &key)
{
    const std::vector<SeeItCommand> &commands = SeeItYourself::forKey(key);
    if (commands.empty())
        return QString();
    // Captions are translated; commands are code and stay as typed. <pre> keeps them selectable
    // and copyable as plain text.
    QString html = QStringLiteral("<h4>%1</h4>").arg(escaped(tr("See it yourself")));
    for (const SeeItCommand &command : commands) {
        html += QStringLiteral("<p>%1</p><pre>%2</pre>")
                    .arg(escaped(SeeItYourself::caption(command)), escaped(QLatin1String(command.command)));
    }
    return html;
}

QString SysctlDetail::html(const SysctlListModel &model, int row)
{
    const SysctlEntry &e = model.entry(row);
    const qint64 hash = model.establishedHash();
    QString html = QStringLiteral("<h3>%1</h3><p>%2</p>").arg(escaped(e.key()), escaped(SysctlCatalog::text(e.summary)));
    QStringList read {e.key()};

    if (e.editable()) {
        const QString current =
            model.isPresent(row) ? SysctlValue::displayText(e, model.currentValue(row)) : SysctlCatalog::absentText(&e);
        const bool detected =
            SysctlCatalog::defaultSource(e, model.kernelFacts().defaults, hash) == SysctlCatalog::DefaultSource::Detected;
        QString fallback = SysctlValue::displayText(
            e, detected ? model.defaultValue(row) : SysctlValue::fromProcText(e, SysctlCatalog::documentedDefault(e, hash)));
        const QString how = SysctlCatalog::defaultExplanation(e, model.kernelFacts().defaults, hash);
        if (!how.isEmpty())
            fallback = tr("%1 (%2)").arg(fallback.isEmpty() ? tr("(empty)") : fallback, how);
        html += QStringLiteral("<table cellspacing=\"2\" cellpadding=\"2\">");
        const auto row2 = [&](const QString &label, const QString &value) {
            html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(escaped(label), escaped(value));
        };
        row2(tr("Value here"), current.isEmpty() ? tr("(empty)") : current);
        row2(tr("Kernel default"), fallback.isEmpty() ? tr("unknown") : fallback);
        row2(tr("sockscope lets you set"), SysctlCatalog::editingRange(e));
        row2(tr("Scope"), e.perNamespace ? tr("each network namespace has its own") : tr("global: the host's only"));
        row2(tr("Helps"), SysctlCatalog::sideText(e.helps));
        html += QStringLiteral("</table>");
        if (!e.choices.empty()) {
            html += QStringLiteral("<h4>%1</h4><ul>").arg(escaped(tr("Values")));
            for (const SysctlChoice &choice : e.choices)
                html +=
                    QStringLiteral("<li><b>%1</b> — %2</li>").arg(choice.value).arg(escaped(SysctlCatalog::text(choice.meaning)));
            html += QStringLiteral("</ul>");
        }
    }
    html += QStringLiteral("<h4>%1</h4><p>%2</p>").arg(escaped(tr("History")), escaped(SysctlCatalog::text(e.history)));
    html += QStringLiteral("<h4>%1</h4><p>%2</p>").arg(escaped(tr("On a client")), escaped(SysctlCatalog::text(e.clientAdvice)));
    html += QStringLiteral("<h4>%1</h4><p>%2</p>").arg(escaped(tr("On a server")), escaped(SysctlCatalog::text(e.serverAdvice)));
    const QString note = kernelNote(model, row, &read);
    if (!note.isEmpty()) {
        html += QStringLiteral("<p><b>%1</b> %2</p>")
                    .arg(escaped(tr("On this kernel (%1):").arg(QSysInfo::kernelVersion())), escaped(note));
    }
    html += commandsHtml(e.key());

    // Say exactly what came from this kernel; everything else is sockscope's documentation.
    read.removeDuplicates();
    QString footer =
        tr("Read from this kernel (%1) at the last refresh: %2.").arg(QSysInfo::kernelVersion(), readout(model, read));
    if (SysctlCatalog::defaultSource(e, model.kernelFacts().defaults, hash) == SysctlCatalog::DefaultSource::Detected)
        footer += QLatin1Char(' ') + tr("Default %1 read from a fresh network namespace.").arg(model.defaultValue(row));
    // The facts were checked on one kernel series; whether this kernel is of it is known only here.
    const QString release = QSysInfo::kernelVersion();
    const QString checkedOn = QStringLiteral("6.18");
    const bool sameSeries = release == checkedOn || release.startsWith(checkedOn + QLatin1Char('.'))
        || release.startsWith(checkedOn + QLatin1Char('-'));
    footer += QLatin1Char(' ')
        + (sameSeries ? tr("The other statements follow the Linux %1 sources and %2, checked against them and, where "
                           "a kernel can show them, in private namespaces on Linux %1, the series this kernel (%3) "
                           "belongs to.")
                      : tr("The other statements follow the Linux %1 sources and %2, checked against them and, where "
                           "a kernel can show them, in private namespaces on Linux %1, not on this kernel (%3): "
                           "some may not hold here."))
              .arg(checkedOn, SysctlCatalog::documentation(), release);
    html += QStringLiteral("<p><small>%1</small></p>").arg(escaped(footer));
    return html;
}

QString SysctlDetail::conceptsHtml(const SysctlListModel &model)
{
    QString html = QStringLiteral("<h3>%1</h3>").arg(escaped(tr("What trainees mix up")));
    for (const MixUp &mixUp : MixUpCatalog::entries()) {
        QString text = MixUpCatalog::text(mixUp.text);
        // Who holds TIME-WAIT: the budget that follows, from this namespace's tcp_tw_reuse and delay.
        if (qstrcmp(mixUp.id, "who-holds") == 0 && model.snapshot())
            text += QLatin1Char(' ') + PortBudgetText::forNamespace(PortBudgetSettings::fromReadings(model.snapshot()->sysctls));
        html += QStringLiteral("<h4>%1</h4><p>%2</p>").arg(escaped(MixUpCatalog::text(mixUp.title)), escaped(text));
        html += commandsHtml(QLatin1String(mixUp.id));
    }
    QStringList read;
    const QString reuse = valueOf(model, "net.ipv4.tcp_tw_reuse", &read);
    const QString delay = valueOf(model, "net.ipv4.tcp_tw_reuse_delay", &read);
    html += QStringLiteral("<p><b>%1</b> %2</p>")
                .arg(escaped(tr("On this kernel (%1):").arg(QSysInfo::kernelVersion())),
                     escaped(tr("tcp_tw_reuse = %1, tcp_tw_reuse_delay = %2.")
                                 .arg(reuse.isEmpty() ? tr("unknown") : reuse,
                                      delay.isEmpty() ? tr("no such file") : tr("%1 ms").arg(delay))));
    html += QStringLiteral("<p><small>%1</small></p>")
                .arg(escaped(tr("Sources: the Linux 6.18 sources and Documentation/networking/ip-sysctl.rst; tcp(7), "
                                "socket(7), ip(7). Run the commands on your own host to check.")));
    return html;
}
