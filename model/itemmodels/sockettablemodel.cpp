#include "itemmodels/sockettablemodel.h"

#include "core/snapshot/inetaddress.h"
#include "wording/tcpstatetext.h"
#include "bridge/untrustedtext.h"
#include "itemmodels/timewaitbyprocessmodel.h"

#include <pwd.h>

SocketTableModel::SocketTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void SocketTableModel::setRows(SocketTableRowsPtr rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int SocketTableModel::rowOfCookie(quint64 cookie) const
{
    return m_rows ? m_rows->rowOfCookie(cookie) : -1;
}

int SocketTableModel::totalSockets() const
{
    return m_rows && m_rows->snapshot ? int(m_rows->snapshot->sockets.size()) : 0;
}

int SocketTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_rows ? 0 : int(m_rows->rows.size());
}

int SocketTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : SocketColumnCount;
}

QString SocketTableModel::userName(quint32 uid) const
{
    auto it = m_userNames.constFind(uid);
    if (it != m_userNames.constEnd())
        return it.value();
    passwd entry {};
    passwd *found = nullptr;
    char buffer[1024];
    QString name = QString::number(uid);
    if (getpwuid_r(uid, &entry, buffer, sizeof(buffer), &found) == 0 && found)
        name = QString::fromLocal8Bit(found->pw_name);
    m_userNames.insert(uid, name);
    return name;
}

QVariant SocketTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !m_rows)
        return {};
    const SocketRecord &r = m_rows->record(index.row());
    const auto column = static_cast<SocketColumn>(index.column());

    if (role == CookieRole)
        return QVariant::fromValue(r.cookie);
    if (role == StateRole)
        return int(r.state);
    if (role == Qt::TextAlignmentRole)
        return alignment(column);
    if (role == Qt::ToolTipRole)
        return toolTip(index.row(), r, column);
    if (role == Qt::DisplayRole)
        return display(index.row(), r, column);
    return {};
}

int SocketTableModel::alignment(SocketColumn column)
{
    switch (column) {
    case SocketColumn::TimeLeft:
    case SocketColumn::ReceiveQueue:
    case SocketColumn::SendQueue:
    case SocketColumn::Uid:
    case SocketColumn::Inode:
    case SocketColumn::Pid: return int(Qt::AlignRight | Qt::AlignVCenter);
    default: return int(Qt::AlignLeft | Qt::AlignVCenter);
    }
}

QVariant SocketTableModel::toolTip(int row, const SocketRecord &r, SocketColumn column) const
{
    // tcp_close / tcp_rcv_state_process arm the keepalive timer for fin_time - TCP_TIMEWAIT_LEN
    // when tcp_fin_timeout is above 60 s; tcp_keepalive_timer then moves the socket to the table.
    if (column == SocketColumn::Timer && r.timer == SocketTimer::KeepAlive && r.state == TcpState::FinWait2) {
        return tr("If its program has closed it (orphaned) and tcp_fin_timeout is above 60 s, this is the first "
                  "part of the wait for the peer's FIN: value − 60 s as a full socket, then as long again as a "
                  "timewait entry. Otherwise a keepalive timer (SO_KEEPALIVE).");
    }
    if (column == SocketColumn::Timer && r.timer == SocketTimer::TimeWait) {
        // The timewait table also holds orphaned FIN-WAIT-2 connections (tcp_close -> tcp_time_wait).
        if (r.state == TcpState::FinWait2) {
            return tr("An orphaned FIN-WAIT-2 connection waiting in the timewait table for the peer's FIN: for "
                      "tcp_fin_timeout when it is 60 s or less (at least 3.5 × RTO; a socket's TCP_LINGER2 "
                      "overrides it); above 60 s, for value − 60 s, after as long again as a full socket. It "
                      "counts in sockstat tw and against tcp_max_tw_buckets.");
        }
        return tr("TIME-WAIT lasts 60 s (TCP_TIMEWAIT_LEN); some segments for the old connection, such as a "
                  "retransmitted FIN, restart the timer.");
    }
    if (column == SocketColumn::Attribution)
        return attributionToolTip(m_rows->ownerRef(row).evidence);
    return {};
}

QString SocketTableModel::timerName(SocketTimer timer)
{
    switch (timer) {
    case SocketTimer::None: return QString();
    //: Socket timer kind: retransmission (or SYN-ACK) timer
    case SocketTimer::Retransmit: return tr("retransmit");
    case SocketTimer::KeepAlive: return tr("keepalive");
    case SocketTimer::TimeWait: return tr("TIME-WAIT");
    //: Socket timer kind: zero-window probe
    case SocketTimer::ZeroWindowProbe: return tr("window probe");
    }
    return QString();
}

