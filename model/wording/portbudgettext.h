#pragma once

#include "core/snapshot/portbudget.h"
#include "core/snapshot/portbudgetwords.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

// The words for a PortBudget in the user's language, shared by the window, its tooltips, the
// sysctl explanations and `--once` text. The clauses are chosen in the core (PortBudgetWords),
// so every place, the agent's English reports included, states the same budget for the same tuple.
class PortBudgetText
{
    Q_DECLARE_TR_FUNCTIONS(PortBudgetText)

public:
    // The core's patterns, translated, with numbers as the current QLocale writes them.
    static PortBudgetPhrases phrases();
    // "about 470 new connections per second towards that destination (local address, remote
    // address, remote port): …why"
    static QString summary(const PortBudget &budget);
    // Why reuse does or does not apply, in one clause.
    static QString reuseReason(const PortBudget &budget);
    // What a range full of TIME-WAIT means for connect() towards that destination.
    static QString whenFull(const PortBudget &budget);
    // "100 ms", or "about 1 s" when tcp_tw_reuse_delay is absent; delayNote() says which.
    static QString delay(const PortBudget &budget);
    static QString delayNote(const PortBudget &budget);
    // The worked budget: each factor on its own line.
    static QStringList worked(const PortBudget &budget);
    static QString rate(double perSecond);
    // The budget of a namespace without a tuple: to loopback and to other addresses, one
    // sentence when both are the same.
    static QString forNamespace(const PortBudgetSettings &settings);
};
