#pragma once

#include "core/collect/coremessage.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <string>
#include <vector>

// Words the core's messages (codes with arguments) in the user's language: the one place where
// the collection core's errors and warnings become sentences, as SysctlItemResult::describe()
// does for the privileged helper's reason codes.
class CoreMessageText
{
    Q_DECLARE_TR_FUNCTIONS(CoreMessageText)

public:
    static QString text(const CoreMessage &message);
    static QStringList texts(const std::vector<CoreMessage> &messages);
    // For SnapshotJsonWriter::Options::wording and RecordingWriter::setWording.
    static std::string utf8(const CoreMessage &message);
    // A text already worded (a recording's), carried as a message; empty text: no message. A
    // text that is a message in its plain form ("slab-estimated: slabinfo-root-only", as the
    // agent writes its JSON) becomes that message again, so the window words it in its language.
    static CoreMessage worded(const QString &text);
    // A network namespace as the user named it (NetworkNamespace::label()); "current" for their own.
    static QString namespaceLabel(const std::string &label);
};
