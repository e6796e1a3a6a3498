#pragma once

#include "core/snapshot/snapshot.h"
#include "table/socketfilter.h"

#include <QMetaType>

#include <memory>
#include <vector>

// The socket table's columns, in display order.
// Owner columns come last, so saved column widths and sort keys keep their meaning.
enum class SocketColumn {
    State,
    Local,
    Remote,
    Timer,
    TimeLeft,
    ReceiveQueue,
    SendQueue,
    Uid,
    Inode,
    Process,
    Pid,
    Unit,
    Attribution,
    COUNT
};
constexpr int SocketColumnCount = static_cast<int>(SocketColumn::COUNT);

struct SocketTableQuery
{
    SocketFilter filter;
    SocketColumn sortColumn = SocketColumn::State;
    bool descending = false;
    quint64 generation = 0; // increases with every change the user makes; stale results are dropped
};

// Which sockets of a snapshot the table shows, in which order. Sorting 262k rows in a
// QSortFilterProxyModel takes ~200 ms on the GUI thread; a std::stable_sort of indices in the
// sampler's thread takes ~10 ms and the GUI only swaps a pointer.
struct SocketTableRows
{
    SnapshotPtr snapshot;
    std::vector<quint32> rows; // indices into snapshot->sockets
    // The cookie of each row, in row order: the GUI finds "the socket the user looked at" in a
    // contiguous array (~0.3 ms at 300k rows) instead of chasing indices (~7 ms).
    std::vector<quint64> cookies;
    quint64 generation = 0;
    // When a valid filter leaves no row: its words that match no socket on their own (the
    // table says why it is empty). Computed only then, so it costs nothing while rows show.
    QStringList wordsMatchingNothing;

    int rowOfCookie(quint64 cookie) const;

    const SocketRecord &record(int row) const { return snapshot->sockets[rows[std::size_t(row)]]; }
    // The row's owner reference (none when owners were not looked up).
    OwnerRef ownerRef(int row) const
    {
        const OwnerRef *ref = snapshot->owners.of(rows[std::size_t(row)]);
        return ref ? *ref : OwnerRef();
    }
    const SocketOwner *owner(int row) const { return snapshot->owners.owner(ownerRef(row).owner); }

    static std::shared_ptr<const SocketTableRows> build(const SnapshotPtr &snapshot, const SocketTableQuery &query);
};
using SocketTableRowsPtr = std::shared_ptr<const SocketTableRows>;
Q_DECLARE_METATYPE(SocketTableRowsPtr)
