#pragma once

#include <QIcon>

class QPalette;

// Icons drawn in the palette's text colour, so they stay visible on a dark palette (the style's
// standard media icons are dark glyphs that vanish on a dark tool bar).
namespace PaletteIcons {
QIcon pause(const QPalette &palette);
QIcon play(const QPalette &palette);
}
