#include "views/remote/remotecontroller.h"

#include "remote/agentconsent.h"
#include "views/remote/remoteagentoffer.h"
#include "views/remote/remotehostdialog.h"
#include "remote/remotesource.h"
#include "views/window/sourcecontroller.h"

#include <QAction>
#include <QMainWindow>
#include <QSettings>

RemoteController::RemoteController(QMainWindow *window, SourceController *sources, bool asks)
    : QObject(window)
    , m_window(window)
    , m_sources(sources)
    , m_asks(asks)
    , m_watchAction(new QAction(this))
{
    connect(m_watchAction, &QAction::triggered, this, &RemoteController::askRemoteHost);
}

void RemoteController::retranslate()
{
    m_watchAction->setText(tr("Watch remote host…"));
}

void RemoteController::askRemoteHost()
{
    QSettings settings;
    RemoteHostDialog dialog(&settings, m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    RemoteHostDialog::remember(&settings, dialog.host());
    // Chosen again from the menu: a "do not copy" given before is asked again.
    if (AgentConsent::answer(settings, dialog.host()) == AgentConsent::Answer::Refused)
        AgentConsent::forget(settings, dialog.host());
    watchRemoteHost(dialog.host(), AgentBinary::ours(), false);
}

RemoteSource *RemoteController::watchRemoteHost(const RemoteHost &host, const AgentBinary &agent, bool pushWithoutAsking,
                                                const QStringList &agentOptions)
{
    auto source = new RemoteSource(host, agent, m_window);
    source->setStreamArguments(agentOptions); // --states from the command line
    // Unattended (a screenshot, a test): no question can be asked; a refusal is shown instead.
    auto offer = new RemoteAgentOffer(source, m_asks ? m_window : nullptr);
    offer->setPushWithoutAsking(pushWithoutAsking);
    connect(offer, &RemoteAgentOffer::refused, this, &RemoteController::failed);
    // Another host's (or this one's) samples are not this host's history.
    m_sources->setSource(source);
    return source;
}
