#include "itemmodels/timewaitbyportmodel.h"

#include "itemmodels/timewaitbyprocessmodel.h"
#include "bridge/untrustedtext.h"
#include "core/snapshot/rankedports.h"

#include <QLocale>
#include <QStringList>

#include <algorithm>

TimeWaitByPortModel::TimeWaitByPortModel(int topPorts, QObject *parent)
    : QAbstractTableModel(parent)
    , m_topPorts(topPorts)
{
}

void TimeWaitByPortModel::setSnapshot(const SnapshotPtr &snapshot)
{
    m_snapshot = snapshot;
    m_summary.reset();
    if (snapshot) {
        m_range = snapshot->ephemeralRange;
        m_localFold = RankedPorts::foldOf(*snapshot, true);
        m_remoteFold = RankedPorts::foldOf(*snapshot, false);
    }
    // Decided once, on the first snapshot that has TIME-WAIT at all; later snapshots never flip
    // the side under an operator who is reading it.
    if (!m_sideDecided && snapshot && snapshot->count(TcpState::TimeWait) > 0) {
        m_sideDecided = true;
        const Side side = concentratedSide(*snapshot);
        if (side != m_side) {
            m_side = side;
            emit sideChosen(side);
        }
    }
    rebuild();
}

void TimeWaitByPortModel::setSummary(const SampleSummary &summary)
{
    m_summary = summary;
    rebuild();
}

TimeWaitByPortModel::Side TimeWaitByPortModel::concentratedSide(const Snapshot &snapshot)
{
    // The per-port lists are sorted busiest first.
    const quint32 local = snapshot.timeWaitByLocalPort.empty() ? 0 : snapshot.timeWaitByLocalPort.front().count;
    const quint32 remote = snapshot.timeWaitByRemotePort.empty() ? 0 : snapshot.timeWaitByRemotePort.front().count;
    return remote > local ? Side::Remote : Side::Local;
}

void TimeWaitByPortModel::setSide(Side side)
{
    m_sideDecided = true;
    if (side == m_side)
        return;
    m_side = side;
    rebuild();
}

void TimeWaitByPortModel::setEphemeralPortsListed(bool listed)
{
    if (listed == m_ephemeralListed)
        return;
    m_ephemeralListed = listed;
    rebuild();
}

QString TimeWaitByPortModel::portLabel(int row) const
{
    //: The bar that sums the TIME-WAIT of every port inside ip_local_port_range
    return isEphemeral(row) ? tr("ephemeral") : QString::number(m_rows[std::size_t(row)].port);
}

QString TimeWaitByPortModel::ephemeralToolTip() const
{
    const QString range = m_range.valid ? tr("Ports %1–%2 (ip_local_port_range), summed: connect() picks a local port "
                                             "from this range, so one such port says little. Reserved ports "
                                             "(ip_local_reserved_ports) and listening ports stay one by one.")
                                              .arg(m_range.low)
                                              .arg(m_range.high)
                                        : tr("Ports of ip_local_port_range, summed.");
    // The history keeps only the recently busiest ports (SampleSummarizer): what it sums is theirs.
    const QString tracked = m_summary ? QLatin1Char(' ')
            + tr("In the history: only the ports it tracks (the busiest) are kept, so this is the sum of the tracked "
                 "ports inside the range, not of every port there.")
                                      : QString();
    if (m_side == Side::Local)
        return range + tracked;
    return range + tracked + QLatin1Char(' ')
        + tr("For remote ports this host's range stands for the peers', which is not known (Linux uses 32768–60999 "
             "by default, Windows 49152–65535): a peer's service port inside it is summed too.");
}

namespace {
// `ports` most first, those inside `range` as one row of port 0 unless listed, at most `top`.
std::vector<PortCount> foldedRows(const std::vector<PortCount> &ports, const PortFold &portFold, bool listed, int top)
{
    std::vector<PortCount> rows;
    for (const RankedPort &p : RankedPorts::rank(ports, portFold, !listed)) {
        if (rows.size() == std::size_t(top))
            break;
        rows.push_back({p.ephemeral ? std::uint16_t(0) : p.port, std::uint32_t(std::min<std::uint64_t>(p.count, 0xffffffffu))});
    }
    return rows;
}
}

