#pragma once

#include <QString>
#include <QStringList>

// The program's languages, switchable at run time: installing a translator sends
// QEvent::LanguageChange to every widget, which retranslates itself.
namespace Languages {
// "en" or "zh_CN"; empty picks the desktop's language.
void apply(const QString &language);
QString current();
QStringList available(); // {"en", "zh_CN"}
QString nativeName(const QString &language); // "English", "简体中文"
}
