#pragma once

#include <QString>
#include <QStringList>

// The window's parts --view and --screenshot name, in the order MainWindow::viewByName maps
// them. Qt Core only: the command line, which links no Widgets, checks --view against it.
namespace WindowViews {
inline QStringList names()
{
    return {QStringLiteral("window"),         QStringLiteral("overview"), QStringLiteral("states"), QStringLiteral("ports"),
            QStringLiteral("slab"),           QStringLiteral("rates"),    QStringLiteral("table"),  QStringLiteral("sysctls"),
            QStringLiteral("close-sequence"), QStringLiteral("processes")};
}
}
