#pragma once

#include <QObject>
#include <QStringList>

class AgentBinary;
class QAction;
class QMainWindow;
class RemoteHost;
class RemoteSource;
class SourceController;

// Watching a remote host: File → Watch remote host… and --host, a RemoteSource in place of the
// current source, with the offer to copy the agent where the host has none.
class RemoteController : public QObject
{
    Q_OBJECT

public:
    // `asks`: questions may be asked (not for screenshots and tests, which run unattended).
    RemoteController(QMainWindow *window, SourceController *sources, bool asks);

    QAction *watchAction() const { return m_watchAction; }
    // File → Watch remote host…
    void askRemoteHost();
    // The window on `host` over ssh (the source is the window's); `agent` is the one that may be
    // copied there, with the user's consent unless `pushWithoutAsking` (--push-agent).
    RemoteSource *watchRemoteHost(const RemoteHost &host, const AgentBinary &agent, bool pushWithoutAsking,
                                  const QStringList &agentOptions = {});
    void retranslate();

signals:
    void failed(const QString &message);

private:
    QMainWindow *m_window;
    SourceController *m_sources;
    bool m_asks;
    QAction *m_watchAction;
};
