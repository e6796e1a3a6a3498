#pragma once

#include <QMenu>

class QAction;
class QActionGroup;

// View → Appearance: the desktop's colours, light or dark, and larger text (Appearance).
class AppearanceMenu : public QMenu
{
    Q_OBJECT

public:
    explicit AppearanceMenu(QWidget *parent = nullptr);

    void retranslate();
    // Checks the entries that match what is applied (after the settings were restored).
    void showCurrent();
    QAction *darkAction() const { return m_dark; }
    QAction *lightAction() const { return m_light; }
    QAction *desktopAction() const { return m_desktop; }
    QAction *largerTextAction() const { return m_largerText; }

private:
    void applyChoice();

    QActionGroup *m_group;
    QAction *m_desktop;
    QAction *m_light;
    QAction *m_dark;
    QAction *m_largerText;
};
