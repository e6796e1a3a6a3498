#include "views/window/languagemenu.h"

#include "languages.h"

#include <QActionGroup>

LanguageMenu::LanguageMenu(QWidget *parent)
    : QMenu(parent)
    , m_group(new QActionGroup(this))
{
    for (const QString &language : Languages::available()) {
        QAction *action = addAction(Languages::nativeName(language));
        action->setCheckable(true);
        action->setData(language);
        m_group->addAction(action);
    }
    connect(m_group, &QActionGroup::triggered, this, [](QAction *action) { Languages::apply(action->data().toString()); });
}

void LanguageMenu::retranslate()
{
    //: Menu title; keep "Language" recognisable for people who cannot read the current language
    setTitle(tr("&Language"));
    for (QAction *action : m_group->actions())
        action->setChecked(action->data().toString() == Languages::current());
}
