#pragma once

#include "table/sockettablerows.h"

#include <QAbstractTableModel>
#include <QHash>

// The latest snapshot's sockets as a table. Rows come filtered and sorted from the sampler's
// thread (SocketTableRows); the model only formats the cells a view asks for, so a refresh at
// 262k rows costs a reset and the visible rows, not 262k QStrings.
class SocketTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Roles { CookieRole = Qt::UserRole + 1, StateRole };

    explicit SocketTableModel(QObject *parent = nullptr);

    void setRows(SocketTableRowsPtr rows);
    const SocketTableRowsPtr &rows() const { return m_rows; }
    // Row of the socket with this cookie, or -1.
    int rowOfCookie(quint64 cookie) const;
    int totalSockets() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // "exact", "via listener", "likely (guess)", "cgroup only"; empty for a descriptor or nothing.
    static QString attributionText(OwnerEvidence evidence);
    static QString attributionToolTip(OwnerEvidence evidence);
    // Sorting is asked of the sampler, which answers with new rows.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

signals:
    void sortRequested(SocketColumn column, bool descending);

private:
    // data() per role.
    static int alignment(SocketColumn column);
    QVariant toolTip(int row, const SocketRecord &r, SocketColumn column) const;
    QVariant display(int row, const SocketRecord &r, SocketColumn column) const;
    static QString timerName(SocketTimer timer);
    QString userName(quint32 uid) const;

    SocketTableRowsPtr m_rows;
    mutable QHash<quint32, QString> m_userNames;
};
