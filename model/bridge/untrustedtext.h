#pragma once

#include <QString>

// Text that comes from someone else's file (a recording's host, namespace label, marker labels,
// a recorded snapshot's notes), made safe to show as one line of plain text: control and
// formatting characters would otherwise reach labels, charts and captures as they are. A bidi
// override (U+202E) reverses the program's own sentence around it ("the time range reads
// backwards"), a line separator breaks a one-line stamp, and C0 controls cannot be written
// into an SVG capture at all (XML 1.0 has no way to represent them).
namespace UntrustedText {
constexpr int LabelLength = 256; // a host name is at most 64 bytes (HOST_NAME_MAX); labels are typed by hand
constexpr int ValueLength = 65536; // a sysctl value (a long ip_local_reserved_ports list)

// `text` with every control, format (bidi) and line/paragraph separator character and every
// unpaired surrogate replaced by U+FFFD, cut to `maximumLength` characters (with "…").
QString plain(const QString &text, int maximumLength = LabelLength);

// `text` for a tooltip, a status tip or a "What's this": Qt takes those as rich text whenever
// Qt::mightBeRichText() guesses so, and rich text loads what an <img src=…> names on the GUI
// thread (/dev/zero, a FIFO). This is `text` as escaped rich text: shown as it reads, newlines kept.
QString toolTip(const QString &text);

// `bytes` with every byte that starts no well-formed UTF-8 sequence replaced by U+FFFD (bytes
// that are already well-formed come back as they are). Recordings and streams written before
// the writers repaired names carry a process's raw name, and QJsonDocument::fromJson refuses a
// whole document for one such byte: every reader of JSON from a file or a peer passes it here first.
QByteArray wellFormedUtf8(const QByteArray &bytes);
}
