#pragma once

#include "kernelfigures.h"
#include "tcpstate.h"

#include <QColor>

class QChart;
class QPalette;

// One colour per meaning, the same on every chart and wherever the window flags a problem,
// readable on light and dark backgrounds.
namespace ChartColors {
QColor state(TcpState state);
QColor series(int index); // for ports: a categorical palette
QColor warning();
// Background, title, axis labels and faint grid lines from the widget's palette, so a chart
// follows the desktop's light or dark theme rather than a fixed chart theme.
void applyPalette(QChart *chart, const QPalette &palette);
}