QVariant SocketTableModel::display(int row, const SocketRecord &r, SocketColumn column) const
{
    const SocketOwner *owner = m_rows->owner(row);
    switch (column) {
    case SocketColumn::State: return tcpStateDisplayName(r.state);
    case SocketColumn::Local: return QString::fromStdString(InetAddress::endpoint(r.family, r.localAddress, r.localPort));
    case SocketColumn::Remote:
        if (r.state == TcpState::Listen)
            return QStringLiteral("*");
        return QString::fromStdString(InetAddress::endpoint(r.family, r.remoteAddress, r.remotePort));
    case SocketColumn::Timer: return timerName(r.timer);
    case SocketColumn::TimeLeft:
        if (r.timer == SocketTimer::None)
            return QString();
        return tr("%1 s").arg(r.expiresMs / 1000.0, 0, 'f', 1);
    case SocketColumn::ReceiveQueue: return r.receiveQueue;
    case SocketColumn::SendQueue: return r.sendQueue;
    case SocketColumn::Uid:
        // The kernel reports 0 for TIME-WAIT and request sockets: they belong to nobody any more.
        // An attributed TIME-WAIT entry shows its owner's user.
        if (r.inode == 0)
            return owner && owner->hasProcess() ? UntrustedText::plain(QString::fromStdString(owner->user)) : QString();
        return userName(r.uid);
    case SocketColumn::Inode: return r.inode ? QVariant(r.inode) : QVariant(QString());
    // Names a process or a cgroup chose (from /proc, a recording, a server): no bidi or control characters.
    case SocketColumn::Process: return owner ? TimeWaitByProcessModel::processText(*owner) : QString();
    case SocketColumn::Pid: return owner && owner->pid ? QVariant(owner->pid) : QVariant(QString());
    case SocketColumn::Unit: return owner ? UntrustedText::plain(QString::fromStdString(owner->unit)) : QString();
    case SocketColumn::Attribution: return attributionText(m_rows->ownerRef(row).evidence);
    case SocketColumn::COUNT: break;
    }
    return {};
}

QString SocketTableModel::attributionText(OwnerEvidence evidence)
{
    switch (evidence) {
    //: How a socket's owner was found: only the socket's cgroup (no process)
    case OwnerEvidence::Cgroup: return tr("cgroup only");
    //: How a TIME-WAIT entry's owner was found: the same socket was seen owned earlier
    case OwnerEvidence::Exact: return tr("exact");
    //: How a TIME-WAIT entry's owner was found: the process listening on its local port
    case OwnerEvidence::Listener: return tr("via listener");
    //: How a TIME-WAIT entry's owner was found: a guess
    case OwnerEvidence::Likely: return tr("likely (guess)");
    //: How a TIME-WAIT entry's owner was found: a guess, with connections of unknown owners to the same place
    case OwnerEvidence::LikelyUnknown: return tr("likely, some unknown (guess)");
    case OwnerEvidence::Descriptor:
    case OwnerEvidence::None: break;
    }
    return QString();
}

QString SocketTableModel::attributionToolTip(OwnerEvidence evidence)
{
    switch (evidence) {
    case OwnerEvidence::Descriptor: return tr("The socket is in this process's file descriptors (/proc/PID/fd).");
    case OwnerEvidence::Cgroup:
        return tr("No readable process was seen holding the socket (another user's process, when not run as root): "
                  "the unit comes from the socket's own cgroup, that of the process that created it. An accepted "
                  "connection carries the cgroup of the process that created the listening socket (systemd's "
                  "init.scope for a socket-activated service), so it does not say who held it.");
    case OwnerEvidence::Exact:
        return tr("This TIME-WAIT entry has the cookie of a socket this process was seen holding in an earlier "
                  "sample: it closed the connection first.");
    case OwnerEvidence::Listener:
        return tr("This TIME-WAIT entry is on a local port whose listening socket these processes hold: the server "
                  "side closed first, but the process that served and closed the connection may be another of "
                  "them or one not holding the listener (systemd holds a socket-activated service's listener, the "
                  "master of a pre-fork server its workers'), so no PID is named.");
    case OwnerEvidence::Likely:
        return tr("A guess: these processes (one command and unit) are the only ones known to hold live connections "
                  "to the same remote address and port, or were when last seen. The connection itself was never seen.");
    case OwnerEvidence::LikelyUnknown:
        return tr("A guess: these processes (one command and unit) are the only known owner of live connections to "
                  "the same remote address and port, but some connections there have no known owner (opened since "
                  "the last look at the processes, passed to another process, or in a process that cannot be read). "
                  "The connection itself was never seen.");
    case OwnerEvidence::None: break;
    }
    return QString();
}

QVariant SocketTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == int(SocketColumn::SendQueue))
        return tr("Bytes not yet acknowledged by the peer; for a listener, its backlog.");
    if (role == Qt::ToolTipRole && section == int(SocketColumn::ReceiveQueue))
        return tr("Bytes not yet read by the application; for a listener, connections waiting for accept().");
    if (role == Qt::ToolTipRole && section == int(SocketColumn::Attribution))
        return TimeWaitByProcessModel::foundWordsExplained();
    if (role != Qt::DisplayRole)
        return {};
    switch (static_cast<SocketColumn>(section)) {
    case SocketColumn::State: return tr("State");
    case SocketColumn::Local: return tr("Local");
    case SocketColumn::Remote: return tr("Remote");
    case SocketColumn::Timer: return tr("Timer");
    case SocketColumn::TimeLeft: return tr("Time left");
    case SocketColumn::ReceiveQueue: return tr("Recv-Q");
    case SocketColumn::SendQueue: return tr("Send-Q");
    case SocketColumn::Uid: return tr("User");
    case SocketColumn::Inode: return tr("Inode");
    case SocketColumn::Process: return tr("Process");
    case SocketColumn::Pid: return tr("PID");
    //: The systemd unit or container a socket belongs to
    case SocketColumn::Unit: return tr("Unit");
    //: How the owner of a socket or TIME-WAIT entry was found (exact, via listener, likely)
    case SocketColumn::Attribution: return tr("Owner found");
    case SocketColumn::COUNT: break;
    }
    return {};
}

void SocketTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= SocketColumnCount)
        return;
    emit sortRequested(static_cast<SocketColumn>(column), order == Qt::DescendingOrder);
}
