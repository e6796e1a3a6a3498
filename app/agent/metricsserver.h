#pragma once

#include "core/metrics/listenaddress.h"
#include "core/collect/peersocketlookup.h"
#include "core/metrics/sharedcollection.h"
#include "core/metrics/subordinateids.h"

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
    // One client may hold no more, so that clients that connect and stall leave the other slots to
    // the others (Prometheus scrapes over one or two connections). A client is a user when its
    // socket is on this host (found by its 4-tuple: every local user shares 127.0.0.1 and the
    // host's own addresses, so counting those per address would let one user lock the others
    // out), else its address, or its /64 for IPv6 (a host may hold a whole /64 and claim any address
    // in it, so its neighbours on a shared /64 share its allowance too).
    // A local client whose socket cannot be told (closed already, or bound where the lookup does
    // not reach) counts with every other such client, never as its loopback address: any user
    // has all of 127.0.0.0/8. A uid in a user's subordinate range (/etc/subuid) counts as that
    // user, and any other uid above 65,535 counts with its block of 65,536 (a user namespace's
    // range, whoever gave it: systemd-nsresourced or a directory service do not use
    // /etc/subuid), and all such blocks together hold at most ConnectionsOfHighUids (one user may
    // get up to 256 ranges from systemd-nsresourced). Whatever identities clients have, root and
    // the agent's own user keep the last
    // ReservedForTrusted slots, so a local Prometheus running as either is always served.
    static constexpr unsigned ConnectionsPerClient = 16;
    static constexpr unsigned ReservedForTrusted = 16;
    // Remote clients together hold at most RemoteConnections, so that a remote host with many
    // addresses or /64s cannot keep the scrapers on this host out, and those of one network (an
    // IPv4 /24, an IPv6 /48: what one site is routed) at most ConnectionsPerRemoteNetwork.
    static constexpr unsigned RemoteConnections = 128;
    static constexpr unsigned ConnectionsPerRemoteNetwork = 32;
    static constexpr unsigned ConnectionsOfHighUids = 32;
    // A connection silent this long before its request head is complete is closed; once the head
    // is in, the idle timeout is IdleSeconds (libmicrohttpd's timeouts count from the last byte).
    static constexpr unsigned HeadSeconds = 2;
    static constexpr unsigned IdleSeconds = 5;
    // The whole head must be in this long after the connection opened, however slowly its bytes
    // trickle in (the idle timeout alone would let a slow-loris hold its slot); Prometheus sends
    // its head at once.
    static constexpr std::chrono::seconds HeadLimit {3};
    // A request not answered this long after its head came in or the previous answer went is cut.
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

private:
    void watchdog();
    static bool isLoopback(const sockaddr *address, unsigned length);

    SharedCollection &m_collection;
    MHD_Daemon *m_daemon = nullptr;
    int m_listenFd = -1;

    // Connections and when their current request's time runs out (the watchdog's list).
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::map<MHD_Connection *, std::chrono::steady_clock::time_point> m_deadlines;
    bool m_stopping = false;
    // The key a client is counted under, the key of the group it shares a cap with (its network
    // when it is remote, every uid above 65,535), whether it is remote and whether it is root or
    // the agent's own user.
    struct Client
    {
        std::string key;
        std::string group;
        bool remote = false;
        bool trusted = false;
    };
    Client clientOf(MHD_Connection *connection, int fd);
    bool admits(const Client &client) const; // under m_mutex

    // Live connections per client key and per remote network key, the client each connection is
    // counted under, and how many are held by clients that are not trusted, and by remote ones.
    std::map<std::string, unsigned> m_connectionsFrom;
    std::map<MHD_Connection *, Client> m_countedClient;
    unsigned m_untrustedConnections = 0;
    unsigned m_remoteConnections = 0;
    // Used on libmicrohttpd's one thread only (connectionEvent).
    PeerSocketLookup m_peers;
    SubordinateIds m_subordinateIds;
    std::thread m_watchdog;
};
