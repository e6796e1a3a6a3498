#include "netnstestmain.h"
#include "corewords.h"
#include "processrun.h"
#include "core/snapshot/snapshotcollector.h"
#include "socketpopulation.h"
#include "ssoracle.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QProcess>
#include <QTest>

#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

// `sockscope --once` as a user runs it: a separate process, in the namespace the test built.
class TestOnceCommand : public QObject
{
    Q_OBJECT

    using Run = ProcessRun;

    std::unique_ptr<SocketPopulation> m_population;

    static Run run(const QStringList &arguments, const QStringList &prefix = {}, bool withoutDisplay = false)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        if (withoutDisplay) {
            // As on a server: no X display, no Qt platform chosen.
            environment.remove(QStringLiteral("DISPLAY"));
            environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
            environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
        }
        const QStringList argv = prefix + QStringList {QStringLiteral(SOCKSCOPE_BINARY)} + arguments;
        return ProcessRun::run(argv.first(), argv.mid(1), environment);
    }

    static QJsonObject runJson(const QStringList &arguments, const QStringList &prefix = {})
    {
        const Run result =
            run(QStringList {QStringLiteral("--once"), QStringLiteral("--format"), QStringLiteral("json")} + arguments, prefix);
        if (result.exitCode != 0)
            qWarning("sockscope failed (%d): %s", result.exitCode, result.err.constData());
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(result.out, &error);
        if (error.error != QJsonParseError::NoError)
            qWarning("bad JSON: %s", qPrintable(error.errorString()));
        return document.object();
    }

    static int portCount(const QJsonArray &counts, int port)
    {
        for (const QJsonValue &entry : counts) {
            if (entry[QLatin1String("port")].toInt() == port)
                return entry[QLatin1String("count")].toInt();
        }
        return 0;
    }

