#pragma once

#include "sysctl/sysctlchange.h"

#include <QByteArray>

// The privileged helper's report on stdout, one tab-separated line each:
//   <status> <name> <before> <after> <reason> <errno> <restored>    for every item
//   refusal <text>                                                  a request refused unlooked-at
//   saved <path>          overridden <name> <file> <value>          persisting
//   failure <none|refused|kernel|persist> <errno> <path>            how it ended
//   error <text>          what stopped the helper before it could report (usage, namespace)
// Codes, not sentences: the window words them in its own language.
namespace SysctlReportCodec {
QByteArray encode(const SysctlApplyReport &report);
SysctlApplyReport decode(const QByteArray &text);
QByteArray errorLine(const QString &text);
// `text` made safe for one tab-separated line (also for syslog).
QByteArray field(const QString &text);
// `bytes` for syslog: control and non-ASCII bytes and the backslash escaped as \xNN, cut after
// `maximumBytes` input bytes with the full length said.
QByteArray logText(const QByteArray &bytes, int maximumBytes = 200);
const char *statusWord(SysctlItemResult::Status status);
const char *reasonWord(SysctlItemResult::Reason reason);
}
