#pragma once

#include "kernelfigures.h"
#include "tcpstate.h"

#include <QColor>

// One colour per meaning, the same on every chart, readable on light and dark backgrounds.
namespace ChartColors {
QColor state(TcpState state);
QColor series(int index); // for ports: a categorical palette
QColor warning();
}
