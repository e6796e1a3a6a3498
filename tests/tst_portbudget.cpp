#include "netnstestmain.h"
#include "ownedsockets.h"
#include "core/snapshot/snapshotcollector.h"
#include "core/snapshot/portbudget.h"
#include "wording/portbudgettext.h"
#include "core/snapshot/portbudgetwords.h"
#include "core/collect/procnetcountersparser.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QTest>
#include <QThread>

#include <arpa/inet.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

// The port budget: the calculator on tables, and the kernel behaviour it encodes measured in a
// private namespace with a 4-port ip_local_port_range (net/ipv4/inet_hashtables.c
// __inet_hash_connect and __inet_check_established, net/ipv4/tcp_ipv4.c tcp_twsk_unique).
class TestPortBudget : public QObject
{
    Q_OBJECT

    static constexpr quint16 ServerPort = 8080;
    std::vector<int> m_fds;
    bool m_bindToLo = false; // client sockets get SO_BINDTODEVICE "lo"

    static bool writeSysctl(const char *name, const QByteArray &value)
    {
        QFile file(QStringLiteral("/proc/sys/net/ipv4/") + QLatin1String(name));
        return file.open(QIODevice::WriteOnly) && file.write(value + '\n') == value.size() + 1;
    }

    static qint64 timeWaitRecycled()
    {
        QFile file(QStringLiteral("/proc/net/netstat"));
        TcpCounters counters;
        CoreMessage error;
        if (!file.open(QIODevice::ReadOnly) || !ProcNetCountersParser::parse(file.readAll().toStdString(), &counters, &error))
            return -1;
        return counters.value(TcpCounter::TimeWaitRecycled);
    }

    static int timeWaitRows()
    {
        QFile file(QStringLiteral("/proc/net/tcp"));
        if (!file.open(QIODevice::ReadOnly))
            return -1;
        int rows = 0;
        for (const QByteArray &line : file.readAll().split('\n')) {
            const QList<QByteArray> fields = line.simplified().split(' ');
            rows += fields.size() > 3 && fields[3] == "06" ? 1 : 0;
        }
        return rows;
    }

    static sockaddr_in address(const char *ip, quint16 port)
    {
        sockaddr_in a {};
        a.sin_family = AF_INET;
        a.sin_port = htons(port);
        inet_pton(AF_INET, ip, &a.sin_addr);
        return a;
    }

