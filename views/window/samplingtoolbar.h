#pragma once

#include <QToolBar>

class QComboBox;
class QLabel;

// The toolbar's sampling part: pause, the refresh interval and the charts' time window.
class SamplingToolBar : public QToolBar
{
    Q_OBJECT

public:
    explicit SamplingToolBar(QWidget *parent = nullptr);

    // Checked while paused; Space toggles it too (MainWindow::keyPressEvent).
    QAction *pauseAction() const { return m_pauseAction; }
    // The nearest offered interval.
    void setIntervalMs(int ms);
    int intervalMs() const;
    // Only an offered window; others leave the choice as it is.
    void setWindowSeconds(int seconds);
    int windowSeconds() const;
    void setIntervalEnabled(bool enabled);
    void retranslate();

signals:
    void intervalChanged(int ms);
    void windowChanged(int seconds);

protected:
    void changeEvent(QEvent *event) override;

private:
    void showPaused();

    QAction *m_pauseAction;
    QLabel *m_intervalLabel;
    QComboBox *m_interval;
    QLabel *m_windowLabel;
    QComboBox *m_window;
};
