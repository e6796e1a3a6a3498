#include "core/metrics/sharedcollection.h"

SharedCollection::SharedCollection(Produce produce, std::chrono::nanoseconds minimumInterval)
    : m_produce(std::move(produce))
    , m_minimumInterval(minimumInterval)
{
}

SharedCollection::~SharedCollection()
{
    stop();
}

void SharedCollection::start()
{
    m_thread = std::thread([this] { loop(); });
}

void SharedCollection::stop()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    std::vector<Waiter> waiters;
    Result latest;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        waiters.swap(m_waiters);
        latest = m_latest;
    }
    for (const Waiter &waiter : waiters)
        waiter(latest);
}

SharedCollection::Answer SharedCollection::latestOr(Waiter waiter)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_stopping)
        return {};
    if (m_latest && std::chrono::steady_clock::now() - m_latestStart < m_minimumInterval)
        return {m_latest, false};
    m_waiters.push_back(std::move(waiter));
    m_wake.notify_one();
    return {nullptr, true};
}

void SharedCollection::loop()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || !m_waiters.empty(); });
        if (m_stopping)
            return;
        // Waiters exist only when the latest result is older than the interval (latestOr), so
        // starting now keeps collections at least the interval apart.
        const auto start = std::chrono::steady_clock::now();
        lock.unlock();
        Result result = m_produce();
        lock.lock();
        m_latest = std::move(result);
        m_latestStart = start;
        // Everyone who asked before this point shares it, including those who came during it.
        std::vector<Waiter> waiters;
        waiters.swap(m_waiters);
        const Result latest = m_latest;
        lock.unlock();
        for (const Waiter &waiter : waiters)
            waiter(latest);
        lock.lock();
    }
}