private slots:
    void initTestCase()
    {
        // 35 sockets: LISTEN 2, ESTABLISHED 6, TIME-WAIT 27 (9 on local port 9000, 12 towards it,
        // 6 IPv6 on local port 9443).
        m_population = std::make_unique<SocketPopulation>();
        QVERIFY2(m_population->commandLinePopulation(), qPrintable(m_population->error()));
        SsOracle ss;
        QString error;
        QTRY_VERIFY_WITH_TIMEOUT(ss.run(&error) && ss.total == 35 && ss.count("TIME-WAIT") == 27, 5000);
    }

    void jsonAgreesWithCollectorAndSs()
    {
        const QJsonObject json = runJson({QStringLiteral("--top"), QStringLiteral("3")});
        QCOMPARE(json[QLatin1String("schema")].toString(), QStringLiteral("sockscope.snapshot/1"));
        QVERIFY(json[QLatin1String("consistent")].toBool());

        SnapshotCollector collector({});
        QString error;
        const auto snapshot = collectWorded(collector, &error);
        QVERIFY2(snapshot, qPrintable(error));
        SsOracle ss;
        QVERIFY2(ss.run(&error), qPrintable(error));

        const QJsonObject states = json[QLatin1String("states")].toObject();
        for (const TcpState state : tcpStatesInDisplayOrder()) {
            const int fromJson = states[QLatin1String(tcpStateKey(state))].toInt(-1);
            QCOMPARE(fromJson, int(snapshot->count(state)));
            if (state != TcpState::SynRecv && state != TcpState::NewSynRecv)
                QCOMPARE(fromJson, ss.count(tcpStateSsName(state)));
        }
        QCOMPARE(states[QLatin1String("TIME-WAIT")].toInt(), 27);
        QCOMPARE(states[QLatin1String("ESTABLISHED")].toInt(), 6);
        QCOMPARE(json[QLatin1String("sockets_total")][QLatin1String("all")].toInt(), 35);
        QCOMPARE(json[QLatin1String("sockets_total")][QLatin1String("ipv6")].toInt(), 1 + 6 + 2);

        const QJsonObject timeWait = json[QLatin1String("time_wait")].toObject();
        const QJsonArray byLocal = timeWait[QLatin1String("by_local_port")].toArray();
        const QJsonArray byRemote = timeWait[QLatin1String("by_remote_port")].toArray();
        // The 12 client-side entries' local ports are inside ip_local_port_range: summed beside the
        // list, which keeps a number in every "port" (sockscope.snapshot/1) and holds the other two.
        QCOMPARE(byLocal.size(), 2);
        for (const QJsonValue &entry : byLocal)
            QVERIFY(entry[QLatin1String("port")].isDouble());
        const QJsonObject localEphemeral = timeWait[QLatin1String("by_local_port_ephemeral")].toObject();
        QCOMPARE(localEphemeral[QLatin1String("count")].toInt(), 12);
        QCOMPARE(localEphemeral[QLatin1String("range")].toArray(), QJsonArray({32768, 60999}));
        QCOMPARE(byLocal[0][QLatin1String("port")].toInt(), 9000);
        QCOMPARE(portCount(byLocal, 9000), 9);
        QCOMPARE(portCount(byLocal, 9443), 6);
        QCOMPARE(portCount(byLocal, 9000), ss.timeWaitByLocalPort.value(9000));
        QCOMPARE(portCount(byRemote, 9000), 12);
        QCOMPARE(portCount(byRemote, 9000), ss.timeWaitByRemotePort.value(9000));
        QCOMPARE(timeWait[QLatin1String("distinct_local_ports")].toInt(), ss.timeWaitByLocalPort.size());

        const QJsonObject pressure = json[QLatin1String("port_pressure")].toObject();
        QCOMPARE(pressure[QLatin1String("range_size")].toInt(), 28232);
        const QJsonObject busiest = pressure[QLatin1String("tuples")].toArray().first().toObject();
        QCOMPARE(busiest[QLatin1String("remote_port")].toInt(), 9000);
        QCOMPARE(busiest[QLatin1String("in_use")].toInt(), 12 + 2); // client TIME-WAIT + live clients

        const QJsonObject sysctls = json[QLatin1String("sysctls")].toObject();
        QCOMPARE(sysctls[QLatin1String("net.ipv4.ip_local_port_range")][QLatin1String("value")].toString(),
                 QStringLiteral("32768 60999"));
        QCOMPARE(sysctls.size(), 16); // the catalog plus tcp_ehash_entries and ip_unprivileged_port_start
        // tcp_tw_recycle is read, not assumed gone: absent on this kernel (removed in 4.12).
        QCOMPARE(sysctls[QLatin1String("net.ipv4.tcp_tw_recycle")][QLatin1String("state")].toString(), QStringLiteral("absent"));
        // tcp_max_orphans is global: a child namespace does not have it.
        QCOMPARE(sysctls[QLatin1String("net.ipv4.tcp_max_orphans")][QLatin1String("state")].toString(), QStringLiteral("absent"));
        QVERIFY(sysctls[QLatin1String("net.ipv4.tcp_max_orphans")][QLatin1String("value")].isNull());
        QVERIFY(json[QLatin1String("counters")][QLatin1String("TcpExt")][QLatin1String("TW")].toInt() >= 27);
        // PAWS rejects in TIME-WAIT count in PAWSTimewait on this kernel: offered where the kernel has it.
        QFile netstat(QStringLiteral("/proc/net/netstat"));
        QVERIFY(netstat.open(QIODevice::ReadOnly));
        const bool pawsTimewait = netstat.readAll().contains(" PAWSTimewait ");
        QCOMPARE(json[QLatin1String("counters")][QLatin1String("TcpExt")].toObject().contains(QLatin1String("PAWSTimewait")),
                 pawsTimewait);
        if (pawsTimewait)
            QCOMPARE(json[QLatin1String("counters")][QLatin1String("TcpExt")][QLatin1String("PAWSTimewait")].toInt(-1), 0);
        QCOMPARE(json[QLatin1String("slab")][QLatin1String("caches")].toArray().size(), 6);
        QVERIFY(!json.contains(QLatin1String("sockets")));
    }

    void everySocketWithSocketsFlag()
    {
        const QJsonObject json = runJson({QStringLiteral("--sockets")});
        const QJsonArray sockets = json[QLatin1String("sockets")].toArray();
        QCOMPARE(sockets.size(), 35);
        int timeWait = 0;
        for (const QJsonValue &socket : sockets) {
            if (socket[QLatin1String("state")].toString() != QLatin1String("TIME-WAIT"))
                continue;
            ++timeWait;
            QCOMPARE(socket[QLatin1String("timer")].toString(), QStringLiteral("timewait"));
            QVERIFY(socket[QLatin1String("expires_ms")].toInt() <= 60000);
            QVERIFY(socket[QLatin1String("local")].toString() == QLatin1String("127.0.0.1")
                    || socket[QLatin1String("local")].toString() == QLatin1String("::1"));
        }
        QCOMPARE(timeWait, 27);
    }

    void statesFilter()
    {
        const QJsonObject json = runJson({QStringLiteral("--states"), QStringLiteral("time-wait")});
        QCOMPARE(json[QLatin1String("sockets_total")][QLatin1String("all")].toInt(), 27);
        // Uncounted states are null, never 0; the counted one has its real count.
        const QJsonObject states = json[QLatin1String("states")].toObject();
        QCOMPARE(states.size(), 12);
        QVERIFY(states[QLatin1String("LISTEN")].isNull());
        QVERIFY(states[QLatin1String("ESTABLISHED")].isNull());
        QCOMPARE(states[QLatin1String("TIME-WAIT")].toInt(-1), 27);
        QCOMPARE(json[QLatin1String("time_wait")][QLatin1String("total")].toInt(-1), 27);
        QCOMPARE(json[QLatin1String("state_filter")].toArray(), QJsonArray {QStringLiteral("TIME-WAIT")});

        // Without TIME-WAIT in the filter, its total is not a count either.
        const QJsonObject established = runJson({QStringLiteral("--states"), QStringLiteral("established")});
        QCOMPARE(established[QLatin1String("states")][QLatin1String("ESTABLISHED")].toInt(-1), 6);
        QVERIFY(established[QLatin1String("states")][QLatin1String("TIME-WAIT")].isNull());
        QVERIFY(established[QLatin1String("time_wait")][QLatin1String("total")].isNull());
        // No filter: every state is a number.
        for (const QJsonValue &count : runJson({})[QLatin1String("states")].toObject())
            QVERIFY(count.isDouble());
        // Slab caches for states that were not dumped are not guessed at.
        for (const QJsonValue &cache : json[QLatin1String("slab")][QLatin1String("caches")].toArray()) {
            if (cache[QLatin1String("name")].toString() == QLatin1String("TCP")
                && cache[QLatin1String("source")].toString() == QLatin1String("estimate"))
                QFAIL("TCP slab estimated from a TIME-WAIT-only dump");
        }
    }

    void netnsOptionEntersTheNamespace()
    {
        // Started in an empty namespace of its own, sockscope sees nothing...
        const QStringList emptyNamespace {QStringLiteral("unshare"), QStringLiteral("-n")};
        QCOMPARE(runJson({}, emptyNamespace)[QLatin1String("sockets_total")][QLatin1String("all")].toInt(), 0);
        // ...until --netns points it at this test's namespace.
        const QString here = QStringLiteral("/proc/%1/task/%2/ns/net").arg(getpid()).arg(syscall(SYS_gettid));
        const QJsonObject json = runJson({QStringLiteral("--netns"), here}, emptyNamespace);
        QCOMPARE(json[QLatin1String("sockets_total")][QLatin1String("all")].toInt(), 35);
        QCOMPARE(json[QLatin1String("netns")][QLatin1String("label")].toString(), here);
        QCOMPARE(json[QLatin1String("netns")][QLatin1String("id")].toString(),
                 QFile::symLinkTarget(QStringLiteral("/proc/thread-self/ns/net")).section(QLatin1Char('/'), -1));
    }

    void textFormat()
    {
        const Run result = run({QStringLiteral("--once"), QStringLiteral("--lang"), QStringLiteral("en")});
        QCOMPARE(result.exitCode, 0);
        const QString text = QString::fromUtf8(result.out);
        QVERIFY2(text.contains(QLatin1String("TCP sockets: 35 (IPv4 26, IPv6 9)")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("TIME-WAIT 27")), qPrintable(text));
        // Each port with its busiest owner: this test's process holds both ends. The clients'
        // ports, inside ip_local_port_range, are one entry each side.
        QVERIFY2(text.contains(QStringLiteral(
                     "by local port:  ephemeral 32768–60999 ×12, 9000 ×9 (tst_oncecommand), 9443 ×6 (tst_oncecommand)\n")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("by remote port: ephemeral 32768–60999 ×15, 9000 ×12 (tst_oncecommand)\n")),
                 qPrintable(text));
        // Asked for, they are ports again: the 12 client-side entries' local ports, one each.
        const Run listed =
            run({QStringLiteral("--once"), QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--ephemeral-ports")});
        QCOMPARE(listed.exitCode, 0);
        QVERIFY2(QString::fromUtf8(listed.out)
                     .contains(QStringLiteral("by local port:  9000 ×9 (tst_oncecommand), 9443 ×6 (tst_oncecommand), ")),
                 listed.out.constData());
        QVERIFY(!QString::fromUtf8(listed.out).contains(QStringLiteral("ephemeral 32768")));
        // The busiest tuple is loopback: with the fresh namespace's tcp_tw_reuse=2 the budget is the
        // range over the reuse delay, not over 60 s.
        QVERIFY2(text.contains(QLatin1String("  budget: About 28,232 new connections per second towards that "
                                             "destination (local address, remote address, remote port) when this "
                                             "host closes first: tcp_tw_reuse takes over TIME-WAIT entries older than ")),
                 qPrintable(text));
        QVERIFY2(text.contains(QLatin1String(
                     "net.ipv4.tcp_max_orphans = (not in this namespace: it is global, only the host's namespace has it)")),
                 qPrintable(text));
        // sockstat mixes scopes: inuse and tw are the namespace's, orphan, alloc and mem the host's
        // (tcp_orphan_count_sum, tcp_sockets_allocated, tcp_memory_allocated).
        QVERIFY2(
            QRegularExpression(
                QStringLiteral("sockstat: this namespace inuse \\d+, tw 27; host-wide orphan \\d+, alloc \\d+, mem \\d+ pages\n"))
                .match(text)
                .hasMatch(),
            qPrintable(text));
        // A fresh namespace reserves no ports: say so rather than print nothing.
        QVERIFY2(text.contains(QLatin1String("net.ipv4.ip_local_reserved_ports = (empty)\n")), qPrintable(text));
        if (text.contains(QLatin1String("net.ipv4.tcp_ehash_entries = -")))
            QVERIFY2(text.contains(QLatin1String("(negative: this namespace shares the host's hash table)")), qPrintable(text));
    }

    void textFormatWithStatesFilter()
    {
        const Run result = run({QStringLiteral("--once"), QStringLiteral("--lang"), QStringLiteral("en"),
                                QStringLiteral("--states"), QStringLiteral("time-wait,established")});
        QCOMPARE(result.exitCode, 0);
        const QString text = QString::fromUtf8(result.out);
        QVERIFY2(text.contains(QLatin1String("states counted: established, time-wait (filter)\n")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("States: ESTABLISHED 6, TIME-WAIT 27\n")), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("LISTEN")), qPrintable(text)); // not counted, so not "LISTEN 0"
        const QString listenOnly =
            QString::fromUtf8(run({QStringLiteral("--once"), QStringLiteral("--lang"), QStringLiteral("en"),
                                   QStringLiteral("--states"), QStringLiteral("listen")})
                                  .out);
        QVERIFY2(listenOnly.contains(
                     QLatin1String("States: LISTEN 2\nTIME-WAIT: not counted (not in --states); timewait table (sockstat tw, "
                                   "TIME-WAIT and orphaned FIN-WAIT-2) 27 of tcp_max_tw_buckets")),
                 qPrintable(listenOnly));
        QVERIFY2(!listenOnly.contains(QLatin1String("TIME-WAIT 0")) && !listenOnly.contains(QLatin1String("ESTABLISHED 0")),
                 qPrintable(listenOnly));
        // Without --states, no filter line.
        QVERIFY(!QString::fromUtf8(run({QStringLiteral("--once"), QStringLiteral("--lang"), QStringLiteral("en")}).out)
                     .contains(QLatin1String("states counted")));
    }

    void ratesWithInterval()
    {
        const QJsonObject json = runJson({QStringLiteral("--interval"), QStringLiteral("0.5")});
        const QJsonObject rates = json[QLatin1String("rates_per_second")].toObject();
        QVERIFY(!rates.isEmpty());
        QVERIFY(rates[QLatin1String("interval_s")].toDouble() >= 0.5);
        QCOMPARE(rates[QLatin1String("TcpExt.TW")].toDouble(), 0.0); // nothing closed meanwhile
        QVERIFY(!rates.contains(QLatin1String("Tcp.CurrEstab")));
    }

    void slabinfoUnreadableIsFlagged()
    {
        // Root reads /proc/slabinfo: drop to nobody for this run. Unprivileged, it is unreadable anyway.
        QStringList prefix;
        if (QFile(QStringLiteral("/proc/slabinfo")).open(QIODevice::ReadOnly))
            prefix = QStringList {QStringLiteral("setpriv"), QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                                  QStringLiteral("--clear-groups"), QStringLiteral("--")};
        const QJsonObject json = runJson({}, prefix);
        const QJsonObject slab = json[QLatin1String("slab")].toObject();
        QCOMPARE(slab[QLatin1String("slabinfo_readable")].toBool(true), false);
        QVERIFY(slab[QLatin1String("slabinfo_error")].toString().contains(QLatin1String("root")));
        QVERIFY(slab[QLatin1String("estimate_basis")].toString().contains(QLatin1String("BTF")));
        for (const QJsonValue &cache : slab[QLatin1String("caches")].toArray()) {
            QCOMPARE(cache[QLatin1String("source")].toString(), QStringLiteral("estimate"));
            QCOMPARE(cache[QLatin1String("exact")].toBool(true), false);
            if (cache[QLatin1String("name")].toString() == QLatin1String("tw_sock_TCP")) {
                QCOMPARE(cache[QLatin1String("active_objects")].toInt(), 21); // IPv4 TIME-WAIT
                QCOMPARE(cache[QLatin1String("bytes")].toInt(), 21 * cache[QLatin1String("object_size")].toInt());
                QVERIFY(cache[QLatin1String("object_size")].toInt() >= 128); // never a silent zero
            }
        }
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("unknown option") << QStringList {QStringLiteral("--bogus")};
        QTest::newRow("unknown format") << QStringList {QStringLiteral("--once"), QStringLiteral("--format"),
                                                        QStringLiteral("xml")};
        QTest::newRow("negative top") << QStringList {QStringLiteral("--once"), QStringLiteral("--top"), QStringLiteral("-1")};
        QTest::newRow("top not a number") << QStringList {QStringLiteral("--once"), QStringLiteral("--top"),
                                                          QStringLiteral("ten")};
        QTest::newRow("sockets without json") << QStringList {QStringLiteral("--once"), QStringLiteral("--sockets")};
        QTest::newRow("interval too long") << QStringList {QStringLiteral("--once"), QStringLiteral("--interval"),
                                                           QStringLiteral("20")};
        QTest::newRow("unknown state") << QStringList {QStringLiteral("--once"), QStringLiteral("--states"),
                                                       QStringLiteral("waiting")};
        QTest::newRow("unknown language") << QStringList {QStringLiteral("--once"), QStringLiteral("--lang"),
                                                          QStringLiteral("fr")};
        QTest::newRow("stray argument") << QStringList {QStringLiteral("--once"), QStringLiteral("now")};
        QTest::newRow("missing value") << QStringList {QStringLiteral("--once"), QStringLiteral("--netns")};
        // Window options are checked before any display is needed.
        QTest::newRow("window: unknown view") << QStringList {QStringLiteral("--screenshot"), QStringLiteral("a.png"),
                                                              QStringLiteral("--view"), QStringLiteral("everything")};
        QTest::newRow("window: not a png") << QStringList {QStringLiteral("--screenshot"), QStringLiteral("a.jpg")};
        QTest::newRow("window: zero samples")
            << QStringList {QStringLiteral("--benchmark"), QStringLiteral("--samples"), QStringLiteral("0")};
    }

    void badArguments()
    {
        QFETCH(QStringList, arguments);
        const Run result = run(arguments, {}, true);
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.out.isEmpty());
        QVERIFY2(result.err.contains("\nsockscope: ") || result.err.startsWith("sockscope: "), result.err.constData());
        // The one wrong thing and a hint, not the whole help (tst_commandline checks the wording).
        QVERIFY2(result.err.endsWith("\nTry 'sockscope --help'.\n") && !result.err.contains("Usage:"), result.err.constData());
    }

    void runtimeErrors_data()
    {
        QTest::addColumn<QString>("netns");
        QTest::addColumn<QString>("message");
        QTest::newRow("no such name") << QStringLiteral("sockscope-test-absent")
                                      << QStringLiteral("/var/run/netns/sockscope-test-absent: No such file or directory");
        QTest::newRow("not a namespace") << QStringLiteral("/etc/hostname") << QStringLiteral("is not a network namespace");
    }

    void runtimeErrors()
    {
        QFETCH(QString, netns);
        QFETCH(QString, message);
        const Run result = run({QStringLiteral("--once"), QStringLiteral("--netns"), netns});
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.out.isEmpty());
        QCOMPARE(result.err.count('\n'), 1); // one clear line
        QVERIFY2(QString::fromUtf8(result.err).contains(message), result.err.constData());
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestOnceCommand, QCoreApplication)
#include "tst_oncecommand.moc"
