#include "views/incidents/replaybar.h"

#include "bridge/untrustedtext.h"

#include <QLabel>
#include <QSlider>

ReplayBar::ReplayBar(QWidget *parent)
    : QToolBar(parent)
    , m_title(new QLabel(this))
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_time(new QLabel(this))
{
    setObjectName(QStringLiteral("ReplayBar"));
    setMovable(false);
    m_title->setTextFormat(Qt::PlainText);
    m_time->setTextFormat(Qt::PlainText); // times and notes about a file from elsewhere: never markup
    m_slider->setMinimumWidth(160);
    m_slider->setTracking(true);
    addWidget(m_title);
    addWidget(m_slider);
    addWidget(m_time);
    connect(m_slider, &QSlider::valueChanged, this, &ReplayBar::positionChanged);
    retranslate();
}

void ReplayBar::retranslate()
{
    setWindowTitle(tr("Replay"));
    m_title->setText(tr(" Replay: "));
    m_slider->setToolTip(tr("Move through the recording; the charts end and the table is taken at this moment."));
}

void ReplayBar::setSampleCount(int count)
{
    m_slider->setRange(0, qMax(0, count - 1));
    m_slider->setPageStep(qMax(1, count / 20));
}

void ReplayBar::setPosition(int index)
{
    m_slider->setValue(index);
}

int ReplayBar::position() const
{
    return m_slider->value();
}

void ReplayBar::setTimeText(const QString &text)
{
    m_time->setText(QLatin1Char(' ') + text + QLatin1Char(' '));
    m_time->setToolTip(UntrustedText::toolTip(text));
}
