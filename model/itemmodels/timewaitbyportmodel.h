#pragma once

#include "core/snapshot/rankedports.h"

#include "core/snapshot/samplesummary.h"
#include "core/snapshot/snapshot.h"

#include <optional>

#include <QAbstractTableModel>

// The ports holding the most TIME-WAIT entries now, by local or by remote port: rows for the
// bar chart and its table. Updated in place so a chart bound to it keeps its bars.
class TimeWaitByPortModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Port, Count, Share, COLUMN_COUNT };
    enum class Side { Local, Remote };

    explicit TimeWaitByPortModel(int topPorts = 10, QObject *parent = nullptr);

    void setSnapshot(const SnapshotPtr &snapshot);
    // Replay: the rows from one sample's summary (its tracked ports) instead of a socket table, so
    // the bars show the moment under the slider. A later setSnapshot() returns to tables.
    void setSummary(const SampleSummary &summary);
    // The user's choice: from then on the side never changes on its own.
    void setSide(Side side);
    // Ports inside ip_local_port_range one by one (true), or as one "ephemeral" row ranked by
    // their sum (the default; RankedPorts says why).
    void setEphemeralPortsListed(bool listed);
    bool ephemeralPortsListed() const { return m_ephemeralListed; }
    // The row that stands for every port inside the range (its port() is 0).
    bool isEphemeral(int row) const { return m_rows[std::size_t(row)].port == 0; }
    // "443", or "ephemeral" for that row: what a bar or a legend names.
    QString portLabel(int row) const;
    // The range that row stands for, and why it is only a heuristic for remote ports.
    QString ephemeralToolTip() const;
    // Which side concentrates TIME-WAIT in this snapshot: the one whose busiest port holds more
    // entries (ties: local). A server that closes first piles them on its own port; a client
    // that closes first spreads them over ephemeral local ports but piles them on the server's.
    static Side concentratedSide(const Snapshot &snapshot);
    Side side() const { return m_side; }
    int topPorts() const { return m_topPorts; }
    quint16 port(int row) const { return m_rows[std::size_t(row)].port; }
    quint32 count(int row) const { return m_rows[std::size_t(row)].count; }
    quint32 totalTimeWait() const { return m_total; }
    // Whom the row's TIME-WAIT is attributed to, in the latest socket table (PortOwnersCounter):
    // the busiest owner's name, with ", …" when others share the port; empty when not known.
    QString ownerShort(int row) const;
    // One line per owner, "nginx (pid 812, nginx.service): 604 — 600 via listener, 4 exact",
    // then the other owners and the unattributed entries; empty when not known. Plain text.
    QString ownersText(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    // The model picked a side itself (the first snapshot with TIME-WAIT): views follow.
    void sideChosen(Side side);

private:
    void rebuild();
    const PortOwners *portOwners(int row) const;

    SnapshotPtr m_snapshot;
    std::optional<SampleSummary> m_summary;
    Side m_side = Side::Local;
    bool m_sideDecided = false; // by the user, or by the first snapshot with TIME-WAIT
    int m_topPorts;
    bool m_ephemeralListed = false;
    PortRange m_range; // of the last snapshot: summaries do not carry it
    PortFold m_localFold; // which ports of the last snapshot fold, by side
    PortFold m_remoteFold;
    std::vector<PortCount> m_rows; // port 0: the ephemeral row
    quint32 m_total = 0;
};
