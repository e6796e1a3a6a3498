#include "source.h"

void Source::setState(State state, const QString &reason, int retryInSeconds)
{
    if (state == m_state && reason == m_stateReason && retryInSeconds == m_retryInSeconds)
        return;
    m_state = state;
    m_stateReason = reason;
    m_retryInSeconds = retryInSeconds;
    emit stateChanged(state);
}
