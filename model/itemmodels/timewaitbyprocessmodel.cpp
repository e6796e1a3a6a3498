#include "itemmodels/timewaitbyprocessmodel.h"

#include "bridge/untrustedtext.h"

#include <QLocale>
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
        for (std::size_t i = 0; i < o.timeWaitByOwner.size(); ++i) {
            const OwnerTimeWait &entry = o.timeWaitByOwner[i];
            const SocketOwner *owner = o.owner(entry.owner);
            if (int(i) >= m_topOwners || !owner) {
                others += entry.count;
                continue;
            }
            m_rows.push_back({Row::Kind::Owner, *owner, entry});
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
    //: The processes holding one listening socket: command(s) ×number of processes (always 2 or more)
    return tr("%1 ×%2 processes").arg(command).arg(owner.processes);
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
    if (counts.cgroup)
        //: TIME-WAIT entries whose socket was seen earlier, known only by its cgroup
        parts << tr("%1 by cgroup").arg(locale.toString(counts.cgroup));
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
    if (role == Qt::ToolTipRole && index.column() == How && row.kind == Row::Kind::Owner)
        // The cell first: a narrow column elides it.
        return QString(data(index, Qt::DisplayRole).toString() + QStringLiteral("\n\n")
                       + tr("exact: the connection was seen held by this process before it closed; via listener: on a "
                            "port whose listening socket these processes hold — the one that served and closed the "
                            "connection may be another (systemd holds a socket-activated service's listener, the master "
                            "of a pre-fork server its workers'), so no PID is named; by cgroup: the connection was seen, "
                            "but only its cgroup (that of the process that created the listening socket, for an accepted "
                            "connection); likely: a guess from its live connections to the same remote address and port."));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Process:
        if (row.kind == Row::Kind::Others)
            return tr("other processes");
        if (row.kind == Row::Kind::Unattributed)
            return tr("not attributed");
        return row.owner.hasProcess() ? processText(row.owner) : UntrustedText::plain(QString::fromStdString(row.owner.unit));
    case Pid: return row.kind == Row::Kind::Owner && row.owner.pid ? QVariant(row.owner.pid) : QVariant(QString());
    case Unit: return UntrustedText::plain(QString::fromStdString(row.owner.unit));
    case Count: return row.counts.count;
    // The C locale writes numbers without group separators, as the Count column shows them.
    case How: return row.kind == Row::Kind::Owner ? howFound(row.counts, QLocale::c()) : QString();
    default: break;
    }
    return {};
}

QVariant TimeWaitByProcessModel::headerData(int section, Qt::Orientation orientation, int role) const
{
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
