#pragma once

#include <QElapsedTimer>

// Samples of a stream delivered to the window at most at MaximumPerSecond sustained, after a
// burst of at most Burst (what a stalled connection delivers at once: a minute at 0.5 s): a token
// bucket. The window repaints for each sample, so a hostile agent sending thousands a second
// would freeze it; the extra ones are skipped, and the next one delivered says how many were
// (Sample::skippedBefore).
class SampleThrottle
{
public:
    // Twice the agent's fastest rate (one per 250 ms).
    static constexpr int MaximumPerSecond = 8;
    static constexpr int Burst = 120;

    // Whether one more sample may be delivered now; one that may not counts as skipped.
    bool admit();
    // The samples skipped since the last one admitted, counted afresh from now.
    int takeSkipped();

private:
    QElapsedTimer m_clock; // refills m_tokens
    double m_tokens = Burst;
    int m_skipped = 0;
};
