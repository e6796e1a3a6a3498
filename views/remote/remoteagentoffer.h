#pragma once

#include <QObject>
#include <QPointer>

class QMessageBox;
class QWidget;
class RemoteFacts;
class RemoteSource;

// The window's answer when a remote host has no sockscope-agent: where ours can run there, the
// offer to copy it, asked once per host (AgentConsent, in the window's settings) with what the
// remote reported (CPU, glibc); where it cannot, or when the user said no, what to install.
class RemoteAgentOffer : public QObject
{
    Q_OBJECT

public:
    RemoteAgentOffer(RemoteSource *source, QWidget *window);
    ~RemoteAgentOffer() override;
    // --push-agent on the command line: the user already said yes for this run.
    void setPushWithoutAsking(bool push) { m_pushWithoutAsking = push; }

signals:
    // Why the agent does not run there (shown in the window; the source has ended).
    void refused(const QString &message);

private:
    void offer(const RemoteFacts &facts, const QString &refusal);
    void answered(bool allowed, const RemoteFacts &facts);
    void refuse(const RemoteFacts &facts);

    RemoteSource *m_source;
    bool m_pushWithoutAsking = false;
    QPointer<QWidget> m_window;
    QPointer<QMessageBox> m_question; // open (window-modal, not exec()'d) while the user decides
};
