#pragma once

#include <QMenu>

class QActionGroup;

// Language: every translation the program has, by its own name; choosing one applies it at once.
class LanguageMenu : public QMenu
{
    Q_OBJECT

public:
    explicit LanguageMenu(QWidget *parent = nullptr);

    void retranslate();

private:
    QActionGroup *m_group;
};
