#pragma once

#include "wording/coremessagetext.h"
#include "core/snapshot/snapshotcollector.h"

#include <QString>

#include <memory>

// The core says what went wrong as a code (CoreMessage); tests print it as the window would.
inline std::shared_ptr<Snapshot> collectWorded(SnapshotCollector &collector, QString *error)
{
    CoreMessage message;
    std::shared_ptr<Snapshot> snapshot = collector.collect(&message);
    if (!snapshot)
        *error = CoreMessageText::text(message);
    return snapshot;
}
