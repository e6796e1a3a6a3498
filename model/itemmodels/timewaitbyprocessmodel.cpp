#include "itemmodels/timewaitbyprocessmodel.h"

#include "bridge/untrustedtext.h"

#include <QLocale>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <QStringList>

TimeWaitByProcessModel::TimeWaitByProcessModel(int topOwners, QObject *parent)
    : QAbstractTableModel(parent)
    , m_topOwners(topOwners)
{
}

void TimeWaitByProcessModel::setSnapshot(const SnapshotPtr &snapshot)
{
    beginResetModel();
    m_rows.clear();
    m_scope = snapshot ? snapshot->owners.scope : OwnerScope::NotLookedUp;
    if (snapshot) {
        const SocketOwnership &o = snapshot->owners;
        std::uint32_t others = o.timeWaitOtherOwners;
        std::vector<Row> merged = mergedOwners(o, &others);
        for (std::size_t i = 0; i < merged.size(); ++i) {
            if (int(i) >= m_topOwners) {
                others += merged[i].counts.count;
                continue;
            }
            m_rows.push_back(std::move(merged[i]));
        }
        if (others > 0) {
            Row row;
            row.kind = Row::Kind::Others;
            row.counts.count = others;
            m_rows.push_back(row);
        }
        if (o.timeWaitUnattributed > 0) {
            Row row;
            row.kind = Row::Kind::Unattributed;
            row.counts.count = o.timeWaitUnattributed;
            m_rows.push_back(row);
        }
    }
    endResetModel();
}

std::vector<TimeWaitByProcessModel::Row> TimeWaitByProcessModel::mergedOwners(const SocketOwnership &o,
                                                                              std::uint32_t *withoutOwner)
{
    std::vector<Row> rows;
    // One row per command, unit and user: two users' processes (or a container's) of one command
    // and unit name are two owners. Maps, not searches: a host may have thousands of owners.
    std::map<std::tuple<std::string, std::string, std::string>, std::size_t> rowOf;
    std::set<std::pair<std::size_t, std::uint32_t>> pidsSeen;
    for (const OwnerTimeWait &entry : o.timeWaitByOwner) {
        const SocketOwner *owner = o.owner(entry.owner);
        if (!owner) {
            *withoutOwner += entry.count;
            continue;
        }
        const OwnerLabel label = OwnerLabel::of(*owner);
        const auto found = rowOf.emplace(std::make_tuple(label.command, label.unit, owner->user), rows.size());
        if (found.second)
            rows.push_back({Row::Kind::Owner, *owner, entry, {}});
        else
            rows[found.first->second].counts.add(entry);
        Row *row = &rows[found.first->second];
        if (owner->pid && pidsSeen.emplace(found.first->second, owner->pid).second)
            row->pids.push_back(owner->pid);
        // A row of several processes names none of them: which one closed is not known. The
        // holders of a listener and a client's workers count as the processes they stand for.
        const std::uint32_t processes = std::max<std::uint32_t>(std::uint32_t(row->pids.size()), owner->processes);
        if (row->pids.size() > 1 || processes > 1 || row->owner.pid != owner->pid) {
            row->owner.pid = 0;
            row->owner.processes = std::max(row->owner.processes, processes);
            row->owner.processesAtLeast = row->owner.processesAtLeast || owner->processesAtLeast;
        }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) { return a.counts.count > b.counts.count; });
    return rows;
}

QString TimeWaitByProcessModel::pidText(const Row &row) const
{
    if (row.kind != Row::Kind::Owner || row.pids.empty())
        return QString();
    if (row.pids.size() == 1)
        return QString::number(row.pids.front());
    //: The first of the pids a row merges, then how many more ("3101 +11")
    return tr("%1 +%2").arg(row.pids.front()).arg(row.pids.size() - 1);
}

QString TimeWaitByProcessModel::pidToolTip(const Row &row) const
{
    constexpr std::size_t Listed = 40;
    QStringList pids;
    for (std::size_t i = 0; i < row.pids.size() && i < Listed; ++i)
        pids << QString::number(row.pids[i]);
    if (row.pids.size() > Listed)
        pids << QStringLiteral("…");
    QString text = pids.isEmpty() ? QString() : tr("PIDs: %1").arg(pids.join(QStringLiteral(", ")));
    if (row.owner.processes > 1)
        text += (text.isEmpty() ? QString() : QStringLiteral("\n"))
            + tr("Entries of %1 processes of one command and unit, merged as the chart merges them. Which of them "
                 "closed a given connection is not known for entries via listener or likely.")
                  .arg(row.owner.processes);
    return text;
}

QString TimeWaitByProcessModel::ownerName(const OwnerLabel &label)
{
    const QString command = UntrustedText::plain(QString::fromStdString(label.command));
    const QString unit = UntrustedText::plain(QString::fromStdString(label.unit));
    if (command.isEmpty() || unit.isEmpty())
        return command.isEmpty() ? unit : command;
    return command + QStringLiteral(" · ") + unit;
}

