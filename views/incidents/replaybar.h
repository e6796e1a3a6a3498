#pragma once

#include <QToolBar>

class QLabel;
class QSlider;

// Moves through a recording: a slider over its samples and the time of the one shown.
class ReplayBar : public QToolBar
{
    Q_OBJECT

public:
    explicit ReplayBar(QWidget *parent = nullptr);

    void setSampleCount(int count);
    void setPosition(int index);
    int position() const;
    void setTimeText(const QString &text);
    void retranslate();

signals:
    void positionChanged(int index);

private:
    QLabel *m_title;
    QSlider *m_slider;
    QLabel *m_time;
};
