#pragma once

#include "core/collect/coremessage.h"
#include "core/lab/labloadsettings.h"

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <thread>

// The lab's traffic: an HTTP-like server on port 8080 (every address of the lab) and clients
// that connect to it at a set rate, send a request of a set size, read the one-line answer and
// close in the order the settings say. Real sockets of the namespace the lab runs in, driven by
// one thread with epoll; the settings change live. connect() and bind() failures are counted by
// errno, so a trainee can see EADDRNOTAVAIL when the ephemeral ports run out.
class LabLoad
{
public:
    // Since the lab started; gauges say what is open now.
    struct Figures
    {
        std::int64_t attempts = 0; // connect() calls
        std::int64_t connected = 0;
        // Of those, how many agreed on TCP timestamps (TCP_INFO's TCPI_OPT_TIMESTAMPS): with
        // tcp_timestamps = 0 none do, while tcp_tw_reuse may still take over entries (lab scenario 3).
        std::int64_t connectedWithTimestamps = 0;
        std::int64_t completed = 0; // answers read by a client
        std::int64_t accepted = 0;
        std::int64_t timeouts = 0; // client connections given up after TimeoutMs
        std::map<int, std::int64_t> connectErrors; // errno -> count (connect() itself, or SO_ERROR)
        std::map<int, std::int64_t> bindErrors;
        std::int64_t clientsOpen = 0;
        std::int64_t serverOpen = 0;
        std::int64_t held = 0; // server connections kept open forever (Closer::Never)
        int listenError = 0; // errno of the listener's bind() or listen(); 0 when listening
    };

    static constexpr int TimeoutMs = 5000;
    // Server connections a server that never closes keeps at most (the oldest then go): the lab
    // is one process, and its file limit is the host's.
    static constexpr int MaximumHeld = 6000;

    LabLoad() = default;
    ~LabLoad();
    LabLoad(const LabLoad &) = delete;
    LabLoad &operator=(const LabLoad &) = delete;

    // Opens the listener (no thread yet: the caller may still fork, e.g. to detect the kernel's
    // defaults, which a second thread holding malloc's lock would make unsafe).
    bool listen(const LabLoadSettings &settings, CoreMessage *error);
    // Starts the thread that drives the load; once, later calls do nothing.
    void startThread();
    void stop();
    void setSettings(const LabLoadSettings &settings);
    LabLoadSettings settings() const;
    // listen() again on the listener: a changed net.core.somaxconn caps the backlog only then.
    void relisten();
    Figures figures() const;

private:
    struct Connection;
    class Loop;
    void run();

    mutable std::mutex m_mutex;
    LabLoadSettings m_settings;
    std::uint64_t m_generation = 0;
    bool m_relisten = false;
    Figures m_figures;
    std::atomic<bool> m_stop {false};
    int m_listener = -1;
    std::thread m_thread;
};