QString TimeWaitByProcessModel::processText(const SocketOwner &owner)
{
    if (!owner.hasProcess())
        return QString();
    const QString command = UntrustedText::plain(QString::fromStdString(owner.command));
    if (owner.pid || owner.processes < 2)
        return command;
    //: A number of processes that is a floor: more were there than are counted ("at least 4,096")
    const QString processes =
        owner.processesAtLeast ? tr("at least %1").arg(QLocale().toString(owner.processes)) : QString::number(owner.processes);
    //: The processes holding one listening socket or with connections to one place: command(s) ×number of processes (always 2 or
    //: more)
    return tr("%1 ×%2 processes").arg(command, processes);
}

QString TimeWaitByProcessModel::howFound(const OwnerTimeWait &counts, const QLocale &locale)
{
    QStringList parts;
    if (counts.exact)
        parts << tr("%1 exact").arg(locale.toString(counts.exact));
    if (counts.listener)
        parts << tr("%1 via listener").arg(locale.toString(counts.listener));
    if (counts.likely)
        parts << tr("%1 likely").arg(locale.toString(counts.likely));
    if (counts.likelyUnknown)
        //: TIME-WAIT entries guessed, with %2 live connections of no known owner to the same place
        parts << tr("%1 likely (with %2 connections of unknown owner there)")
                     .arg(locale.toString(counts.likelyUnknown), locale.toString(counts.unknownLive));
    if (counts.cgroup)
        //: TIME-WAIT entries whose socket was seen earlier, known only by its cgroup
        parts << tr("%1 by cgroup").arg(locale.toString(counts.cgroup));
    return parts.join(QStringLiteral(", "));
}

QString TimeWaitByProcessModel::howFoundShort(const OwnerTimeWait &counts)
{
    //: Short words for how TIME-WAIT entries were attributed, shown in a narrow column
    const std::pair<std::uint32_t, QString> words[] = {{counts.exact, tr("exact")},
                                                       {counts.listener, tr("listener")},
                                                       {counts.likely + counts.likelyUnknown, tr("likely")},
                                                       {counts.cgroup, tr("cgroup")}};
    std::vector<std::pair<std::uint32_t, QString>> used;
    for (const auto &word : words) {
        if (word.first > 0)
            used.push_back(word);
    }
    std::stable_sort(used.begin(), used.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    QStringList parts;
    for (const auto &word : used)
        parts << word.second;
    return parts.join(QStringLiteral(", "));
}

QString TimeWaitByProcessModel::scopeText() const
{
    switch (m_scope) {
    case OwnerScope::AllProcesses: return tr("Owners from all processes.");
    case OwnerScope::OwnProcesses:
        return tr("Owners from your own processes only: run as root (or the agent with sudo) to see every process.");
    case OwnerScope::NotLookedUp: break;
    }
    return QString();
}

int TimeWaitByProcessModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TimeWaitByProcessModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : COLUMN_COUNT;
}

QVariant TimeWaitByProcessModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row &row = m_rows[std::size_t(index.row())];
    if (role == Qt::TextAlignmentRole)
        return int((index.column() == Pid || index.column() == Count ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == Pid && row.kind == Row::Kind::Owner)
        return pidToolTip(row);
    if (role == Qt::ToolTipRole && index.column() == How && row.kind == Row::Kind::Owner)
        // The counts first: the cell says only which ways.
        return QString(howFound(row.counts, QLocale()) + QStringLiteral("\n\n") + foundWordsExplained());
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Process:
        if (row.kind == Row::Kind::Others)
            return tr("other processes");
        if (row.kind == Row::Kind::Unattributed)
            return tr("not attributed");
        return row.owner.hasProcess() ? processText(row.owner) : UntrustedText::plain(QString::fromStdString(row.owner.unit));
    case Pid: return pidText(row);
    case Unit: return UntrustedText::plain(QString::fromStdString(row.owner.unit));
    // Grouped in the user's locale, as the Overview and the charts write numbers ("10,871"): the
    // item delegate would write an integer without a group separator.
    case Count: return QLocale().toString(row.counts.count);
    case How: return row.kind == Row::Kind::Owner ? howFoundShort(row.counts) : QString();
    default: break;
    }
    return {};
}

QString TimeWaitByProcessModel::foundWordsExplained()
{
    //: The words of the Found column and of the tooltips of TIME-WAIT per port, explained (docs/owners.md)
    return tr("What do these mean?\n"
              "A TIME-WAIT entry has no owner in the kernel: sockscope attributes it, and says how.\n"
              "exact: the connection was seen held by this process before it closed.\n"
              "via listener (listener): on a port whose listening socket these processes hold. The one that "
              "served and closed the connection may be another (systemd holds a socket-activated service's "
              "listener, the master of a pre-fork server its workers'), so no PID is named.\n"
              "by cgroup (cgroup, cgroup only): the connection was seen, but only its cgroup (that of the process that "
              "created the listening socket, for an accepted connection).\n"
              "likely (guess): a guess from its live connections to the same remote address and port.\n"
              "likely, N unknown (likely, some unknown): the same guess, where N live connections of no known owner went too.\n"
              "not attributed: none of these held.");
}

QVariant TimeWaitByProcessModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == How)
        return foundWordsExplained();
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Process: return tr("Process");
    case Pid: return tr("PID");
    //: The systemd unit or container a process belongs to
    case Unit: return tr("Unit");
    case Count: return tr("TIME-WAIT");
    //: How TIME-WAIT entries were attributed to the process
    case How: return tr("Found");
    default: break;
    }
    return {};
}
