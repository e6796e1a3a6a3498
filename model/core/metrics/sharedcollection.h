#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

// One collection's metrics, rendered once in both formats: every scrape that shares it gets the
// same bytes.
struct RenderedMetrics
{
    std::string text; // Prometheus text format 0.0.4
    std::string openMetrics; // OpenMetrics 1.0.0
};

// Scrapes never stack up collections: one thread collects; a scrape arriving while a collection
// runs waits for that one; a collection is served again to every scrape within `minimumInterval`
// of its start; only a scrape after that starts the next one. So however many scrapes come, the
// kernel is walked at most once per `minimumInterval` (plus the first time).
class SharedCollection
{
public:
    using Result = std::shared_ptr<const RenderedMetrics>;
    using Produce = std::function<Result()>; // collects and renders; runs on the collecting thread
    using Waiter = std::function<void(const Result &)>;

    SharedCollection(Produce produce, std::chrono::nanoseconds minimumInterval);
    ~SharedCollection();
    SharedCollection(const SharedCollection &) = delete;
    SharedCollection &operator=(const SharedCollection &) = delete;

    // Starts the collecting thread (in the calling thread's network namespace).
    void start();
    // Ends it; waiters still waiting get the latest result (null when there was none).
    void stop();

    // What a scrape gets: the latest result while it may still be served (`now`); else `waiting`,
    // and `waiter` runs on the collecting thread with the next one (the running one, or one
    // started now); else, once stop() was called, neither: `waiter` is not kept, since whoever
    // it refers to (a connection, its server) may be gone before anyone could call it.
    struct Answer
    {
        Result now;
        bool waiting = false;
    };
    Answer latestOr(Waiter waiter);

private:
    void loop();

    const Produce m_produce;
    const std::chrono::nanoseconds m_minimumInterval;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::thread m_thread;
    bool m_stopping = false;
    Result m_latest;
    std::chrono::steady_clock::time_point m_latestStart;
    std::vector<Waiter> m_waiters;
};
