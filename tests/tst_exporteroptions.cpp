#include "exporterprocess.h"
#include "httpscrape.h"
#include "ownedsockets.h"
#include "peernetworknamespace.h"
#include "netnstestmain.h"
#include "processrun.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTest>

#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

// sockscope-agent --metrics-listen, where it listens and what it refuses: with --netns it
// listens where it was started and reports the other namespace; an agent that may not enter the
// namespace says so before it listens; usage errors exit 2 and runtime errors 1. In the test's
// own network namespace.
class TestExporterOptions : public QObject
{
    Q_OBJECT

    static constexpr quint16 AgentPort = 9941;

private slots:
    // --netns NAME|PATH with --metrics-listen: the exporter listens where the agent was started
    // (a socket stays in the namespace it was made in) and reports the other namespace's
    // sockets. Here the other namespace holds one listener and nothing else, so the scrape
    // made from the test's namespace sees exactly 1 LISTEN socket, none of the test's 35.
    void netnsListensWhereStarted()
    {
        PeerNetworkNamespace peer;
        QString why;
        QVERIFY2(peer.create(QStringLiteral("exns0"), {"10.89.0.1/24"}, QStringLiteral("exns1"), {"10.89.0.2/24"}, &why),
                 qPrintable(why));
        constexpr quint16 PeerListenerPort = 9100;
        const int listener = peer.inside([] {
            const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            sockaddr_in address {};
            address.sin_family = AF_INET;
            address.sin_port = htons(PeerListenerPort);
            address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            if (fd < 0 || ::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0 || ::listen(fd, 4) != 0)
                return -1;
            return fd;
        });
        QVERIFY(listener >= 0);
        constexpr quint16 NetnsPort = 9946;
        QProcess agent;
        ExporterProcess::start(agent, {"--metrics-listen", "127.0.0.1:" + QString::number(NetnsPort), "--netns", peer.path()},
                               NetnsPort);
        if (QTest::currentTestFailed())
            return; // not listening here (QProcess's destructor ends it)
        const HttpScrape::Reply reply = HttpScrape::get(NetnsPort, "/metrics");
        QCOMPARE(reply.status, 200);
        const auto s = HttpScrape::samples(reply.body);
        QCOMPARE(s.count("sockscope_sockets{family=\"ipv4\",state=\"LISTEN\"}"), std::size_t(1));
        QCOMPARE(s.at("sockscope_sockets{family=\"ipv4\",state=\"LISTEN\"}"), 1.0);
        QCOMPARE(HttpScrape::sum(s, "sockscope_sockets"), 1.0);
        QCOMPARE(s.at("sockscope_timewait_table_entries"), 0.0);
        ExporterProcess::stop(agent);
        ::close(listener);
    }

    // An agent that may not enter the namespace (run as nobody: no CAP_SYS_ADMIN over it) says
    // so and exits 1 before it listens: with its port free, nothing ever listened there; with the
    // port taken, what it says is the refusal, not that it cannot listen (the namespace is tried first).
    void netnsRefusedBeforeListening()
    {
        PeerNetworkNamespace peer;
        QString why;
        QVERIFY2(peer.create(QStringLiteral("exns2"), {"10.89.1.1/24"}, QStringLiteral("exns3"), {"10.89.1.2/24"}, &why),
                 qPrintable(why));
        // The namespace as a descriptor the agent inherits: nobody may open its own descriptors.
        const int inherited = ::open(peer.path().toLocal8Bit().constData(), O_RDONLY);
        QVERIFY(inherited >= 0);
        const auto asNobody = [&](quint16 port) {
            return ProcessRun::run(QStringLiteral("setpriv"),
                                   {"--reuid=65534", "--regid=65534", "--clear-groups", SOCKSCOPE_AGENT, "--metrics-listen",
                                    "127.0.0.1:" + QString::number(port), "--netns",
                                    "/proc/self/fd/" + QString::number(inherited)});
        };
        const QByteArray refusal = "sockscope-agent: netns-enter-denied: /proc/self/fd/" + QByteArray::number(inherited)
            + " (entering a network namespace needs CAP_SYS_ADMIN over it: run the agent as root or through sudo); not "
              "listening on 127.0.0.1:";
        constexpr quint16 Free = 9947, Taken = 9948;
        const ProcessRun free = asNobody(Free);
        QCOMPARE(free.exitCode, 1);
        QVERIFY2(free.err.startsWith(refusal) && !free.err.contains("serving"), free.err.constData());
        const int probe = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const sockaddr_in address = loopback(Free);
        QCOMPARE(::connect(probe, reinterpret_cast<const sockaddr *>(&address), sizeof address), -1);
        QCOMPARE(errno, ECONNREFUSED);
        ::close(probe);
        const int taken = listenOn(Taken);
        QVERIFY(taken >= 0);
        const ProcessRun busy = asNobody(Taken);
        ::close(taken);
        ::close(inherited);
        QCOMPARE(busy.exitCode, 1);
        QVERIFY2(busy.err.startsWith(refusal) && !busy.err.contains("cannot listen"), busy.err.constData());
    }

    // Usage errors exit 2 and runtime errors 1, each with a message saying what is wrong.
    void optionErrors()
    {
        const auto check = [](const QStringList &arguments, int exitCode, const char *said) {
            const ProcessRun run = ProcessRun::run(SOCKSCOPE_AGENT, arguments);
            QVERIFY2(run.exitCode == exitCode, qPrintable(arguments.join(' ') + ": " + QString::number(run.exitCode)));
            QVERIFY2(run.err.contains(said), run.err.constData());
        };
        check({"--metrics-listen"}, 2, "--metrics-listen needs [ADDRESS:]PORT");
        check({"--metrics-listen", "99999"}, 2, "the port must be a number from 1 to 65535");
        check({"--metrics-listen", "0"}, 2, "the port must be a number from 1 to 65535");
        check({"--metrics-listen", "localhost:9941"}, 2, "is not a numeric IPv4 address");
        check({"--metrics-listen", "::1:9941"}, 2, "write an IPv6 address in brackets");
        check({"--metrics-listen", "[::1]9941"}, 2, "is not [IPV6-ADDRESS]:PORT");
        check({"--metrics-listen", "9941", "--metrics-min-interval", "0.1"}, 2, "--metrics-min-interval needs seconds");
        check({"--metrics-listen", "9941", "--top", "5000"}, 2, "--top with --metrics-listen takes 0 to 1000");
        check({"--metrics-listen", "9941", "--interval", "1"}, 2, "do not apply to --metrics-listen");
        check({"--metrics-listen", "9941", "--once"}, 2, "go alone");
        check({"--once", "--metrics-min-interval", "2"}, 2, "--metrics-min-interval applies to --metrics-listen");
        // A port this test listens on; an address this namespace does not have.
        const int taken = listenOn(AgentPort);
        QVERIFY(taken >= 0);
        check({"--metrics-listen", QString::number(AgentPort)}, 1, "cannot listen on 127.0.0.1:9941: Address already in use");
        check({"--metrics-listen", "192.0.2.1:9941"}, 1, "cannot listen on 192.0.2.1:9941: Cannot assign requested address");
        check({"--metrics-listen", "9941", "--netns", "/nonexistent"}, 1, "netns");
        ::close(taken);
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestExporterOptions, QCoreApplication)
#include "tst_exporteroptions.moc"