void TimeWaitByPortModel::rebuild()
{
    std::vector<PortCount> rows;
    if (m_summary) {
        // A summary tracks the recently busiest ports (SampleSummarizer), largest first here.
        const bool remote = m_side == Side::Remote;
        const auto &ports = remote ? m_summary->remotePorts : m_summary->localPorts;
        const int count = remote ? m_summary->remotePortCount : m_summary->localPortCount;
        for (int i = 0; i < count; ++i) {
            if (ports[std::size_t(i)].count > 0)
                rows.push_back(ports[std::size_t(i)]);
        }
        std::stable_sort(rows.begin(), rows.end(), [](const PortCount &a, const PortCount &b) { return a.count > b.count; });
        // Only the tracked ports: the ephemeral row sums those of them inside the range.
        rows = foldedRows(rows, remote ? m_remoteFold : m_localFold, m_ephemeralListed, m_topPorts);
        m_total = m_summary->count(TcpState::TimeWait);
    } else if (m_snapshot) {
        const auto &all = m_side == Side::Local ? m_snapshot->timeWaitByLocalPort : m_snapshot->timeWaitByRemotePort;
        rows = foldedRows(all, m_side == Side::Local ? m_localFold : m_remoteFold, m_ephemeralListed, m_topPorts);
        m_total = m_snapshot->count(TcpState::TimeWait);
    } else {
        m_total = 0;
    }
    // Same number of rows: change values in place (views keep selection, charts their bars).
    const int oldCount = int(m_rows.size());
    const int newCount = int(rows.size());
    if (newCount < oldCount) {
        beginRemoveRows({}, newCount, oldCount - 1);
        m_rows.resize(std::size_t(newCount));
        endRemoveRows();
    }
    if (newCount > oldCount) {
        beginInsertRows({}, oldCount, newCount - 1);
        m_rows.insert(m_rows.end(), rows.begin() + oldCount, rows.end());
        endInsertRows();
    }
    const int common = std::min(oldCount, newCount);
    std::copy(rows.begin(), rows.begin() + common, m_rows.begin());
    if (common > 0)
        emit dataChanged(index(0, 0), index(common - 1, COLUMN_COUNT - 1));
}

const PortOwners *TimeWaitByPortModel::portOwners(int row) const
{
    if (!m_snapshot || row < 0 || row >= int(m_rows.size()) || isEphemeral(row))
        return nullptr;
    return m_snapshot->owners.ofPort(m_side == Side::Remote, m_rows[std::size_t(row)].port);
}

QString TimeWaitByPortModel::ownerShort(int row) const
{
    if (!m_snapshot || row < 0 || row >= int(m_rows.size()) || isEphemeral(row))
        return QString();
    return UntrustedText::plain(
        QString::fromStdString(m_snapshot->owners.busiestOwnerOfPort(m_side == Side::Remote, m_rows[std::size_t(row)].port)));
}

QString TimeWaitByPortModel::ownersText(int row) const
{
    const PortOwners *owners = portOwners(row);
    if (!owners)
        return QString();
    const QLocale locale;
    QStringList lines;
    for (const OwnerTimeWait &entry : owners->owners) {
        const SocketOwner *owner = m_snapshot->owners.owner(entry.owner);
        if (!owner)
            continue;
        const QString unit = UntrustedText::plain(QString::fromStdString(owner->unit));
        QString who = unit;
        if (owner->pid)
            who = (unit.isEmpty() ? tr("%1 (pid %2)") : tr("%1 (pid %2, %3)"))
                      .arg(UntrustedText::plain(QString::fromStdString(owner->command)))
                      .arg(owner->pid)
                      .arg(unit);
        else if (owner->hasProcess()) // the holders of the port's listener
            who = unit.isEmpty() ? TimeWaitByProcessModel::processText(*owner)
                                 : tr("%1 (%2)").arg(TimeWaitByProcessModel::processText(*owner), unit);
        lines << tr("%1: %2 (%3)").arg(who, locale.toString(entry.count), TimeWaitByProcessModel::howFound(entry, locale));
    }
    if (owners->otherOwners > 0)
        lines << tr("other processes: %1").arg(locale.toString(owners->otherOwners));
    if (owners->unattributed > 0)
        lines << tr("not attributed: %1").arg(locale.toString(owners->unattributed));
    return lines.join(QLatin1Char('\n'));
}

int TimeWaitByPortModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TimeWaitByPortModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : COLUMN_COUNT;
}

QVariant TimeWaitByPortModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const PortCount &row = m_rows[std::size_t(index.row())];
    if (role == Qt::TextAlignmentRole)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == Port && isEphemeral(index.row()))
        return ephemeralToolTip();
    if (role == Qt::ToolTipRole && index.column() == Port) {
        const QString owners = ownersText(index.row());
        return owners.isEmpty() ? QVariant() : QVariant(UntrustedText::toolTip(owners));
    }
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case Port: return role == Qt::DisplayRole && row.port == 0 ? QVariant(portLabel(index.row())) : QVariant(int(row.port));
    case Count: return row.count;
    case Share: return m_total ? 100.0 * row.count / m_total : 0.0;
    }
    return {};
}

QVariant TimeWaitByPortModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Port: return m_side == Side::Local ? tr("Local port") : tr("Remote port");
    case Count: return tr("TIME-WAIT");
    case Share: return tr("% of TIME-WAIT");
    }
    return {};
}
