#pragma once

#include "table/sockettablerows.h"

class QIODevice;

// The socket table as the user sees it (filter and sort applied) to CSV (RFC 4180, a header
// row) or JSON (the fields of `--once --format json --sockets`), for a ticket.
namespace TableExporter {
bool writeCsv(const SocketTableRows &rows, QIODevice *device);
bool writeJson(const SocketTableRows &rows, QIODevice *device);
QStringList csvColumns();
}
