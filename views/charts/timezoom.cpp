#include "views/charts/timezoom.h"

#include <algorithm>

void TimeZoom::setWindow(std::int64_t fromMs, std::int64_t toMs)
{
    m_windowFromMs = fromMs;
    m_windowToMs = std::max(toMs, fromMs + MinimumWindowMs);
    if (m_zoomed) {
        const std::int64_t span = std::min(spanMs(), m_windowToMs - m_windowFromMs);
        m_fromMs = std::clamp(m_fromMs, m_windowFromMs, m_windowToMs - span);
        m_toMs = m_fromMs + span;
        m_zoomed = span < m_windowToMs - m_windowFromMs;
    }
    if (!m_zoomed)
        reset();
}

void TimeZoom::zoom(double factor, std::int64_t anchorMs)
{
    const std::int64_t window = m_windowToMs - m_windowFromMs;
    if (window <= 0 || !(factor > 0))
        return; // no window yet, or a factor that is no zoom (NaN, zero, negative)
    const double wanted = double(spanMs()) * factor;
    const std::int64_t span =
        wanted >= double(window) ? window : std::clamp(std::int64_t(wanted), std::min(MinimumSpanMs, window), window);
    anchorMs = std::clamp(anchorMs, m_fromMs, m_toMs);
    const double share = double(anchorMs - m_fromMs) / double(std::max<std::int64_t>(1, spanMs()));
    m_fromMs = std::clamp(anchorMs - std::int64_t(share * double(span)), m_windowFromMs, m_windowToMs - span);
    m_toMs = m_fromMs + span;
    m_zoomed = span < window;
}

void TimeZoom::pan(std::int64_t deltaMs)
{
    if (!m_zoomed)
        return;
    const std::int64_t span = spanMs();
    // Bounded first: a delta near the int64 limits must not overflow the sum.
    deltaMs = std::clamp(deltaMs, m_windowFromMs - m_fromMs, m_windowToMs - span - m_fromMs);
    m_fromMs += deltaMs;
    m_toMs = m_fromMs + span;
}

void TimeZoom::reset()
{
    m_zoomed = false;
    m_fromMs = m_windowFromMs;
    m_toMs = m_windowToMs;
}

double TimeZoom::shareOf(std::int64_t timeMs) const
{
    return double(timeMs - m_fromMs) / double(std::max<std::int64_t>(1, spanMs()));
}

std::int64_t TimeZoom::timeAt(double share) const
{
    return m_fromMs + std::int64_t(share * double(spanMs()));
}
