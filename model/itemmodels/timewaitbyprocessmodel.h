#pragma once

#include "core/owners/ownerlabel.h"
#include "core/snapshot/snapshot.h"

#include <QAbstractTableModel>

class QLocale;

#include <vector>

// Whom a snapshot's TIME-WAIT entries are attributed to (SocketOwnership::timeWaitByOwner): the
// top owners, then a row for the other owners and one for the entries attributed to nobody.
// Owners are merged by command and unit, as the chart over time and the exporter merge them: a
// pre-fork server's or client's workers are one row, their pids listed in the PID column (the
// first, "+N" more) and its tooltip. Each row says how its entries were found in short words
// ("exact, listener"); the counts are in the tooltip.
class TimeWaitByProcessModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Process, Pid, Unit, Count, How, COLUMN_COUNT };

    explicit TimeWaitByProcessModel(int topOwners = 10, QObject *parent = nullptr);

    void setSnapshot(const SnapshotPtr &snapshot);
    // "all processes" / "only your own processes" / empty when owners were not looked up.
    QString scopeText() const;
    // "nginx · nginx.service", "nginx", "nginx.service": one line of plain text (a name from a
    // recording or a remote host may hold anything); empty when the label holds neither.
    static QString ownerName(const OwnerLabel &label);
    // The process an owner names, as one line of plain text: its command; "nginx ×5 processes"
    // for the holders of a listener shared by several (no pid: which one closed is not known);
    // empty for an owner known only by its unit.
    static QString processText(const SocketOwner &owner);
    // "4 exact, 596 via listener": how an owner's TIME-WAIT entries were attributed, numbers in
    // `locale`'s way.
    static QString howFound(const OwnerTimeWait &counts, const QLocale &locale);
    // The same in short words, most first, without numbers ("listener, exact"): what the Found
    // column shows, so it fits a narrow window.
    static QString howFoundShort(const OwnerTimeWait &counts);
    // "What do these mean?": every word of the two above explained, in one place (the Found
    // column's header and cells, the panel's What's This).
    static QString foundWordsExplained();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        enum class Kind { Owner, Others, Unattributed } kind = Kind::Owner;
        SocketOwner owner; // pid 0 and `processes` the count when the row merges several
        OwnerTimeWait counts;
        std::vector<std::uint32_t> pids; // the distinct pids named, in the order met
    };
    // The owners of `o` merged by command and unit, most TIME-WAIT first; entries of owners not
    // in `o.owners` are added to `withoutOwner`.
    static std::vector<Row> mergedOwners(const SocketOwnership &o, std::uint32_t *withoutOwner);
    QString pidText(const Row &row) const;
    QString pidToolTip(const Row &row) const;

    int m_topOwners;
    OwnerScope m_scope = OwnerScope::NotLookedUp;
    std::vector<Row> m_rows;
};
