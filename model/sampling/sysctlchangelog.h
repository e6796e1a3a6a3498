#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

class QIODevice;

// One sysctl the window changed and read back from the kernel in this session: what a ticket
// needs beside the charts to say what was tried and when.
struct SysctlChangeRecord
{
    qint64 timeMs = 0; // wall clock, ms since the epoch, when the kernel's value was read back
    QString name;
    QString before;
    QString after;
    QString namespaceText; // the namespace written, as the pane's preview named it
    QString user; // the account the window runs as
    QString route; // how the change was made, as the preview said ("Runs: sockscope-sysctl-helper …")
};

// The session's sysctl changes as CSV: one row per change, oldest first; an empty session gives
// the header line alone. Texts are CsvField cells.
namespace SysctlChangeLog {
// The most changes kept in a session (a few hundred bytes each): far more than anyone applies by
// hand; later ones are dropped rather than memory growing without bound.
constexpr std::size_t MaximumRecords = 10000;
QStringList csvColumns();
bool writeCsv(const std::vector<SysctlChangeRecord> &records, QIODevice *device);
}
