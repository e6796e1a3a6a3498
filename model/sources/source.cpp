#include "sources/source.h"

#include "wording/coremessagetext.h"
#include "sources/thiskernelfacts.h"
#include "bridge/untrustedtext.h"

void Source::setState(State state, const QString &reason, int retryInSeconds)
{
    if (state == m_state && reason == m_stateReason && retryInSeconds == m_retryInSeconds)
        return;
    m_state = state;
    m_stateReason = reason;
    m_retryInSeconds = retryInSeconds;
    emit stateChanged(state);
}

void Source::setKernelFacts(const KernelFacts &facts)
{
    m_kernelFacts = facts;
    emit kernelFactsChanged();
}

void Source::useThisKernelsFacts()
{
    ThisKernelFacts::request(this, [this](const KernelFacts &facts) { setKernelFacts(facts); });
}

Source::Place Source::placeFromHeader(const QJsonObject &header)
{
    // The header comes from elsewhere (a file, another host): every text made plain one-line.
    Place place;
    place.host = UntrustedText::plain(header.value(QLatin1String("host")).toString());
    place.kernel = UntrustedText::plain(header.value(QLatin1String("kernel")).toString());
    const QJsonObject netns = header.value(QLatin1String("netns")).toObject();
    const QString recorded = netns.value(QLatin1String("label")).toString();
    place.namespaceName = UntrustedText::plain(recorded);
    place.namespaceId = UntrustedText::plain(netns.value(QLatin1String("id")).toString());
    // The recorder's (or agent's) own namespace is called "current" in the language it ran in:
    // say it in the window's.
    if (recorded == QLatin1String("current") || recorded == CoreMessageText::namespaceLabel(std::string()))
        place.namespaceName = tr("current");
    return place;
}
