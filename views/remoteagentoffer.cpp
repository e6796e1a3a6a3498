#include "remoteagentoffer.h"

#include "agentconsent.h"
#include "remotesource.h"

#include <QAbstractButton>
#include <QMessageBox>
#include <QSettings>

RemoteAgentOffer::RemoteAgentOffer(RemoteSource *source, QWidget *window)
    : QObject(source)
    , m_source(source)
    , m_window(window)
{
    connect(source, &RemoteSource::noAgent, this, &RemoteAgentOffer::offer);
    connect(source, &RemoteSource::pushFinished, this, [this](bool ok, const QString &message) {
        if (!ok)
            emit refused(message);
    });
}

void RemoteAgentOffer::offer(const RemoteFacts &facts, const QString &refusal)
{
    const QString host = m_source->host().displayName();
    if (!refusal.isEmpty()) {
        emit refused(tr("%1 has no sockscope-agent, and this sockscope's agent cannot run there: %2").arg(host, refusal));
        return;
    }
    QSettings settings;
    AgentConsent::Answer answer = m_pushWithoutAsking ? AgentConsent::Answer::Allowed
                                                      : AgentConsent::answer(settings, m_source->host());
    if (answer == AgentConsent::Answer::NotAsked && m_window) {
        QMessageBox box(QMessageBox::Question, tr("Copy the agent to %1?").arg(host),
                        tr("%1 has no sockscope-agent (%2, glibc %3). sockscope can copy its own agent to "
                           "~/.cache/sockscope on %1, check it by its SHA-256 and run it there as your ssh user. "
                           "Nothing else is installed, and it ends when this window stops watching.")
                            .arg(host, facts.architecture(), facts.glibc()),
                        QMessageBox::Yes | QMessageBox::No, m_window);
        box.setTextFormat(Qt::PlainText);
        box.button(QMessageBox::Yes)->setText(tr("Copy and run"));
        box.button(QMessageBox::No)->setText(tr("Do not copy"));
        const bool allowed = box.exec() == QMessageBox::Yes;
        AgentConsent::remember(settings, m_source->host(), allowed);
        answer = allowed ? AgentConsent::Answer::Allowed : AgentConsent::Answer::Refused;
    }
    if (answer == AgentConsent::Answer::Allowed) {
        m_source->pushAgent();
        return;
    }
    emit refused(tr("%1 has no sockscope-agent (%2, glibc %3). Install the sockscope-agent package there (it needs "
                    "libmnl0), or watch it again (File → Watch remote host…) and let sockscope copy its own agent.")
                     .arg(host, facts.architecture(), facts.glibc()));
}
