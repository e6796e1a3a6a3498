#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>

// A real X server with a real window manager for a test (Xvfb + openbox): only a window
// manager places, frames and maximises windows, which offscreen tests cannot see. Stopped when
// this object goes, or by stop().
class XDisplayServer
{
public:
    XDisplayServer() = default;
    XDisplayServer(const XDisplayServer &) = delete;
    XDisplayServer &operator=(const XDisplayServer &) = delete;
    ~XDisplayServer() { stop(); }

    // What a test needs and does not have (empty when Xvfb, openbox and xprop are installed).
    static QString unavailableReason();
    // Starts a screen of `size` ("1024x640") on a display number from `firstDisplay` on that
    // nobody uses; false when the server or the window manager did not come up.
    bool start(const QString &size, int firstDisplay);
    void stop();
    QString display() const { return m_display; }
    // The system environment with DISPLAY set to this display (for the window manager and a child).
    QProcessEnvironment environment() const;

private:
    QProcess m_xvfb;
    QProcess m_wm;
    QString m_display;
};
