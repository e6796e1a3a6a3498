#pragma once

#include <cstdint>
#include <string>
#include <vector>

// What the lab's load generator does, as the trainer sets it live: plain data, and the words of
// the agent's "lab load key=value ..." command. No Qt: the agent parses and applies it.
struct LabLoadSettings
{
    // Who closes a connection first once its answer is read. The side that closes first holds
    // the TIME-WAIT entry. Never: the server never closes (the client's close leaves an orphaned
    // FIN-WAIT-2, the server a CLOSE-WAIT).
    enum class Closer { Client, Server, Never };
    // Where the clients connect: 127.0.0.1 (loopback, covered by tcp_tw_reuse = 2) or the lab's
    // own address 10.77.0.1 (not a loopback address: tcp_tw_reuse = 2 does not apply to it).
    enum class Target { Loopback, LabAddress };

    static constexpr std::uint16_t ServerPort = 8080;
    static constexpr int MaximumSourceAddresses = 8;
    static constexpr int MaximumRate = 5000;
    static constexpr int MaximumConcurrency = 2000;
    static constexpr int MaximumRequestBytes = 65536;

    bool running = true;
    int ratePerSecond = 20; // new connections a second (requests a second with keep-alive)
    int concurrency = 50; // client connections open at once, at most
    Closer closer = Closer::Server;
    bool keepAlive = false; // the clients keep a pool of connections and send requests over them
    int requestBytes = 100;
    Target target = Target::Loopback;
    int sourceAddresses = 1; // the clients bind to the first N lab (or loopback) addresses in turn
    bool bindAddressNoPort = false; // IP_BIND_ADDRESS_NO_PORT before that bind()
    int backlog = 128; // the server's listen() backlog (capped by net.core.somaxconn)
    int acceptPerSecond = 0; // 0: accept at once; otherwise a slow accept() loop

    // Applies "key=value" words (rate=30 closer=client keepalive=on ...) to a copy; false with the
    // offending word in *bad when one is unknown or out of range (nothing is applied then).
    bool apply(const std::vector<std::string> &words, std::string *bad);
    // The same words for every setting, in a fixed order (what the agent reports, and sends).
    std::vector<std::string> words() const;
    // The address clients connect to, and the source address number `index` (network order).
    std::uint32_t targetAddress() const;
    std::uint32_t sourceAddress(int index) const;

    static const char *closerName(Closer closer);
};
