#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>

#include <functional>
#include <netinet/in.h>

// Loopback TCP sockets and the kernel's figures about them, for the tests that check what sockscope
// tells about the kernel (tst_kernelfacts, tst_seeityourself). Run inside a private network
// namespace: writeSysctl writes this namespace's /proc/sys.
namespace LoopbackTcp {

bool writeSysctl(const QString &name, const QByteArray &value);
// Entries of this namespace's timewait table (the "tw" figure of /proc/net/sockstat).
qint64 timewaitTable();
int tcpSocket(bool reuseAddress = false);
sockaddr_in address(quint32 host, quint16 port);
bool bindTo(int fd, quint32 host, quint16 port);
// A listener on 127.0.0.1:port and one accepted connection: *client, *server.
bool connectedPair(int listener, quint16 port, int *client, int *server);
// Waits (not a timing assertion) until the kernel has moved the closed socket where expected.
bool waitFor(const std::function<bool()> &condition);
// The client closes and the server never does: the client's socket becomes an orphaned
// FIN-WAIT-2 entry in the timewait table (tcp_rcv_state_process -> tcp_time_wait).
bool orphanedFinWait2(int listener, quint16 port, int *heldServer);
int listenerOn(quint16 port, bool reuseAddress = false);
// Every counter of /proc/net/netstat and /proc/net/snmp under the name nstat gives it:
// the line's label ("TcpExt", "Tcp") followed by the field ("TW", "OutRsts").
QMap<QString, qint64> nstatCounters();
// Rows of /proc/net/tcp in the state `hexState` ("06" TIME-WAIT).
int tcpRowsInState(const char *hexState);

} // namespace LoopbackTcp
