#include "wording/mixupcatalog.h"
#include "netnstestmain.h"
#include "core/collect/procfile.h"
#include "wording/seeityourself.h"
#include "socketpopulation.h"
#include "core/collect/sockstatparser.h"
#include "sysctl/sysctlcatalog.h"
#include "core/collect/sysctlreader.h"

#include <QCoreApplication>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <cerrno>
#include <functional>
#include <map>
#include <set>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

// What the catalog and the mix-ups tell trainees, against the running kernel: accepted ranges,
// TW/TWKilled counting, what tcp_max_tw_buckets counts, the socket-option mix-ups, and that every
// "see it yourself" command runs. Each test in a fresh network namespace of its own.
class TestKernelFacts : public QObject
{
    Q_OBJECT

    static bool writeSysctl(const QString &name, const QByteArray &value)
    {
        const QByteArray path = QByteArray::fromStdString(SysctlReader::procPath(name.toStdString()));
        const int fd = open(path.constData(), O_WRONLY | O_CLOEXEC);
        if (fd < 0)
            return false;
        const bool ok = write(fd, value.constData(), std::size_t(value.size())) == value.size();
        close(fd);
        return ok;
    }

    // A TcpExt counter of this namespace; -1 if the kernel has none of that name.
    static qint64 counter(const char *name) { return nstatCounters().value(QStringLiteral("TcpExt") + QLatin1String(name), -1); }

    static qint64 timewaitTable()
    {
        SockstatFigures figures;
        SockstatParser::parseSockstat(ProcFile::read("/proc/net/sockstat").contents, &figures);
        return figures.tcpTimeWait;
    }

    static int tcpSocket(bool reuseAddress = false)
    {
        const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const int one = 1;
        if (fd >= 0 && reuseAddress)
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        return fd;
    }

    static sockaddr_in address(quint32 host, quint16 port)
    {
        sockaddr_in a {};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(host);
        a.sin_port = htons(port);
        return a;
    }

    static bool bindTo(int fd, quint32 host, quint16 port)
    {
        const sockaddr_in a = address(host, port);
        return bind(fd, reinterpret_cast<const sockaddr *>(&a), sizeof a) == 0;
    }

    // A listener on 127.0.0.1:port and one accepted connection: *client, *server.
    static bool connectedPair(int listener, quint16 port, int *client, int *server)
    {
        *client = tcpSocket();
        const sockaddr_in a = address(INADDR_LOOPBACK, port);
        if (::connect(*client, reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0)
            return false;
        *server = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
        return *server >= 0;
    }

    // Waits (not a timing assertion) until the kernel has moved the closed socket where expected.
    static bool waitFor(const std::function<bool()> &condition) { return QTest::qWaitFor(condition, 5000); }

    // The client closes and the server never does: the client's socket becomes an orphaned
    // FIN-WAIT-2 entry in the timewait table (tcp_rcv_state_process -> tcp_time_wait).
    static bool orphanedFinWait2(int listener, quint16 port, int *heldServer)
    {
        int client = -1;
        const qint64 before = timewaitTable();
        if (!connectedPair(listener, port, &client, heldServer))
            return false;
        close(client);
        return waitFor([&] { return timewaitTable() == before + 1; });
    }

    // The orphaned FIN-WAIT-2 row towards 127.0.0.1:port in /proc/net/tcp: its timer kind (2
    // keepalive of a full socket, 3 a timewait entry) and time left in clock ticks; false if none.
    static bool finWait2Timer(quint16 port, int *kind, qint64 *ticksLeft)
    {
        const QByteArray remote = QByteArray("0100007F:") + QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
        for (const QByteArray &line : QByteArray::fromStdString(ProcFile::read("/proc/net/tcp").contents).split('\n')) {
            const QList<QByteArray> f = line.simplified().split(' ');
            if (f.size() < 6 || f[2] != remote || f[3] != "05")
                continue;
            const QList<QByteArray> timer = f[5].split(':');
            *kind = timer.value(0).toInt(nullptr, 16);
            *ticksLeft = timer.value(1).toLongLong(nullptr, 16);
            return true;
        }
        return false;
    }

    // TIME-WAIT rows (state 06) on local port `port` of 127.0.0.1 in /proc/net/tcp.
    static int timeWaitRowsOnLocalPort(quint16 port)
    {
        const QByteArray local = QByteArray("0100007F:") + QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
        int rows = 0;
        for (const QByteArray &line : QByteArray::fromStdString(ProcFile::read("/proc/net/tcp").contents).split('\n')) {
            const QList<QByteArray> f = line.simplified().split(' ');
            rows += f.size() > 3 && f[1] == local && f[3] == "06" ? 1 : 0;
        }
        return rows;
    }

    static int listenerOn(quint16 port, bool reuseAddress = false)
    {
        const int fd = tcpSocket(reuseAddress);
        if (!bindTo(fd, INADDR_LOOPBACK, port) || listen(fd, 16) != 0)
            return -1;
        return fd;
    }

private slots:
    void init()
    {
        QString error;
        QVERIFY2(PrivateNetworkNamespace::enterFresh(&error), qPrintable(error));
    }

    // Where the catalog says the kernel accepts the same as sockscope, the kernel must refuse the
    // values just outside sockscope's limits; where it says more, the kernel must take them.
    void kernelRangesAreAsTold()
    {
        int checked = 0;
        for (const SysctlEntry &entry : SysctlCatalog::entries()) {
            if (entry.kernelRange || (entry.kind != SysctlEntry::Kind::Integer && entry.kind != SysctlEntry::Kind::Choice)
                || SysctlReader::read(entry.name).state != SysctlReading::State::Present)
                continue;
            for (const qint64 outside : {entry.minimum - 1, entry.maximum + 1}) {
                QVERIFY2(!writeSysctl(entry.key(), QByteArray::number(outside)),
                         qPrintable(entry.key() + QStringLiteral(" took ") + QString::number(outside)));
                ++checked;
            }
            QVERIFY(QString(SysctlCatalog::editingRange(entry)).contains(QLatin1String("the kernel accepts the same")));
        }
        QVERIFY(checked >= 6); // tcp_tw_reuse, tcp_tw_reuse_delay, tcp_orphan_retries
    }

    void kernelAcceptsMore_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("tcp_tw_reuse 3 rejected") << "net.ipv4.tcp_tw_reuse" << QByteArray("3") << false;
        QTest::newRow("tcp_timestamps 3") << "net.ipv4.tcp_timestamps" << QByteArray("3") << true;
        QTest::newRow("tcp_timestamps 255") << "net.ipv4.tcp_timestamps" << QByteArray("255") << true;
        QTest::newRow("tcp_timestamps 256") << "net.ipv4.tcp_timestamps" << QByteArray("256") << false;
        QTest::newRow("tcp_fin_timeout 0") << "net.ipv4.tcp_fin_timeout" << QByteArray("0") << true;
        QTest::newRow("tcp_fin_timeout -1") << "net.ipv4.tcp_fin_timeout" << QByteArray("-1") << true;
        QTest::newRow("tcp_fin_timeout 3601") << "net.ipv4.tcp_fin_timeout" << QByteArray("3601") << true;
        QTest::newRow("tcp_max_tw_buckets -1") << "net.ipv4.tcp_max_tw_buckets" << QByteArray("-1") << true;
        QTest::newRow("tcp_syncookies 3") << "net.ipv4.tcp_syncookies" << QByteArray("3") << true;
        QTest::newRow("tcp_syncookies 256") << "net.ipv4.tcp_syncookies" << QByteArray("256") << false;
        QTest::newRow("tcp_max_syn_backlog 0") << "net.ipv4.tcp_max_syn_backlog" << QByteArray("0") << true;
        QTest::newRow("tcp_max_syn_backlog -1") << "net.ipv4.tcp_max_syn_backlog" << QByteArray("-1") << true;
        QTest::newRow("somaxconn 0") << "net.core.somaxconn" << QByteArray("0") << true;
        QTest::newRow("somaxconn -1") << "net.core.somaxconn" << QByteArray("-1") << false;
        QTest::newRow("tcp_rfc1337 2") << "net.ipv4.tcp_rfc1337" << QByteArray("2") << true;
        QTest::newRow("tcp_rfc1337 255") << "net.ipv4.tcp_rfc1337" << QByteArray("255") << true;
        QTest::newRow("reserved port 0") << "net.ipv4.ip_local_reserved_ports" << QByteArray("0") << true;
    }

