#pragma once

#include "views/window/appearance.h"

#include <QPalette>

// A dark palette, as a desktop's dark theme gives one: the GUI tests and their screenshots use
// it to check that text, icons and charts stay readable on dark backgrounds. The program's own
// (View → Appearance → Dark colours).
inline QPalette darkTestPalette()
{
    return Appearance::darkPalette();
}
