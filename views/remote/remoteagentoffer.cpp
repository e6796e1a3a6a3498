#include "views/remote/remoteagentoffer.h"

#include "remote/agentconsent.h"
#include "remote/remotesource.h"

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

RemoteAgentOffer::~RemoteAgentOffer()
{
    // The host is no longer watched: its question goes with it.
    if (m_question)
        m_question->deleteLater();
}

void RemoteAgentOffer::offer(const RemoteFacts &facts, const QString &refusal)
{
    const QString host = m_source->host().displayName();
    if (!refusal.isEmpty()) {
        emit refused(tr("%1 has no sockscope-agent, and this sockscope's agent cannot run there: %2").arg(host, refusal));
        return;
    }
    QSettings settings;
    AgentConsent::Answer answer =
        m_pushWithoutAsking ? AgentConsent::Answer::Allowed : AgentConsent::answer(settings, m_source->host());
    if (answer == AgentConsent::Answer::NotAsked && m_window) {
        if (m_question)
            return; // already asking (the source ended again meanwhile)
        // open(), not exec(): noAgent() is emitted from the connection's signal handler, and a
        // nested event loop there would let more stream events re-enter it while the box is up.
        auto box = new QMessageBox(QMessageBox::Question, tr("Copy the agent to %1?").arg(host),
                                   tr("%1 has no sockscope-agent (%2, glibc %3). sockscope can copy its own agent to "
                                      "~/.cache/sockscope on %1, check it by its SHA-256 and run it there as your ssh user. "
                                      "Nothing else is installed, and it ends when this window stops watching.")
                                       .arg(host, facts.architecture(), facts.glibc()),
                                   QMessageBox::Yes | QMessageBox::No, m_window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setTextFormat(Qt::PlainText);
        box->button(QMessageBox::Yes)->setText(tr("Copy and run"));
        box->button(QMessageBox::No)->setText(tr("Do not copy"));
        connect(box, &QMessageBox::finished, this, [this, facts](int result) { answered(result == QMessageBox::Yes, facts); });
        m_question = box;
        box->open();
        return;
    }
    if (answer == AgentConsent::Answer::Allowed) {
        m_source->pushAgent();
        return;
    }
    refuse(facts);
}

void RemoteAgentOffer::answered(bool allowed, const RemoteFacts &facts)
{
    QSettings settings;
    AgentConsent::remember(settings, m_source->host(), allowed);
    if (allowed)
        m_source->pushAgent();
    else
        refuse(facts);
}

void RemoteAgentOffer::refuse(const RemoteFacts &facts)
{
    emit refused(tr("%1 has no sockscope-agent (%2, glibc %3). Install the sockscope-agent package there (it needs "
                    "libmnl0), or watch it again (File → Watch remote host…) and let sockscope copy its own agent.")
                     .arg(m_source->host().displayName(), facts.architecture(), facts.glibc()));
}
