#include "wording/mixupcatalog.h"
#include "netnstestmain.h"
#include "core/collect/procfile.h"
#include "wording/seeityourself.h"
#include "socketpopulation.h"
#include "core/collect/sockstatparser.h"
#include "sysctl/sysctlcatalog.h"
#include "core/collect/sysctlreader.h"
#include "loopbacktcp.h"

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

using namespace LoopbackTcp;

// What the catalog and the mix-ups tell trainees, against the running kernel: accepted ranges,
// TW/TWKilled counting, what tcp_max_tw_buckets counts and the socket-option mix-ups (the "see it
// yourself" commands: tst_seeityourself). Each test in a fresh network namespace of its own.
class TestKernelFacts : public QObject
{
    Q_OBJECT

    // A TcpExt counter of this namespace; -1 if the kernel has none of that name.
    static qint64 counter(const char *name) { return nstatCounters().value(QStringLiteral("TcpExt") + QLatin1String(name), -1); }

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
};

SOCKSCOPE_NETNS_TEST_MAIN(TestKernelFacts, QCoreApplication)
#include "tst_kernelfacts.moc"
