#pragma once

#include <QPalette>
#include <QString>

class QSettings;

// How the window looks on a projector or in a dark room: the colours (the desktop's, light or
// dark) and the text size (the desktop's, or larger), applied to the whole application and kept
// in the settings. Qt 6.4 without a platform theme has no dark palette to offer: the dark one is
// built here. Charts follow the palette and font they are given (ChartColors, ChartFonts).
namespace Appearance {

enum class Colours { Desktop, Light, Dark };

// Larger text is the desktop's size times this: 9 pt becomes 12 pt, readable from the back of a
// training room.
constexpr double LargerTextFactor = 4.0 / 3.0;

void apply(Colours colours, bool largerText);
Colours colours();
bool largerText();
QPalette darkPalette();

// Settings keys appearance/colours ("desktop", "light", "dark") and appearance/largerText.
void save(QSettings &settings);
void restore(const QSettings &settings);

}
