#pragma once

#include <QByteArray>
#include <QString>

#include <string>

// One cell of a CSV file (RFC 4180) holding text nobody vouches for: a process's name, a unit,
// a marker's label. The text is made plain first (UntrustedText::plain: no control, bidi or line
// separator character survives, so a cell is always one line), then quoted when it holds a comma
// or a quote. A cell that starts with =, +, - or @ gets a leading apostrophe: a spreadsheet would
// run it as a formula ("=HYPERLINK(…)" as a process name).
namespace CsvField {
constexpr int MaximumLength = 4096; // a cgroup path; names are far shorter
QByteArray text(const QString &value);
// `value` cut at `maximumLength` characters rather than MaximumLength (a sysctl's value:
// UntrustedText::ValueLength).
QByteArray text(const QString &value, int maximumLength);
// `value` as bytes from the kernel or a peer: anything not well-formed UTF-8 becomes U+FFFD.
QByteArray text(const std::string &value);
}
