#pragma once

#include "core/collect/socketrecord.h"

#include <QtGlobal>

#include <functional>
#include <thread>
#include <vector>
#include <netinet/in.h>
#include <sys/types.h>

// Real processes holding real sockets, for tests of who owns them (tst_socketowners,
// tst_ownershistory). Each child has its own pid and command name and talks to the test over two
// pipes, one byte at a time, so every step is in a known order.
struct Child
{
    pid_t pid = -1;
    int in = -1; // the child's answers
    int out = -1; // the test's commands
    void send() const;
    bool receive() const;
    void reap();
};

// A child named `name` (its comm) that runs `body` and exits.
Child spawn(const char *name, const std::function<void(int commands, int answers)> &body);
void say(int fd);
void hear(int fd);
sockaddr_in loopback(quint16 port);
int listenOn(quint16 port); // -1 on failure
int connectTo(quint16 port); // -1 on failure
// Reads until the peer's FIN (its close) arrives.
void waitForEof(int fd);
// A server process named `name` that accepts `connections` on `port` and closes each first,
// then holds its listener until told: its TIME-WAIT sits on `port`, attributed to it.
Child closingServer(const char *name, quint16 port, int connections);
// Accepts `connections` on `listener`, each served by a thread of `served` until its client
// closes (first: the TIME-WAIT is the client's).
std::thread serveClientsClosingFirst(int listener, int connections, std::vector<std::thread> &served);
// In the test's own namespace only: tcp_tw_reuse 0. With 2, the default, a connect() towards
// loopback may take over a TIME-WAIT entry older than a second, and a test counting the entries
// its closes made finds fewer. False when it cannot be set.
bool noTimeWaitTakeover();
// Makes `connections` to `port`, each waiting for the server's close.
void connectAndWaitForClose(quint16 port, int connections);
// TIME-WAIT entries of this namespace matching `which`, once the kernel shows `count` of them.
bool waitForTimeWait(int count, const std::function<bool(const SocketRecord &)> &which);
