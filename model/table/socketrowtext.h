#pragma once

#include <QString>

#include <vector>

class QAbstractItemModel;
struct SocketRecord;

// Socket table rows as text for the clipboard: what an operator pastes into a ticket, a
// spreadsheet or a shell on the host.
namespace SocketRowText {
// Tab-separated values with a header row: the cells as the table shows them.
QString tsv(const QAbstractItemModel &model, const std::vector<int> &rows);
// An iproute2 `ss` command that lists this socket (ss(8): "state" filter and an expression of
// src/dst ADDRESS and sport/dport = :PORT), e.g.
//   ss -tan state time-wait '( src 10.0.0.2 and sport = :8080 and dst 10.0.0.1 and dport = :51000 )'
QString ssCommand(const SocketRecord &record);
// The filter-box words for one side of a socket: "sport:8080", "dst:10.0.0.1".
QString portFilter(const SocketRecord &record, bool remote);
QString addressFilter(const SocketRecord &record, bool remote);
// One side's address as ss and the filter box write it: "10.0.0.1", "[fd00::1]".
QString address(const SocketRecord &record, bool remote);
}
