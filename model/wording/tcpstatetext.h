#pragma once

#include "core/collect/tcpstate.h"

#include <QString>

// Name of a TCP state for people, through tr() (the core keeps only the stable keys).
QString tcpStateDisplayName(TcpState state);
// Parses a key or an ss name, case-insensitively; Unknown when nothing matches.
TcpState tcpStateFromName(const QString &name);
