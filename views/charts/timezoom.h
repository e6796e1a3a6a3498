#pragma once

#include <cstdint>

// The part of a chart's time window that is shown, in ms since the epoch. Not zoomed, the view is
// the whole window and follows it as new samples move it on (live). Zoomed, it stays on the
// moment it shows: a live chart that jumped on under the user's mouse could not be read. The view
// never leaves the window and is never shorter than MinimumSpanMs (or the window, if shorter).
class TimeZoom
{
public:
    static constexpr std::int64_t MinimumSpanMs = 10000;
    // A window is at least this long, so that a single sample still has an axis to sit on.
    static constexpr std::int64_t MinimumWindowMs = 1000;

    // The window the data cover. A zoomed view keeps its span and start, moved inside the new
    // window; it ends zoomed only while it is shorter than the window.
    void setWindow(std::int64_t fromMs, std::int64_t toMs);
    std::int64_t windowFromMs() const { return m_windowFromMs; }
    std::int64_t windowToMs() const { return m_windowToMs; }

    std::int64_t fromMs() const { return m_fromMs; }
    std::int64_t toMs() const { return m_toMs; }
    std::int64_t spanMs() const { return m_toMs - m_fromMs; }
    bool isZoomed() const { return m_zoomed; }
    // Whether new samples move the view on: only when it shows the whole window.
    bool followsLive() const { return !m_zoomed; }
    bool contains(std::int64_t timeMs) const { return timeMs >= m_fromMs && timeMs <= m_toMs; }

    // Multiplies the span by `factor` (below 1 zooms in), keeping `anchorMs` (moved inside the
    // view) at the same place on the axis, as far as the window allows.
    void zoom(double factor, std::int64_t anchorMs);
    // Moves a zoomed view by `deltaMs`, stopping at the window's ends; the whole window stays.
    void pan(std::int64_t deltaMs);
    // The whole window again, following it.
    void reset();

    // Where `timeMs` falls in the view: 0 at its start, 1 at its end (outside: below 0, above 1).
    double shareOf(std::int64_t timeMs) const;
    // The time at `share` of the view (the inverse of shareOf, to the ms).
    std::int64_t timeAt(double share) const;

private:
    std::int64_t m_windowFromMs = 0;
    std::int64_t m_windowToMs = 0;
    std::int64_t m_fromMs = 0;
    std::int64_t m_toMs = 0;
    bool m_zoomed = false;
};
