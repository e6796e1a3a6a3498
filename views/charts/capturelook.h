#pragma once

#include <QEvent>
#include <QList>
#include <QPointer>
#include <QSize>

class QWidget;

// A picture is not the screen: it has no tooltip, no crosshair and no mouse. While a CaptureLook
// lives, the widgets under `root` look as a picture needs them to: time charts list their legend
// whatever their size, controls that only act on screen (markLiveOnly) are hidden, and text that
// the screen elides is wrapped. `root` grows to what its wrapped text needs. Everything is put
// back when the CaptureLook is destroyed.
class CaptureLook
{
public:
    explicit CaptureLook(QWidget *root);
    ~CaptureLook();
    CaptureLook(const CaptureLook &) = delete;
    CaptureLook &operator=(const CaptureLook &) = delete;

    // A control that does something on screen (a check box, a button): not in a picture.
    static void markLiveOnly(QWidget *control);
    // Whether `widget` is being captured (it or one of its ancestors is a CaptureLook's root).
    static bool isCapturing(const QWidget *widget);
    // Sent to `root` and every widget under it when the look starts and when it ends; a widget
    // that looks different in a picture handles it and asks isCapturing().
    static QEvent::Type changedEvent();

private:
    void notify();

    QPointer<QWidget> m_root;
    QList<QPointer<QWidget>> m_hidden;
    QSize m_size;
};
