#pragma once

#include <QString>

class QWidget;

// A warning box whose text is shown as typed: messages carry file names and text from
// recordings, which QMessageBox would otherwise render as HTML when they look like markup.
namespace PlainMessage {
void warning(QWidget *parent, const QString &title, const QString &text);
}
