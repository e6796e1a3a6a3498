#pragma once

#include "core/collect/kernelfigures.h"
#include "core/collect/tcpstate.h"
#include "core/snapshot/filllevel.h"

#include <QColor>
#include <QList>

class QChart;
class QPalette;

// One colour per meaning, the same on every chart and wherever the window flags a problem,
// readable on light and dark backgrounds.
namespace ChartColors {
QColor state(TcpState state);
QColor series(int index); // for ports and owners: a categorical palette
// The palette index for a line shown again: the one it had (`previous`, -1 for none) unless a
// line on screen has it now (`used`), else the first free one. A port or an owner keeps its
// colour from one refresh to the next, and gets it back when it returns.
int seriesIndex(int previous, const QList<int> &used);
QColor warning();
// Amber: short of a problem, worth a look (FillLevel::Warning).
QColor caution();
// The fill of a bar at this level: caution(), warning(), or `normal` (the palette's highlight).
QColor fill(FillLevel::Level level, const QColor &normal);
// Background, title, axis labels and faint grid lines from the widget's palette, so a chart
// follows the desktop's light or dark theme rather than a fixed chart theme.
void applyPalette(QChart *chart, const QPalette &palette);
}