    void kernelAcceptsMore()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, value);
        QFETCH(bool, accepted);
        QCOMPARE(writeSysctl(name, value), accepted);
        const SysctlEntry *entry = SysctlCatalog::find(name);
        QVERIFY(entry);
        // The catalog says so: a value sockscope refuses but the kernel takes is announced.
        if (accepted)
            QVERIFY2(entry->kernelRange, qPrintable(name));
    }

    // "3 to 255 behave like 2 (no offset)": TCP_TIMESTAMP reads the connection's clock plus its
    // offset, so without an offset two connections read the same clock (to the millisecond tick).
    void timestampsAboveTwoAddNoOffset_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("offset");
        QTest::newRow("1: offset") << QByteArray("1") << true;
        QTest::newRow("2: none") << QByteArray("2") << false;
        QTest::newRow("3: none") << QByteArray("3") << false;
        QTest::newRow("255: none") << QByteArray("255") << false;
    }

    void timestampsAboveTwoAddNoOffset()
    {
        QFETCH(QByteArray, value);
        QFETCH(bool, offset);
        QVERIFY(writeSysctl(QStringLiteral("net.ipv4.tcp_timestamps"), value));
        const int listener = listenerOn(7106);
        QVERIFY(listener >= 0);
        quint32 stamps[3] = {};
        int fds[6];
        for (int i = 0; i < 3; ++i) {
            QVERIFY(connectedPair(listener, 7106, &fds[2 * i], &fds[2 * i + 1]));
            socklen_t size = sizeof stamps[i];
            QCOMPARE(getsockopt(fds[2 * i], IPPROTO_TCP, TCP_TIMESTAMP, &stamps[i], &size), 0);
        }
        // Random 32-bit offsets within a second of each other: about one chance in two million.
        const auto near = [](quint32 a, quint32 b) { return (a > b ? a - b : b - a) < 1000; };
        QCOMPARE(!(near(stamps[0], stamps[1]) && near(stamps[1], stamps[2])), offset);
        for (const int fd : fds)
            close(fd);
        close(listener);
    }

    // TcpExt TW counts orphaned FIN-WAIT-2 entries whose timeout is over 4 s; TWKilled those of
    // 4 s or less (inet_twsk_hashdance_schedule). Both sit in sockstat's tw.
    void finWait2Counting_data()
    {
        QTest::addColumn<QByteArray>("finTimeout");
        QTest::addColumn<bool>("killed");
        QTest::newRow("5 s: TW") << QByteArray("5") << false;
        QTest::newRow("60 s: TW") << QByteArray("60") << false;
        QTest::newRow("4 s: TWKilled") << QByteArray("4") << true;
        QTest::newRow("2 s: TWKilled") << QByteArray("2") << true;
    }

    void finWait2Counting()
    {
        QFETCH(QByteArray, finTimeout);
        QFETCH(bool, killed);
        QVERIFY(writeSysctl(QStringLiteral("net.ipv4.tcp_fin_timeout"), finTimeout));
        const int listener = listenerOn(7100);
        QVERIFY(listener >= 0);
        const qint64 tw = counter("TW");
        const qint64 twKilled = counter("TWKilled");
        int server = -1;
        QVERIFY(orphanedFinWait2(listener, 7100, &server));
        QCOMPARE(counter("TW") - tw, killed ? 0 : 1);
        QCOMPARE(counter("TWKilled") - twKilled, killed ? 1 : 0);
        // ss shows it as FIN-WAIT-2 with a timewait timer, as the timer tooltip says.
        QProcess ss;
        ss.start(QStringLiteral("ss"), {QStringLiteral("-tanoH"), QStringLiteral("state"), QStringLiteral("fin-wait-2")});
        QVERIFY(ss.waitForFinished());
        const QString out = QString::fromUtf8(ss.readAllStandardOutput());
        QVERIFY2(out.contains(QLatin1String("timer:(timewait,")), qPrintable(out));
        close(server);
        close(listener);
    }

    // A server that closes first goes through an orphaned FIN-WAIT-2 entry, which the client's FIN
    // turns into a 60 s TIME-WAIT (inet_twsk_reschedule, rearm: not counted again): TW and TWKilled
    // count the entry once, as it is made (__inet_twsk_schedule), by its first timeout. With
    // tcp_fin_timeout 3 the server's TIME-WAIT is all in TWKilled; neither is "entered TIME-WAIT".
    void serverTimeWaitCountedByFirstTimeout_data()
    {
        QTest::addColumn<QByteArray>("finTimeout");
        QTest::addColumn<bool>("killed");
        QTest::newRow("60 s: TW") << QByteArray("60") << false;
        QTest::newRow("3 s: TWKilled") << QByteArray("3") << true;
    }

    void serverTimeWaitCountedByFirstTimeout()
    {
        QFETCH(QByteArray, finTimeout);
        QFETCH(bool, killed);
        constexpr int Connections = 10;
        QVERIFY(writeSysctl(QStringLiteral("net.ipv4.tcp_fin_timeout"), finTimeout));
        const int listener = listenerOn(7110);
        QVERIFY(listener >= 0);
        const qint64 tw = counter("TW");
        const qint64 twKilled = counter("TWKilled");
        const qint64 table = timewaitTable();
        int clients[Connections];
        for (int &client : clients) {
            int server = -1;
            QVERIFY(connectedPair(listener, 7110, &client, &server));
            close(server); // the server closes first: FIN-WAIT-2 once the client has ACKed
        }
        QVERIFY(waitFor([&] { return timewaitTable() == table + Connections; }));
        for (const int client : clients)
            close(client); // the client's FIN: the entries become TIME-WAIT
        QVERIFY(waitFor([&] { return timeWaitRowsOnLocalPort(7110) == Connections; }));
        QCOMPARE(counter("TW") - tw, killed ? 0 : Connections);
        QCOMPARE(counter("TWKilled") - twKilled, killed ? Connections : 0);
        close(listener);
    }

    // tcp_fin_timeout above 60 s is spent twice (tcp_close / tcp_rcv_state_process arm the
    // keepalive timer for fin_time - TCP_TIMEWAIT_LEN; tcp_keepalive_timer then calls
    // tcp_time_wait(sk, TCP_FIN_WAIT2, fin_time - TCP_TIMEWAIT_LEN)): with 62, first about 2 s as
    // a full socket (outside the timewait table), then about 2 s as a timewait entry, which
    // TWKilled counts because its own timeout is at most 4 s. Not 62 s in either phase.
    void finTimeoutAboveSixtyIsSpentTwice()
    {
        QVERIFY(writeSysctl(QStringLiteral("net.ipv4.tcp_fin_timeout"), "62"));
        const int listener = listenerOn(7108);
        QVERIFY(listener >= 0);
        const qint64 tw = counter("TW");
        const qint64 twKilled = counter("TWKilled");
        const qint64 table = timewaitTable();
        int client = -1;
        int server = -1;
        QVERIFY(connectedPair(listener, 7108, &client, &server));
        close(client);
        int kind = 0;
        qint64 left = 0;
        const qint64 hz = sysconf(_SC_CLK_TCK);
        QVERIFY(waitFor([&] { return finWait2Timer(7108, &kind, &left); }));
        QCOMPARE(kind, 2); // the full socket's keepalive timer
        QVERIFY2(left > 0 && left <= 2 * hz, qPrintable(QString::number(left)));
        QCOMPARE(timewaitTable(), table);
        QVERIFY(waitFor([&] { return finWait2Timer(7108, &kind, &left) && kind == 3; }));
        QVERIFY2(left > 0 && left <= 2 * hz, qPrintable(QString::number(left)));
        QCOMPARE(timewaitTable(), table + 1);
        QCOMPARE(counter("TWKilled") - twKilled, 1);
        QCOMPARE(counter("TW") - tw, 0);
        // And then it is gone: 2 × (62 - 60) s in all.
        QVERIFY(waitFor([&] { return !finWait2Timer(7108, &kind, &left); }));
        QCOMPARE(timewaitTable(), table);
        close(server);
        close(listener);
    }

    // tcp_max_tw_buckets caps the whole timewait table: an orphaned FIN-WAIT-2 entry uses up a
    // limit of 1, so the next close that wants an entry overflows.
    void finWait2CountsAgainstTheBuckets()
    {
        QVERIFY(writeSysctl(QStringLiteral("net.ipv4.tcp_max_tw_buckets"), "1"));
        const int listener = listenerOn(7101);
        QVERIFY(listener >= 0);
        int held = -1;
        QVERIFY(orphanedFinWait2(listener, 7101, &held));
        QCOMPARE(timewaitTable(), 1);
        const qint64 overflow = counter("TCPTimeWaitOverflow");
        int client = -1, server = -1;
        QVERIFY(connectedPair(listener, 7101, &client, &server));
        close(server); // the server closes first and would hold TIME-WAIT
        QVERIFY(waitFor([&] {
            char byte;
            return recv(client, &byte, 1, MSG_DONTWAIT) == 0;
        }));
        close(client);
        QVERIFY(waitFor([&] { return counter("TCPTimeWaitOverflow") == overflow + 1; }));
        QCOMPARE(timewaitTable(), 1);
        close(held);
        close(listener);
    }

    // Item 1 of issue 9: the half-open queue is capped by the listener's own backlog,
    // min(listen() backlog, somaxconn), and syncookies start past that cap whatever
    // tcp_max_syn_backlog says; tcp_max_syn_backlog matters only with tcp_syncookies=0, where SYNs
    // from unproven peers are dropped once the queue passes 3/4 of it (tcp_conn_request).
    void halfOpenQueue_data()
    {
        QTest::addColumn<QByteArray>("syncookies");
        QTest::addColumn<QByteArray>("maxSynBacklog");
        QTest::addColumn<int>("backlog");
        QTest::addColumn<int>("requests"); // request sockets kept of 20 SYNs
        QTest::addColumn<int>("cookies");
        // inet_csk_reqsk_queue_is_full: full once the queue holds more than the backlog.
        QTest::newRow("cookies past a backlog of 8") << QByteArray("1") << QByteArray("2048") << 8 << 9 << 11;
        QTest::newRow("tcp_max_syn_backlog 4 changes nothing") << QByteArray("1") << QByteArray("4") << 8 << 9 << 11;
        QTest::newRow("no cookies: 3/4 of tcp_max_syn_backlog 8") << QByteArray("0") << QByteArray("8") << 64 << 7 << 0;
        QTest::newRow("no cookies: the backlog first") << QByteArray("0") << QByteArray("2048") << 8 << 9 << 0;
    }

    void halfOpenQueue()
    {
        QFETCH(QByteArray, syncookies);
        QFETCH(QByteArray, maxSynBacklog);
        QFETCH(int, backlog);
        QFETCH(int, requests);
        QFETCH(int, cookies);
        QVERIFY(writeSysctl(QStringLiteral("net.ipv4.tcp_syncookies"), syncookies));
        QVERIFY(writeSysctl(QStringLiteral("net.ipv4.tcp_max_syn_backlog"), maxSynBacklog));
        QString error;
        // SYN-ACKs to 198.51.100.0/24 (TEST-NET-2) loop back and are dropped: the requests stay.
        QVERIFY2(PrivateNetworkNamespace::run({QStringLiteral("ip"), QStringLiteral("route"), QStringLiteral("add"),
                                               QStringLiteral("198.51.100.0/24"), QStringLiteral("dev"), QStringLiteral("lo")},
                                              &error),
                 qPrintable(error));
        SocketPopulation population;
        const SocketPopulation::Endpoint server {AF_INET, "127.0.0.1", 7107};
        QVERIFY2(population.listen(server, backlog), qPrintable(population.error()));
        const qint64 sent = counter("SyncookiesSent");
        QVERIFY2(population.halfOpenRequests(server, "198.51.100", 20), qPrintable(population.error()));
        const auto halfOpen = [] {
            int count = 0;
            for (const QByteArray &line : QByteArray::fromStdString(ProcFile::read("/proc/net/tcp").contents).split('\n')) {
                const QList<QByteArray> fields = line.simplified().split(' ');
                count += fields.size() > 3 && fields[3] == "03" ? 1 : 0;
            }
            return count;
        };
        QVERIFY(waitFor([&] { return halfOpen() + counter("SyncookiesSent") - sent >= requests + cookies; }));
        QCOMPARE(halfOpen(), requests);
        QCOMPARE(counter("SyncookiesSent") - sent, cookies);
    }

    // "SO_REUSEADDR: the old sockets and the new one both need it."
    void reuseAddressNeedsBothSides_data()
    {
        QTest::addColumn<bool>("oldHadIt");
        QTest::newRow("old listener without") << false;
        QTest::newRow("old listener with") << true;
    }

    void reuseAddressNeedsBothSides()
    {
        QFETCH(bool, oldHadIt);
        const int listener = listenerOn(7102, oldHadIt);
        QVERIFY(listener >= 0);
        int client = -1, server = -1;
        QVERIFY(connectedPair(listener, 7102, &client, &server));
        close(server);
        QVERIFY(waitFor([&] {
            char byte;
            return recv(client, &byte, 1, MSG_DONTWAIT) == 0;
        }));
        close(client);
        close(listener);
        QVERIFY(waitFor([] { return timewaitTable() == 1; })); // the server's side, on port 7102
        const int restarted = tcpSocket(true);
        QCOMPARE(bindTo(restarted, INADDR_LOOPBACK, 7102), oldHadIt);
        close(restarted);
    }

    // "With SO_REUSEADDR, 127.0.0.1 and 0.0.0.0 can both be bound to one port, but both cannot
    // listen: once one listens, the other's bind() or listen() fails."
    void loopbackAndWildcardOnOnePort()
    {
        const int a = tcpSocket(true);
        const int b = tcpSocket(true);
        QVERIFY(bindTo(a, INADDR_LOOPBACK, 7103));
        QVERIFY(bindTo(b, INADDR_ANY, 7103)); // with SO_REUSEADDR and nobody listening: allowed
        QCOMPARE(listen(a, 4), 0);
        QCOMPARE(listen(b, 4), -1);
        QCOMPARE(errno, EADDRINUSE);
        const int c = tcpSocket(true);
        QVERIFY(!bindTo(c, INADDR_ANY, 7103)); // and once one listens, bind() itself fails
        QCOMPARE(errno, EADDRINUSE);
        for (const int fd : {a, b, c})
            close(fd);
    }

    // "SO_LINGER {1, 0}: close() sends an RST, no TIME-WAIT, the peer gets a reset."
    void lingerZeroSkipsTimeWait()
    {
        const int listener = listenerOn(7104);
        int client = -1, server = -1;
        QVERIFY(connectedPair(listener, 7104, &client, &server));
        const linger zero {1, 0};
        QCOMPARE(setsockopt(client, SOL_SOCKET, SO_LINGER, &zero, sizeof zero), 0);
        const qint64 aborts = counter("TCPAbortOnData");
        close(client);
        char byte;
        pollfd p {server, POLLIN, 0};
        QVERIFY(poll(&p, 1, 5000) == 1);
        QCOMPARE(recv(server, &byte, 1, 0), -1);
        QCOMPARE(errno, ECONNRESET);
        QCOMPARE(timewaitTable(), 0);
        QCOMPARE(counter("TCPAbortOnData"), aborts + 1); // what the "see it yourself" command shows
        close(server);
        close(listener);
    }

    // The close sequence's note: the side that closes first also ends without TIME-WAIT when
    // data arrives after its close() (tcp_timewait_state_process answers new data on a FIN-WAIT-2
    // entry with TCP_TW_RST) and when the peer never sends its FIN (the FIN-WAIT-2 entry expires
    // after tcp_fin_timeout).
    void closerEndsWithoutTimeWait_data()
    {
        QTest::addColumn<bool>("peerSendsData");
        QTest::newRow("data after close()") << true;
        QTest::newRow("the peer never sends its FIN") << false;
    }

    void closerEndsWithoutTimeWait()
    {
        QFETCH(bool, peerSendsData);
        QVERIFY(writeSysctl(QStringLiteral("net.ipv4.tcp_fin_timeout"), "1"));
        const int listener = listenerOn(7112);
        QVERIFY(listener >= 0);
        int client = -1, server = -1;
        QVERIFY(connectedPair(listener, 7112, &client, &server));
        const qint64 resets = nstatCounters().value(QStringLiteral("TcpOutRsts"));
        close(server); // the server closes first, as an HTTP server without keep-alive
        QVERIFY(waitFor([&] {
            char byte;
            return recv(client, &byte, 1, MSG_DONTWAIT) == 0;
        }));
        QVERIFY(waitFor([] { return timewaitTable() == 1; })); // its orphaned FIN-WAIT-2 entry
        if (peerSendsData) {
            QCOMPARE(send(client, "GET", 3, MSG_NOSIGNAL), ssize_t(3)); // the next request, in flight
            QVERIFY(waitFor([] { return timewaitTable() == 0; }));
            QCOMPARE(nstatCounters().value(QStringLiteral("TcpOutRsts")), resets + 1);
        } else {
            QVERIFY(QTest::qWaitFor([] { return timewaitTable() == 0; }, 10000));
        }
        close(client);
        QVERIFY(waitFor([] { return tcpRowsInState("09") == 0; })); // no LAST-ACK left either
        QCOMPARE(timewaitTable(), 0);
        QCOMPARE(tcpRowsInState("06"), 0);
        close(listener);
    }

