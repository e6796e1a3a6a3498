#include "views/window/appearancemenu.h"

#include "views/window/appearance.h"

#include <QActionGroup>

AppearanceMenu::AppearanceMenu(QWidget *parent)
    : QMenu(parent)
    , m_group(new QActionGroup(this))
    , m_desktop(addAction(QString()))
    , m_light(addAction(QString()))
    , m_dark(addAction(QString()))
{
    for (QAction *action : {m_desktop, m_light, m_dark}) {
        action->setCheckable(true);
        m_group->addAction(action);
    }
    addSeparator();
    m_largerText = addAction(QString());
    m_largerText->setCheckable(true);
    connect(m_group, &QActionGroup::triggered, this, &AppearanceMenu::applyChoice);
    connect(m_largerText, &QAction::triggered, this, &AppearanceMenu::applyChoice);
    showCurrent();
    retranslate();
}

void AppearanceMenu::retranslate()
{
    setTitle(tr("&Appearance"));
    m_desktop->setText(tr("Colours of the &desktop"));
    m_light->setText(tr("&Light colours"));
    m_dark->setText(tr("D&ark colours"));
    m_largerText->setText(tr("Larger &text (projector)"));
}

void AppearanceMenu::showCurrent()
{
    const Appearance::Colours colours = Appearance::colours();
    m_desktop->setChecked(colours == Appearance::Colours::Desktop);
    m_light->setChecked(colours == Appearance::Colours::Light);
    m_dark->setChecked(colours == Appearance::Colours::Dark);
    m_largerText->setChecked(Appearance::largerText());
}

void AppearanceMenu::applyChoice()
{
    const Appearance::Colours colours = m_dark->isChecked() ? Appearance::Colours::Dark
        : m_light->isChecked()                              ? Appearance::Colours::Light
                                                            : Appearance::Colours::Desktop;
    Appearance::apply(colours, m_largerText->isChecked());
}
