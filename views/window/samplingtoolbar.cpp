#include "views/window/samplingtoolbar.h"

#include "views/window/paletteicons.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QLabel>

namespace {
constexpr int IntervalChoicesMs[] = {250, 500, 1000, 2000, 5000, 10000};
// Four hours: the history ring holds that much at the default 1 s interval (HistoryRing).
constexpr int WindowChoicesSeconds[] = {60, 300, 900, 3600, 14400};
}

SamplingToolBar::SamplingToolBar(QWidget *parent)
    : QToolBar(parent)
    , m_pauseAction(new QAction(this))
    , m_intervalLabel(new QLabel(this))
    , m_interval(new QComboBox(this))
    , m_windowLabel(new QLabel(this))
    , m_window(new QComboBox(this))
{
    setObjectName(QStringLiteral("MainToolBar"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_pauseAction->setObjectName(QStringLiteral("PauseAction"));
    m_pauseAction->setCheckable(true);
    // Space is no QAction shortcut: a window-wide Space would steal it from the button, check box
    // or text field that has focus. MainWindow::keyPressEvent() takes the Space nobody else used.
    m_pauseAction->setIcon(PaletteIcons::pause(palette()));
    connect(m_pauseAction, &QAction::toggled, this, &SamplingToolBar::showPaused);

    m_interval->setObjectName(QStringLiteral("IntervalChoice"));
    for (const int ms : IntervalChoicesMs)
        m_interval->addItem(QString(), ms);
    m_interval->setCurrentIndex(2);
    connect(m_interval, &QComboBox::currentIndexChanged, this, [this] { emit intervalChanged(intervalMs()); });
    for (const int seconds : WindowChoicesSeconds)
        m_window->addItem(QString(), seconds);
    m_window->setCurrentIndex(1);
    connect(m_window, &QComboBox::currentIndexChanged, this, [this] { emit windowChanged(windowSeconds()); });

    addAction(m_pauseAction);
    addSeparator();
    addWidget(m_intervalLabel);
    addWidget(m_interval);
    addSeparator();
    addWidget(m_windowLabel);
    addWidget(m_window);
}

void SamplingToolBar::setIntervalMs(int ms)
{
    // The nearest offered interval; in 64 bits, as `ms` may come from a settings file (any int).
    const auto distance = [&](int i) { return qAbs(qint64(m_interval->itemData(i).toInt()) - qint64(ms)); };
    int best = 0;
    for (int i = 0; i < m_interval->count(); ++i) {
        if (distance(i) < distance(best))
            best = i;
    }
    m_interval->setCurrentIndex(best);
}

int SamplingToolBar::intervalMs() const
{
    return m_interval->currentData().toInt();
}

void SamplingToolBar::setWindowSeconds(int seconds)
{
    const int index = m_window->findData(seconds);
    if (index >= 0)
        m_window->setCurrentIndex(index);
}

int SamplingToolBar::windowSeconds() const
{
    return m_window->currentData().toInt();
}

void SamplingToolBar::setIntervalEnabled(bool enabled)
{
    m_interval->setEnabled(enabled);
}

void SamplingToolBar::showPaused()
{
    const bool paused = m_pauseAction->isChecked();
    m_pauseAction->setIcon(paused ? PaletteIcons::play(palette()) : PaletteIcons::pause(palette()));
    m_pauseAction->setText(paused ? tr("Resume") : tr("Pause"));
}

void SamplingToolBar::retranslate()
{
    m_pauseAction->setText(m_pauseAction->isChecked() ? tr("Resume") : tr("Pause"));
    m_pauseAction->setToolTip(tr("Pause or resume sampling (Space)"));
    setWindowTitle(tr("Sampling"));
    m_intervalLabel->setText(tr(" Refresh every "));
    m_windowLabel->setText(tr(" Show the last "));
    const QStringList intervals = {tr("0.25 s"), tr("0.5 s"), tr("1 s"), tr("2 s"), tr("5 s"), tr("10 s")};
    for (int i = 0; i < intervals.size(); ++i)
        m_interval->setItemText(i, intervals[i]);
    const QStringList windows = {tr("1 minute"), tr("5 minutes"), tr("15 minutes"), tr("1 hour"), tr("4 hours")};
    for (int i = 0; i < windows.size(); ++i)
        m_window->setItemText(i, windows[i]);
}

void SamplingToolBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        showPaused();
    QToolBar::changeEvent(event);
}
