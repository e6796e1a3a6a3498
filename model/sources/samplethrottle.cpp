#include "sources/samplethrottle.h"

#include <QtGlobal>

bool SampleThrottle::admit()
{
    if (!m_clock.isValid())
        m_clock.start();
    const qint64 elapsedMs = m_clock.restart();
    m_tokens = qMin<double>(Burst, m_tokens + double(elapsedMs) * MaximumPerSecond / 1000.0);
    if (m_tokens < 1.0) {
        ++m_skipped;
        return false;
    }
    m_tokens -= 1.0;
    return true;
}

int SampleThrottle::takeSkipped()
{
    const int skipped = m_skipped;
    m_skipped = 0;
    return skipped;
}