private:
    // What a command printed: exit code, stdout, stderr.
    struct ShellRun
    {
        int exitCode = -1;
        QString out;
        QString error;
    };

    static ShellRun runShell(const QString &command)
    {
        QProcess shell;
        shell.start(QStringLiteral("sh"), {QStringLiteral("-c"), command});
        ShellRun run;
        if (!shell.waitForFinished(20000))
            return run;
        run.exitCode = shell.exitCode();
        run.out = QString::fromUtf8(shell.readAllStandardOutput());
        run.error = QString::fromUtf8(shell.readAllStandardError());
        return run;
    }

    // Every counter of /proc/net/netstat and /proc/net/snmp under the name nstat gives it:
    // the line's label ("TcpExt", "Tcp") followed by the field ("TW", "OutRsts").
    static QMap<QString, qint64> nstatCounters()
    {
        QMap<QString, qint64> counters;
        for (const char *file : {"/proc/net/netstat", "/proc/net/snmp"}) {
            const QList<QByteArray> lines = QByteArray::fromStdString(ProcFile::read(file).contents).split('\n');
            for (int i = 0; i + 1 < lines.size(); i += 2) {
                const QList<QByteArray> names = lines[i].simplified().split(' ');
                const QList<QByteArray> values = lines[i + 1].simplified().split(' ');
                const QString label = QString::fromLatin1(names.value(0)).chopped(1);
                for (int k = 1; k < names.size() && k < values.size(); ++k)
                    counters.insert(label + QString::fromLatin1(names[k]), values[k].toLongLong());
            }
        }
        return counters;
    }

    // The data rows of ss output (its header line left out), each split into fields.
    static QList<QStringList> ssRows(const QString &out)
    {
        QList<QStringList> rows;
        for (const QString &line : out.split(QLatin1Char('\n'))) {
            const QStringList fields = line.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
            if (fields.isEmpty() || line.startsWith(QLatin1Char('\t')) || line.startsWith(QLatin1Char(' '))
                || fields[0] == QLatin1String("State") || fields[0] == QLatin1String("Recv-Q"))
                continue;
            rows << fields;
        }
        return rows;
    }

    static int fieldCount(const QList<QStringList> &rows, int field, const QString &value)
    {
        return int(std::count_if(rows.begin(), rows.end(), [&](const QStringList &row) { return row.value(field) == value; }));
    }

    // "sysctl a b" prints "a = value" for each name, as /proc/sys has it.
    static QString checkSysctl(const QString &command, const QString &out)
    {
        QStringList expected;
        for (const QString &name : command.section(QLatin1String("sysctl "), 1).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            const SysctlReading reading = SysctlReader::read(name.toStdString());
            if (reading.state != SysctlReading::State::Present)
                return name + QStringLiteral(" unreadable");
            expected << QString(name + QStringLiteral(" = ") + QString::fromStdString(reading.value)).simplified();
        }
        QStringList printed;
        for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            printed << line.simplified();
        return printed == expected ? QString() : QStringLiteral("expected ") + expected.join(QStringLiteral(" | "));
    }

    // "nstat -az A B" prints exactly A and B, with the values /proc has now.
    static QString checkNstat(const QString &command, const QString &out)
    {
        const QStringList asked = command.section(QLatin1String("-az "), 1).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const QMap<QString, qint64> counters = nstatCounters();
        QStringList printed;
        for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            if (line.startsWith(QLatin1Char('#')))
                continue;
            const QStringList fields = line.simplified().split(QLatin1Char(' '));
            if (!counters.contains(fields[0]) || fields.value(1) != QString::number(counters.value(fields[0])))
                return QStringLiteral("wrong line: ") + line;
            printed << fields[0];
        }
        printed.sort();
        QStringList expected = asked;
        expected.sort();
        return printed == expected ? QString() : QStringLiteral("printed ") + printed.join(QLatin1Char(' '));
    }

    static int localPortOf(int fd)
    {
        sockaddr_in a {};
        socklen_t length = sizeof a;
        getsockname(fd, reinterpret_cast<sockaddr *>(&a), &length);
        return ntohs(a.sin_port);
    }

    static bool usesTimestamps(int fd)
    {
        tcp_info info {};
        socklen_t length = sizeof info;
        return getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &length) == 0 && (info.tcpi_options & TCPI_OPT_TIMESTAMPS);
    }

    static int tcpRowsInState(const char *hexState)
    {
        int rows = 0;
        for (const QByteArray &line : QByteArray::fromStdString(ProcFile::read("/proc/net/tcp").contents).split('\n'))
            rows += line.simplified().split(' ').value(3) == hexState ? 1 : 0;
        return rows;
    }

