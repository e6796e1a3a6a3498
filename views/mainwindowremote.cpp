// MainWindow, watching a remote host: File → Watch remote host… and --host, a RemoteSource in
// place of the current source, with the offer to copy the agent where the host has none.
#include "mainwindow.h"

#include "agentconsent.h"
#include "remoteagentoffer.h"
#include "remotehostdialog.h"
#include "remotesource.h"

#include <QSettings>

void MainWindow::askRemoteHost()
{
    QSettings settings;
    RemoteHostDialog dialog(&settings, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    RemoteHostDialog::remember(&settings, dialog.host());
    // Chosen again from the menu: a "do not copy" given before is asked again.
    if (AgentConsent::answer(settings, dialog.host()) == AgentConsent::Answer::Refused)
        AgentConsent::forget(settings, dialog.host());
    watchRemoteHost(dialog.host(), AgentBinary::ours(), false);
}

RemoteSource *MainWindow::watchRemoteHost(const RemoteHost &host, const AgentBinary &agent, bool pushWithoutAsking,
                                          const QStringList &agentOptions)
{
    auto source = new RemoteSource(host, agent, this);
    source->setStreamArguments(agentOptions); // --states from the command line
    // Unattended (a screenshot, a test): no question can be asked; a refusal is shown instead.
    auto offer = new RemoteAgentOffer(source, m_useSettings ? this : nullptr);
    offer->setPushWithoutAsking(pushWithoutAsking);
    connect(offer, &RemoteAgentOffer::refused, this, &MainWindow::showFailure);
    // Another host's (or this one's) samples are not this host's history.
    watchAnew(source);
    return source;
}
