#pragma once

class QChart;
class QFont;

// Qt Charts draws titles, axis labels and legends in fonts of its own theme, not the widget's:
// without this, the larger text chosen for a projector (View → Appearance) would leave every
// chart's text as small as before.
namespace ChartFonts {
// The chart's title, axis labels and titles, and legend in `font` (the view's).
void apply(QChart *chart, const QFont &font);
}
