#include "languages.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>

namespace {
std::unique_ptr<QTranslator> g_own;
std::unique_ptr<QTranslator> g_qt;
QString g_current = QStringLiteral("en");
}

namespace Languages {

void apply(const QString &requested)
{
    QString language = requested;
    if (language.isEmpty())
        language = QLocale::system().language() == QLocale::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en");
    if (g_own)
        QCoreApplication::removeTranslator(g_own.get());
    if (g_qt)
        QCoreApplication::removeTranslator(g_qt.get());
    g_own.reset();
    g_qt.reset();
    g_current = QStringLiteral("en");
    if (language != QLatin1String("zh_CN"))
        return; // English is the source language

    auto own = std::make_unique<QTranslator>();
    if (own->load(QStringLiteral("sockscope_zh_CN"), QStringLiteral(SOCKSCOPE_TRANSLATIONS_DIR))
        || own->load(QStringLiteral(":/i18n/sockscope_zh_CN.qm"))) {
        QCoreApplication::installTranslator(own.get());
        g_own = std::move(own);
        g_current = language;
    }
    // Qt's own strings (dialog buttons, context menus).
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QLocale(QLocale::Chinese, QLocale::China), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        g_qt = std::move(qt);
    }
}

QString current()
{
    return g_current;
}

QStringList available()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString nativeName(const QString &language)
{
    return language == QLatin1String("zh_CN") ? QStringLiteral("简体中文") : QStringLiteral("English");
}

}
