#pragma once

#include "listenaddress.h"
#include "sharedcollection.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>

struct MHD_Connection;
struct sockaddr;
struct MHD_Daemon;

// The exporter's HTTP side, on libmicrohttpd: GET (or HEAD) /metrics and a landing page at /,
// 404 for other paths, 405 for other methods, 400 for a request with a body. One event thread
// serves every connection; a scrape whose collection is not ready is suspended (not blocking that
// thread) and resumed by the collecting thread, so a slow or stuck client never delays another.
class MetricsServer
{
public:
    // Request line and headers beyond this get 431/414 (libmicrohttpd's per-connection pool).
    static constexpr std::size_t ConnectionMemory = 32 * 1024;
    static constexpr unsigned ConnectionLimit = 256;
    // One remote address may hold no more: clients that connect and stall leave the other slots to
    // the other addresses (Prometheus scrapes over one or two connections). Not applied to loopback
    // (127/8, ::1, ::ffff:127/104): every local user and a local Prometheus share those addresses,
    // so a limit there would let any local user lock the others out; the total limit and the
    // timeouts bound them.
    static constexpr unsigned ConnectionsPerAddress = 16;
    // A connection that has not sent a complete request head this long after its last byte is
    // closed; once a request is in, the idle timeout is IdleSeconds (libmicrohttpd's timeouts
    // count from the last byte).
    static constexpr unsigned HeadSeconds = 2;
    static constexpr unsigned IdleSeconds = 5;
    // A request not answered this long after its connection opened or the previous answer is cut,
    // however slowly its bytes trickle in (the idle timeout alone would let a slow-loris stay).
    static constexpr std::chrono::seconds RequestLimit {10};

    explicit MetricsServer(SharedCollection &collection);
    ~MetricsServer();
    MetricsServer(const MetricsServer &) = delete;
    MetricsServer &operator=(const MetricsServer &) = delete;

    // Binds and starts serving; false with the reason (a runtime error) when it cannot.
    bool start(const ListenAddress &address, std::string *error);
    void stop();

    // libmicrohttpd's callbacks (C linkage is not needed: they are passed as pointers).
    int answer(MHD_Connection *connection, const char *url, const char *method, std::size_t *uploadSize, void **request);
    void requestDone(MHD_Connection *connection, void **request);
    void connectionEvent(MHD_Connection *connection, bool opened);
    // The accept policy: false when the address already holds ConnectionsPerAddress connections.
    bool admits(const sockaddr *address, unsigned length);

    // 127.0.0.0/8, ::1 and ::ffff:127.0.0.0/104.
    static bool isLoopback(const sockaddr *address, unsigned length);

private:
    void watchdog();

    SharedCollection &m_collection;
    MHD_Daemon *m_daemon = nullptr;
    int m_listenFd = -1;

    // Connections and when their current request's time runs out (the watchdog's list).
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::map<MHD_Connection *, std::chrono::steady_clock::time_point> m_deadlines;
    bool m_stopping = false;
    // Live connections per remote address (its raw bytes), loopback not counted, and the address
    // each counted connection was counted under.
    std::map<std::string, unsigned> m_connectionsFrom;
    std::map<MHD_Connection *, std::string> m_countedAddress;
    std::thread m_watchdog;
};