    int listenOn(const char *ip)
    {
        const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const int on = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
        const sockaddr_in a = address(ip, ServerPort);
        if (bind(fd, reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0 || listen(fd, 64) != 0) {
            close(fd);
            return -1;
        }
        m_fds.push_back(fd);
        return fd;
    }

    // connect() from a fresh socket; returns its fd (or -errno). localPort > 0: bind() it first.
    int connectTo(const char *ip, bool reuseAddress = false, quint16 localPort = 0) const
    {
        const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const int on = 1;
        if (m_bindToLo)
            setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3);
        if (reuseAddress)
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
        if (localPort) {
            const sockaddr_in local = address(ip, localPort);
            if (bind(fd, reinterpret_cast<const sockaddr *>(&local), sizeof local) != 0) {
                const int error = errno;
                close(fd);
                return -error;
            }
        }
        const sockaddr_in a = address(ip, ServerPort);
        if (::connect(fd, reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0) {
            const int error = errno;
            close(fd);
            return -error;
        }
        return fd;
    }

    static quint16 localPort(int fd)
    {
        sockaddr_in a {};
        socklen_t length = sizeof a;
        getsockname(fd, reinterpret_cast<sockaddr *>(&a), &length);
        return ntohs(a.sin_port);
    }

    // Client closes first and so holds TIME-WAIT; the server closes once it has read the FIN.
    static bool closeClientFirst(int client, int listener)
    {
        pollfd ready {listener, POLLIN, 0};
        if (poll(&ready, 1, 5000) != 1)
            return false;
        const int accepted = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (accepted < 0)
            return false;
        close(client);
        pollfd fin {accepted, POLLIN, 0};
        char byte;
        const bool eof = poll(&fin, 1, 5000) == 1 && read(accepted, &byte, 1) == 0;
        close(accepted);
        return eof;
    }

    // Fills the 4-port range with TIME-WAIT entries towards ip:8080; returns their local ports.
    std::vector<quint16> fillRange(const char *ip, int listener, bool reuseAddress = false)
    {
        std::vector<quint16> ports;
        for (int i = 0; i < 4; ++i) {
            const int client = connectTo(ip, reuseAddress);
            if (client < 0)
                return {};
            ports.push_back(localPort(client));
            if (!closeClientFirst(client, listener))
                return {};
        }
        return ports;
    }

private slots:
    // The kernel part: each test in a fresh namespace with a 4-port range.
    void init()
    {
        if (!QByteArray(QTest::currentTestFunction()).startsWith("kernel"))
            return;
        QString error;
        QVERIFY2(PrivateNetworkNamespace::enterFresh(&error), qPrintable(error));
        // Different parity at the ends: no kernel warning, and all 4 ports are scanned.
        QVERIFY(writeSysctl("ip_local_port_range", "40000 40003"));
        QVERIFY(writeSysctl("tcp_timestamps", "1"));
    }

    void cleanup()
    {
        for (int fd : m_fds)
            close(fd);
        m_fds.clear();
        m_bindToLo = false;
    }

    // The worked budget starts from the tuple's own client: tw-alpha connects to :8080 from two
    // source addresses, tw-beta to :8081 from a third. Counting every tuple towards 127.0.0.1
    // gave tw-beta's tuple 3 source addresses and 2 ports, none of them its own.
    void kernelMultipliersAreTheTuplesOwn()
    {
        const int first = listenOn("127.0.0.1");
        const int second = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const sockaddr_in secondAddress = address("127.0.0.1", ServerPort + 1);
        QVERIFY(first >= 0 && second >= 0);
        m_fds.push_back(second);
        QVERIFY(bind(second, reinterpret_cast<const sockaddr *>(&secondAddress), sizeof secondAddress) == 0);
        QVERIFY(listen(second, 64) == 0);
        const auto client = [](const char *name, std::vector<const char *> sources, quint16 port) {
            return spawn(name, [sources, port](int commands, int answers) {
                std::vector<int> held;
                for (const char *source : sources) {
                    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
                    const sockaddr_in local = address(source, 0), remote = address("127.0.0.1", port);
                    if (bind(fd, reinterpret_cast<const sockaddr *>(&local), sizeof local) != 0
                        || ::connect(fd, reinterpret_cast<const sockaddr *>(&remote), sizeof remote) != 0)
                        ::_exit(1);
                    held.push_back(fd);
                }
                say(answers);
                hear(commands);
            });
        };
        Child alpha = client("tw-alpha", {"127.0.0.1", "127.0.0.2"}, ServerPort);
        Child beta = client("tw-beta", {"127.0.0.3"}, ServerPort + 1);
        QVERIFY(alpha.receive() && beta.receive());

        SnapshotCollector collector({});
        CoreMessage error;
        const auto snapshot = collector.collect(&error);
        QVERIFY(snapshot);
        QCOMPARE(int(snapshot->portPressure.size()), 3);
        const auto tupleFrom = [&](const char *source) -> const PortPressure * {
            std::array<std::uint8_t, 16> bytes {};
            inet_pton(AF_INET, source, bytes.data());
            for (const PortPressure &p : snapshot->portPressure) {
                if (p.localAddress == bytes)
                    return &p;
            }
            return nullptr;
        };
        QVERIFY(tupleFrom("127.0.0.1") && tupleFrom("127.0.0.2") && tupleFrom("127.0.0.3"));
        const PortBudgetMultipliers own = PortBudget::multipliersOf(*snapshot, *tupleFrom("127.0.0.3"));
        QCOMPARE(own.sourceAddresses, 1);
        QCOMPARE(own.destinationPorts, 1);
        QCOMPARE(own.client, std::string("tw-beta"));
        const PortBudgetMultipliers spread = PortBudget::multipliersOf(*snapshot, *tupleFrom("127.0.0.2"));
        QCOMPARE(spread.sourceAddresses, 2);
        QCOMPARE(spread.destinationPorts, 1);
        QCOMPARE(spread.client, std::string("tw-alpha"));

        // Without owners nobody is known to make the tuple: its own figures.
        Snapshot withoutOwners = *snapshot;
        withoutOwners.owners = SocketOwnership();
        const PortBudgetMultipliers unknown = PortBudget::multipliersOf(withoutOwners, *tupleFrom("127.0.0.2"));
        QCOMPARE(unknown.sourceAddresses, 1);
        QCOMPARE(unknown.destinationPorts, 1);
        QCOMPARE(unknown.client, std::string());
        alpha.send();
        beta.send();
        alpha.reap();
        beta.reap();
    }

    void kernelLoopbackReuseBudget_data()
    {
        QTest::addColumn<int>("reuse");
        QTest::addColumn<bool>("reused");
        QTest::newRow("tcp_tw_reuse=2") << 2 << true;
        QTest::newRow("tcp_tw_reuse=1") << 1 << true;
        QTest::newRow("tcp_tw_reuse=0") << 0 << false;
    }

    void kernelLoopbackReuseBudget()
    {
        QFETCH(int, reuse);
        QFETCH(bool, reused);
        if (!QFile::exists(QStringLiteral("/proc/sys/net/ipv4/tcp_tw_reuse_delay")))
            QSKIP("no tcp_tw_reuse_delay (before 6.14): the delay cannot be set, so this test cannot hold it still");
        QVERIFY(writeSysctl("tcp_tw_reuse", QByteArray::number(reuse)));
        // A delay far longer than the test: every entry is "younger than the delay".
        QVERIFY(writeSysctl("tcp_tw_reuse_delay", "60000"));
        const int listener = listenOn("127.0.0.1");
        QVERIFY(listener >= 0);
        const std::vector<quint16> ports = fillRange("127.0.0.1", listener);
        QCOMPARE(int(ports.size()), 4);
        // connect() scans the low end's parity first (__inet_hash_connect): 40000 and 40002
        // go before 40001 and 40003.
        QCOMPARE(ports[0] % 2, 0);
        QCOMPARE(ports[1] % 2, 0);
        QCOMPARE(ports[2] % 2, 1);
        QCOMPARE(ports[3] % 2, 1);
        QTRY_COMPARE(timeWaitRows(), 4);

        QCOMPARE(connectTo("127.0.0.1"), -EADDRNOTAVAIL);

        // Entries now older than the delay (1 ms, compared when connect() runs).
        QVERIFY(writeSysctl("tcp_tw_reuse_delay", "1"));
        QThread::msleep(20);
        const qint64 recycledBefore = timeWaitRecycled();
        const int fifth = connectTo("127.0.0.1");
        if (!reused) {
            QCOMPARE(fifth, -EADDRNOTAVAIL);
            QCOMPARE(timeWaitRecycled(), recycledBefore);
            return;
        }
        QVERIFY2(fifth >= 0, qPrintable(QString::fromLocal8Bit(strerror(-fifth))));
        m_fds.push_back(fifth);
        QCOMPARE(timeWaitRecycled(), recycledBefore + 1);
        QVERIFY(std::find(ports.begin(), ports.end(), localPort(fifth)) != ports.end());
        QCOMPARE(timeWaitRows(), 3);
    }

    void kernelNotLoopback_data()
    {
        QTest::addColumn<int>("reuse");
        QTest::addColumn<QByteArray>("address");
        QTest::addColumn<bool>("bindToLo");
        QTest::addColumn<bool>("reused");
        QTest::newRow("tcp_tw_reuse=2 skips a veth address") << 2 << QByteArray("10.9.0.1") << false << false;
        QTest::newRow("tcp_tw_reuse=1 reaches it") << 1 << QByteArray("10.9.0.1") << false << true;
        QTest::newRow("tcp_tw_reuse=2 skips a non-127 address on lo") << 2 << QByteArray("10.9.1.1") << false << false;
        QTest::newRow("tcp_tw_reuse=2 takes it with SO_BINDTODEVICE lo") << 2 << QByteArray("10.9.1.1") << true << true;
    }

    void kernelNotLoopback()
    {
        QFETCH(int, reuse);
        QFETCH(QByteArray, address);
        QFETCH(bool, bindToLo);
        QFETCH(bool, reused);
        if (!QFile::exists(QStringLiteral("/proc/sys/net/ipv4/tcp_tw_reuse_delay")))
            QSKIP("no tcp_tw_reuse_delay (before 6.14)");
        // The host's own non-127 addresses: the packets go through lo either way, but
        // tcp_twsk_unique() looks at the entry's addresses and at a binding to lo, not at the route.
        QString error;
        const auto ip = [&](const QStringList &arguments) {
            return PrivateNetworkNamespace::run(QStringList {QStringLiteral("ip")} + arguments, &error);
        };
        QVERIFY2(ip(QStringList {QStringLiteral("link"), QStringLiteral("add"), QStringLiteral("sv0"), QStringLiteral("type"),
                                 QStringLiteral("veth"), QStringLiteral("peer"), QStringLiteral("name"), QStringLiteral("sv1")}),
                 qPrintable(error));
        QVERIFY2(ip({QStringLiteral("addr"), QStringLiteral("add"), QStringLiteral("10.9.0.1/24"), QStringLiteral("dev"),
                     QStringLiteral("sv0")}),
                 qPrintable(error));
        QVERIFY2(ip({QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("sv0"), QStringLiteral("up")}),
                 qPrintable(error));
        QVERIFY2(ip({QStringLiteral("addr"), QStringLiteral("add"), QStringLiteral("10.9.1.1/32"), QStringLiteral("dev"),
                     QStringLiteral("lo")}),
                 qPrintable(error));
        QVERIFY(writeSysctl("tcp_tw_reuse", QByteArray::number(reuse)));
        QVERIFY(writeSysctl("tcp_tw_reuse_delay", "60000"));
        m_bindToLo = bindToLo;
        const int listener = listenOn(address.constData());
        QVERIFY(listener >= 0);
        QCOMPARE(int(fillRange(address.constData(), listener).size()), 4);
        QTRY_COMPARE(timeWaitRows(), 4);
        QCOMPARE(connectTo(address.constData()), -EADDRNOTAVAIL);
        QVERIFY(writeSysctl("tcp_tw_reuse_delay", "1"));
        QThread::msleep(20);
        const int fifth = connectTo(address.constData());
        if (reused) {
            QVERIFY2(fifth >= 0, qPrintable(QString::fromLocal8Bit(strerror(-fifth))));
            m_fds.push_back(fifth);
        } else {
            QCOMPARE(fifth, -EADDRNOTAVAIL);
        }
    }

    // tcp_timestamps = 0 stops new connections from recording the peer's timestamp, but
    // tcp_twsk_unique() hands the taken-over entry's record (tw_ts_recent_stamp) to the new
    // connection and tcp_time_wait() puts it into that connection's entry: switched off under
    // load, reuse goes on, without timestamps; off from the start, nothing is taken over.
    void kernelTimestampsOff_data()
    {
        QTest::addColumn<bool>("switchedUnderLoad");
        QTest::newRow("switched to 0 after the entries were made") << true;
        QTest::newRow("0 from the start") << false;
    }

    void kernelTimestampsOff()
    {
        QFETCH(bool, switchedUnderLoad);
        if (!QFile::exists(QStringLiteral("/proc/sys/net/ipv4/tcp_tw_reuse_delay")))
            QSKIP("no tcp_tw_reuse_delay (before 6.14)");
        QVERIFY(writeSysctl("tcp_tw_reuse", "1"));
        QVERIFY(writeSysctl("tcp_tw_reuse_delay", "1"));
        if (!switchedUnderLoad)
            QVERIFY(writeSysctl("tcp_timestamps", "0"));
        const int listener = listenOn("127.0.0.1");
        QVERIFY(listener >= 0);
        const std::vector<quint16> ports = fillRange("127.0.0.1", listener);
        QCOMPARE(int(ports.size()), 4);
        QTRY_COMPARE(timeWaitRows(), 4);
        QVERIFY(writeSysctl("tcp_timestamps", "0"));
        const qint64 recycledBefore = timeWaitRecycled();
        // Two rounds over the whole range: the second takes over entries made by connections
        // that never carried a timestamp.
        for (int round = 0; round < 2; ++round) {
            QThread::msleep(20); // every entry older than the 1 ms delay
            for (int i = 0; i < 4; ++i) {
                const int client = connectTo("127.0.0.1");
                if (!switchedUnderLoad) {
                    QCOMPARE(client, -EADDRNOTAVAIL);
                    QCOMPARE(timeWaitRecycled(), recycledBefore);
                    return;
                }
                QVERIFY2(client >= 0,
                         qPrintable(QStringLiteral("round %1, connection %2: %3")
                                        .arg(round)
                                        .arg(i)
                                        .arg(QString::fromLocal8Bit(strerror(-client)))));
                tcp_info info {};
                socklen_t length = sizeof info;
                QCOMPARE(getsockopt(client, IPPROTO_TCP, TCP_INFO, &info, &length), 0);
                QCOMPARE(info.tcpi_options & TCPI_OPT_TIMESTAMPS, 0);
                QVERIFY(std::find(ports.begin(), ports.end(), localPort(client)) != ports.end());
                QVERIFY(closeClientFirst(client, listener));
            }
            QTRY_COMPARE(timeWaitRows(), 4);
        }
        QCOMPARE(timeWaitRecycled(), recycledBefore + 8);
        // So the budget cannot promise EADDRNOTAVAIL with tcp_timestamps = 0, and says both cases.
        PortBudgetSettings settings;
        settings.rangeValid = true;
        settings.rangeLow = 40000;
        settings.rangeHigh = 40003;
        settings.tcpTwReuse = 1;
        settings.tcpTimestamps = 0;
        settings.reuseDelayMs = 1;
        const PortBudget budget = PortBudget::compute(settings, {true, 1, 1});
        QCOMPARE(int(budget.reuse), int(PortBudget::Reuse::NoTimestamps));
        QVERIFY(!budget.fullMeansAddressNotAvailable());
        QVERIFY(PortBudgetText::whenFull(budget).contains(QLatin1String("inherits the entry's record")));
    }

    void kernelBindConnectBypass_data()
    {
        QTest::addColumn<bool>("oldReuseAddress");
        QTest::addColumn<bool>("timestamps");
        QTest::newRow("old sockets without SO_REUSEADDR") << false << true;
        QTest::newRow("old sockets with SO_REUSEADDR") << true << true;
        // The entry must have recorded a peer timestamp (tw_ts_recent_stamp), bypass or not.
        QTest::newRow("with SO_REUSEADDR, tcp_timestamps 0") << true << false;
    }

    void kernelBindConnectBypass()
    {
        // tcp_tw_reuse=0: connect() with a port of its own choosing never takes over an entry,
        // but bind(port) + connect() does (__inet_hash_connect passes no twp to
        // __inet_check_established, and tcp_twsk_unique() then needs only a recorded timestamp)
        // once bind() gets the port: the entries inherit SO_REUSEADDR from their sockets
        // (tw_reuse), and bind() needs it on both sides.
        QFETCH(bool, oldReuseAddress);
        QFETCH(bool, timestamps);
        QVERIFY(writeSysctl("tcp_tw_reuse", "0"));
        if (!timestamps)
            QVERIFY(writeSysctl("tcp_timestamps", "0"));
        const int listener = listenOn("127.0.0.1");
        QVERIFY(listener >= 0);
        const std::vector<quint16> ports = fillRange("127.0.0.1", listener, oldReuseAddress);
        QCOMPARE(int(ports.size()), 4);
        QTRY_COMPARE(timeWaitRows(), 4);
        QCOMPARE(connectTo("127.0.0.1"), -EADDRNOTAVAIL);
        QCOMPARE(connectTo("127.0.0.1", false, ports[0]), -EADDRINUSE);
        const qint64 recycledBefore = timeWaitRecycled();
        const int taken = connectTo("127.0.0.1", true, ports[0]);
        if (!oldReuseAddress) {
            QCOMPARE(taken, -EADDRINUSE);
            QCOMPARE(timeWaitRecycled(), recycledBefore);
            return;
        }
        if (!timestamps) {
            QCOMPARE(taken, -EADDRNOTAVAIL);
            QCOMPARE(timeWaitRecycled(), recycledBefore);
            return;
        }
        QVERIFY2(taken >= 0, qPrintable(QString::fromLocal8Bit(strerror(-taken))));
        m_fds.push_back(taken);
        QCOMPARE(localPort(taken), ports[0]);
        QCOMPARE(timeWaitRecycled(), recycledBefore + 1);
        QCOMPARE(timeWaitRows(), 3);
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestPortBudget, QCoreApplication)
#include "tst_portbudget.moc"