private slots:
    // Each "see it yourself" command, run as shown in a namespace holding what it is about,
    // prints what its caption says: TIME-WAIT entries on both sides, an orphaned FIN-WAIT-2
    // entry, an orphan stuck in FIN-WAIT-1 behind a closed window, connections with and without
    // timestamps, listeners (two sharing a port with SO_REUSEPORT, one with a queued connection)
    // and both kinds of abort. Where the subject cannot be set up here (the dmesg line, a
    // half-open connection) the command is checked for what it prints without it; the two that
    // read a file this namespace lacks fail, which is what they are there to show.
    void seeItYourselfCommandsRun()
    {
        std::vector<int> fds;
        const auto keep = [&](int fd) {
            fds.push_back(fd);
            return fd;
        };
        const int listener = keep(listenerOn(7105));
        QVERIFY(listener >= 0);
        int towardsListener = 0; // client sockets whose peer is 127.0.0.1:7105
        // Three closes by the server, two by the client: 5 TIME-WAIT rows, 3 on each side's port.
        for (int i = 0; i < 5; ++i) {
            int client = -1, server = -1;
            QVERIFY(connectedPair(listener, 7105, &client, &server));
            const bool serverFirst = i < 3;
            close(serverFirst ? server : client);
            const int other = serverFirst ? client : server;
            QVERIFY(waitFor([&] {
                char byte;
                return recv(other, &byte, 1, MSG_DONTWAIT) == 0;
            }));
            close(other);
            towardsListener += serverFirst ? 0 : 1;
        }
        int held = -1;
        QVERIFY(orphanedFinWait2(listener, 7105, &held));
        keep(held);
        ++towardsListener;
        QVERIFY(waitFor([] { return tcpRowsInState("06") == 5 && timewaitTable() == 6 && tcpRowsInState("09") == 0; }));
        // One connection with timestamps, one without.
        int stamped = -1, unstamped = -1, peer = -1;
        QVERIFY(connectedPair(listener, 7105, &stamped, &peer));
        keep(stamped);
        keep(peer);
        QVERIFY(writeSysctl(QStringLiteral("net.ipv4.tcp_timestamps"), "0"));
        QVERIFY(connectedPair(listener, 7105, &unstamped, &peer));
        keep(unstamped);
        keep(peer);
        QVERIFY(writeSysctl(QStringLiteral("net.ipv4.tcp_timestamps"), "1"));
        QVERIFY(usesTimestamps(stamped) && !usesTimestamps(unstamped));
        towardsListener += 2;
        // SO_LINGER {1, 0} with nothing unread, and a close with unread data: one abort of each kind.
        for (const bool unread : {false, true}) {
            int client = -1, server = -1;
            QVERIFY(connectedPair(listener, 7105, &client, &server));
            if (unread) {
                QCOMPARE(send(server, "x", 1, 0), ssize_t(1));
                pollfd p {client, POLLIN, 0};
                QCOMPARE(poll(&p, 1, 5000), 1);
            } else {
                const linger zero {1, 0};
                QCOMPARE(setsockopt(client, SOL_SOCKET, SO_LINGER, &zero, sizeof zero), 0);
            }
            close(client);
            pollfd p {server, POLLIN, 0};
            QCOMPARE(poll(&p, 1, 5000), 1);
            char byte;
            QCOMPARE(recv(server, &byte, 1, 0), ssize_t(-1));
            QCOMPARE(errno, ECONNRESET);
            close(server);
        }
        // An orphan in FIN-WAIT-1: its FIN waits behind data the peer's full window refuses.
        const int small = 4096;
        const int slowListener = keep(tcpSocket());
        setsockopt(slowListener, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
        QVERIFY(bindTo(slowListener, INADDR_LOOPBACK, 7111) && listen(slowListener, 4) == 0);
        int writer = -1, reader = -1;
        QVERIFY(connectedPair(slowListener, 7111, &writer, &reader));
        keep(reader);
        setsockopt(writer, SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
        const QByteArray chunk(4096, 'x');
        QVERIFY(waitFor(
            [&] { return send(writer, chunk.constData(), std::size_t(chunk.size()), MSG_DONTWAIT) < 0 && errno == EAGAIN; }));
        close(writer);
        QCOMPARE(tcpRowsInState("04"), 1); // FIN-WAIT-1
        // Listeners: two sharing port 7107 with SO_REUSEPORT; one on 7109 with a connection queued.
        for (int i = 0; i < 2; ++i) {
            const int fd = keep(tcpSocket());
            const int one = 1;
            setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
            QVERIFY(bindTo(fd, INADDR_ANY, 7107) && listen(fd, 8) == 0);
        }
        const int queueing = keep(listenerOn(7109));
        const int queued = keep(tcpSocket());
        const sockaddr_in queueAddress = address(INADDR_LOOPBACK, 7109);
        QCOMPARE(::connect(queued, reinterpret_cast<const sockaddr *>(&queueAddress), sizeof queueAddress), 0);
        QVERIFY(queueing >= 0);

        const QString loopbackListener = QStringLiteral("127.0.0.1:7105");
        const QString self = QStringLiteral("pid=%1,").arg(getpid());
        const auto firstLine = [](const QString &out) { return out.section(QLatin1Char('\n'), 0, 0).simplified(); };
        // What each command must print here; an empty string means it does.
        const std::map<QString, std::function<QString(const QString &)>> checks {
            {QStringLiteral("ss -tano state time-wait"),
             [&](const QString &out) {
                 const QList<QStringList> rows = ssRows(out);
                 const bool timers = std::all_of(rows.begin(), rows.end(), [](const QStringList &row) {
                     return row.join(QLatin1Char(' ')).contains(QLatin1String("timer:(timewait,"));
                 });
                 // One state asked for: ss leaves the State column out.
                 return rows.size() == 5 && timers && fieldCount(rows, 2, loopbackListener) == 3
                         && fieldCount(rows, 3, loopbackListener) == 2
                     ? QString()
                     : QStringLiteral("5 rows with timewait timers, 3 from and 2 towards :7105");
             }},
            {QStringLiteral("ss -tano state fin-wait-2"),
             [&](const QString &out) {
                 const QList<QStringList> rows = ssRows(out);
                 return rows.size() == 1 && rows[0].value(3) == loopbackListener
                         && rows[0].join(QLatin1Char(' ')).contains(QLatin1String("timer:(timewait,"))
                     ? QString()
                     : QStringLiteral("the orphan towards :7105 with a timewait timer");
             }},
            {QStringLiteral("ss -tano state fin-wait-1 state closing state last-ack"),
             [&](const QString &out) {
                 const QList<QStringList> rows = ssRows(out);
                 return rows.size() == 1 && rows[0].value(0) == QLatin1String("FIN-WAIT-1")
                         && rows[0].value(4) == QLatin1String("127.0.0.1:7111")
                         && rows[0].join(QLatin1Char(' ')).contains(QLatin1String("timer:("))
                     ? QString()
                     : QStringLiteral("the FIN-WAIT-1 orphan towards :7111 with its timer");
             }},
            {QStringLiteral("ss -tan state syn-recv"),
             [&](const QString &out) {
                 return firstLine(out).startsWith(QLatin1String("Recv-Q Send-Q Local Address:Port Peer Address:Port"))
                         && ssRows(out).isEmpty()
                     ? QString()
                     : QStringLiteral("the header without a State column, and no half-open connection");
             }},
            {QStringLiteral("ss -tnio"),
             [&](const QString &out) {
                 // The option flags are on the line under each connection.
                 const QStringList lines = out.split(QLatin1Char('\n'));
                 const auto flags = [&](int fd) {
                     const QString local = QStringLiteral("127.0.0.1:%1").arg(localPortOf(fd));
                     for (int i = 0; i + 1 < lines.size(); ++i) {
                         if (lines[i].simplified().split(QLatin1Char(' ')).value(3) == local)
                             return lines[i + 1].simplified().split(QLatin1Char(' '));
                     }
                     return QStringList();
                 };
                 return flags(stamped).contains(QLatin1String("ts")) && !flags(unstamped).contains(QLatin1String("ts"))
                         && flags(unstamped).contains(QLatin1String("sack"))
                     ? QString()
                     : QStringLiteral("\"ts\" for the connection with timestamps, not for the other");
             }},
            {QStringLiteral("ss -ltn"),
             [&](const QString &out) {
                 const QList<QStringList> rows = ssRows(out);
                 // Send-Q is the backlog in force, Recv-Q the connections waiting for accept().
                 const QStringList queuedRow {QStringLiteral("LISTEN"), QStringLiteral("1"), QStringLiteral("16"),
                                              QStringLiteral("127.0.0.1:7109"), QStringLiteral("0.0.0.0:*")};
                 return rows.size() == 5 && rows.contains(queuedRow) && fieldCount(rows, 3, QStringLiteral("0.0.0.0:7107")) == 2
                     ? QString()
                     : QStringLiteral("5 listeners, 1 queued of 16 on :7109");
             }},
            {QStringLiteral("ss -ltnp"),
             [&](const QString &out) {
                 const QList<QStringList> rows = ssRows(out);
                 int shared = 0;
                 for (const QStringList &row : rows)
                     shared += row.value(3) == QLatin1String("0.0.0.0:7107") && row.join(QLatin1Char(' ')).contains(self) ? 1 : 0;
                 return shared == 2 ? QString() : QStringLiteral("two LISTEN rows on 0.0.0.0:7107 held by this process");
             }},
            {QStringLiteral("ss -tanH state connected | awk '{print $5}' | sort | uniq -c | sort -rn | head"),
             [&](const QString &out) {
                 return firstLine(out) == QStringLiteral("%1 %2").arg(towardsListener).arg(loopbackListener)
                         && !out.contains(QLatin1Char('*'))
                     ? QString()
                     : QStringLiteral("%1 towards :7105 first, and no listener").arg(towardsListener);
             }},
            {QStringLiteral("ss -tanH state time-wait | awk '{print $3}' | sort | uniq -c | sort -rn | head"),
             [&](const QString &out) {
                 return firstLine(out) == QStringLiteral("3 ") + loopbackListener ? QString()
                                                                                  : QStringLiteral("3 on :7105 first");
             }},
            {QStringLiteral("ss -tanH state time-wait | awk '{print $4}' | sort | uniq -c | sort -rn | head"),
             [&](const QString &out) {
                 return firstLine(out) == QStringLiteral("2 ") + loopbackListener ? QString()
                                                                                  : QStringLiteral("2 towards :7105 first");
             }},
            {QStringLiteral("cat /proc/net/sockstat"),
             [&](const QString &out) {
                 const QString tcp = out.section(QLatin1String("TCP: "), 1, 1).section(QLatin1Char('\n'), 0, 0);
                 return tcp.section(QLatin1String(" tw "), 1, 1).section(QLatin1Char(' '), 0, 0) == QLatin1String("6")
                     ? QString()
                     : QStringLiteral("tw 6: five TIME-WAIT and one FIN-WAIT-2 entry");
             }},
            {QStringLiteral("slabtop -o | grep tw_sock"),
             [&](const QString &out) {
                 return out.contains(QRegularExpression(QStringLiteral("^\\s*\\d+.*\\btw_sock_TCP\\s*$"),
                                                        QRegularExpression::MultilineOption))
                     ? QString()
                     : QStringLiteral("a tw_sock_TCP line");
             }},
            {QStringLiteral("dmesg | grep -i 'orphaned sockets'"),
             [&](const QString &out) {
                 const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
                 return std::all_of(lines.begin(), lines.end(),
                                    [](const QString &line) { return line.contains(QLatin1String("too many orphaned sockets")); })
                     ? QString()
                     : QStringLiteral("only \"too many orphaned sockets\" lines");
             }},
        };
        // What the counters must read in this namespace now.
        const std::map<QString, qint64> counted {
            {QStringLiteral("TcpExtTW"), 6}, // every entry was made with a 60 s timeout
            {QStringLiteral("TcpExtTWKilled"), 0},
            {QStringLiteral("TcpExtTWRecycled"), 0},
            {QStringLiteral("TcpExtTCPTimeWaitOverflow"), 0},
            {QStringLiteral("TcpExtTCPAbortOnData"), 1}, // SO_LINGER {1, 0}, nothing unread (__tcp_close)
            {QStringLiteral("TcpExtTCPAbortOnClose"), 1}, // unread data thrown away
            {QStringLiteral("TcpOutRsts"), 2},
            {QStringLiteral("TcpExtListenOverflows"), 0},
        };

        int checked = 0;
        std::set<QString> seen;
        for (const QString &key : SeeItYourself::keys()) {
            for (const SeeItCommand &command : SeeItYourself::forKey(key)) {
                const QString text = QLatin1String(command.command);
                if (!seen.insert(text).second)
                    continue;
                const ShellRun run = runShell(text);
                const QString shown = text + QLatin1Char('\n') + run.out + run.error;
                const bool absentFile = text.contains(QLatin1String("tcp_tw_recycle"))
                    || text.contains(QLatin1String("/proc/sys/net/ipv4/tcp_max_orphans"));
                if (absentFile) {
                    QVERIFY2(run.exitCode != 0 && run.out.isEmpty(), qPrintable(shown));
                    QVERIFY2(run.error.contains(QLatin1String("No such file")), qPrintable(shown));
                } else if (text.startsWith(QLatin1String("dmesg"))) {
                    QVERIFY2(run.exitCode == 0 || run.exitCode == 1, qPrintable(shown)); // grep: 1 = no line
                    QVERIFY2(run.error.isEmpty(), qPrintable(shown));
                } else {
                    QVERIFY2(run.exitCode == 0 && run.error.isEmpty(), qPrintable(shown));
                }
                QString problem;
                if (text.startsWith(QLatin1String("sysctl ")) || text.startsWith(QLatin1String("unshare -n sysctl "))) {
                    // A fresh namespace has the same values as this one, which changed none of them.
                    problem = checkSysctl(text, run.out);
                } else if (text.startsWith(QLatin1String("nstat -az "))) {
                    problem = checkNstat(text, run.out);
                    const QMap<QString, qint64> now = nstatCounters();
                    qint64 aborts = 0;
                    for (const auto &[name, value] : counted) {
                        if (!text.contains(name + QLatin1Char(' ')) && !text.endsWith(name))
                            continue;
                        problem += now.value(name) == value ? QString() : QStringLiteral(" %1 should be %2").arg(name).arg(value);
                        aborts += name.startsWith(QLatin1String("TcpExtTCPAbortOn")) ? now.value(name) : 0;
                    }
                    // Every RST here came from one of the two aborts: shown next to the RSTs,
                    // the abort counters must account for each of them.
                    if (text.contains(QLatin1String("TcpOutRsts")) && aborts != now.value(QStringLiteral("TcpOutRsts")))
                        problem += QStringLiteral(" the abort counters shown add up to %1, not to TcpOutRsts").arg(aborts);
                } else if (const auto check = checks.find(text); check != checks.end()) {
                    problem = check->second(run.out);
                } else if (!absentFile) {
                    problem = QStringLiteral("no check for what this command shows");
                }
                QVERIFY2(problem.isEmpty(), qPrintable(shown + QStringLiteral("\n-> ") + problem));
                ++checked;
            }
        }
        QVERIFY(checked >= 25);
        // Each entry and each mix-up has commands.
        for (const SysctlEntry &entry : SysctlCatalog::entries())
            QVERIFY2(!SeeItYourself::forKey(entry.key()).empty(), entry.name);
        for (const MixUp &mixUp : MixUpCatalog::entries())
            QVERIFY2(!SeeItYourself::forKey(QLatin1String(mixUp.id)).empty(), mixUp.id);
        for (const int fd : fds)
            close(fd);
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestKernelFacts, QCoreApplication)
#include "tst_kernelfacts.moc"
