#include "views/window/appearance.h"

#include <QApplication>
#include <QFont>
#include <QSettings>
#include <QStyle>

namespace Appearance {
namespace {

struct Current
{
    Colours colours = Colours::Desktop;
    bool largerText = false;
};

Current &current()
{
    static Current state;
    return state;
}

// What the desktop gave before any choice here: "Desktop" puts it back.
const QPalette &desktopPalette()
{
    static const QPalette palette = QApplication::palette();
    return palette;
}

const QFont &desktopFont()
{
    static const QFont font = QApplication::font();
    return font;
}

QString keyOf(Colours colours)
{
    switch (colours) {
    case Colours::Light: return QStringLiteral("light");
    case Colours::Dark: return QStringLiteral("dark");
    case Colours::Desktop: break;
    }
    return QStringLiteral("desktop");
}

}

QPalette darkPalette()
{
    // Contrast of text on the backgrounds at 11:1 or more; links and highlight light enough on
    // them; disabled text visibly dimmer. Mid and Shadow matter to Fusion's frames and to the
    // capture stamp's rule.
    QPalette p;
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor dimmed(0x80, 0x80, 0x80);
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Light, QColor(0x4a, 0x4a, 0x4a));
    p.setColor(QPalette::Midlight, QColor(0x3e, 0x3e, 0x3e));
    p.setColor(QPalette::Mid, QColor(0x5a, 0x5a, 0x5a));
    p.setColor(QPalette::Dark, QColor(0x1a, 0x1a, 0x1a));
    p.setColor(QPalette::Shadow, QColor(0x10, 0x10, 0x10));
    p.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb6, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb0, 0x9c, 0xff));
    p.setColor(QPalette::ToolTipBase, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    for (const QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, dimmed);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x50, 0x50, 0x50));
    return p;
}

void apply(Colours colours, bool largerText)
{
    desktopPalette(); // kept before the first change
    desktopFont();
    current() = {colours, largerText};
    switch (colours) {
    case Colours::Desktop: QApplication::setPalette(desktopPalette()); break;
    case Colours::Light: QApplication::setPalette(QApplication::style()->standardPalette()); break;
    case Colours::Dark: QApplication::setPalette(darkPalette()); break;
    }
    QFont font = desktopFont();
    if (largerText) {
        if (font.pointSizeF() > 0)
            font.setPointSizeF(font.pointSizeF() * LargerTextFactor);
        else
            font.setPixelSize(qRound(font.pixelSize() * LargerTextFactor));
    }
    QApplication::setFont(font);
}

Colours colours()
{
    return current().colours;
}

bool largerText()
{
    return current().largerText;
}

void save(QSettings &settings)
{
    settings.setValue(QStringLiteral("appearance/colours"), keyOf(current().colours));
    settings.setValue(QStringLiteral("appearance/largerText"), current().largerText);
}

void restore(const QSettings &settings)
{
    const QString key = settings.value(QStringLiteral("appearance/colours")).toString();
    Colours colours = Colours::Desktop;
    for (const Colours c : {Colours::Light, Colours::Dark}) {
        if (key == keyOf(c))
            colours = c;
    }
    const bool larger = settings.value(QStringLiteral("appearance/largerText"), false).toBool();
    if (colours == current().colours && larger == current().largerText)
        return; // as the desktop gave it: nothing to set, and desktop changes keep coming through
    apply(colours, larger);
}

}
